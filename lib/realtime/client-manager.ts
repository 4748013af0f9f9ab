import type { RealtimeMessage } from "@/lib/realtime/hub";

/**
 * The browser side of realtime, without React and without a transport: it collects the subscriptions of
 * every component on the page and keeps one connection per identity (the signed-in session, or a web-chat
 * visitor) listening to the union of their topics. Transports plug in as a `Connector`.
 */

export type { RealtimeMessage };
export type RealtimeListener = (message: RealtimeMessage) => void;
export type RealtimeStatus = "connecting" | "live" | "offline";
export type VisitorAuth = { channelId: string; token: string };

/** A synthetic event: the connection came back after a gap, so events may have been missed. */
export const RECONNECTED_EVENT = "reconnected";

export interface ConnectionSink {
  deliver(message: RealtimeMessage): void;
  /** Listeners of these topics may have missed events and should refetch. */
  resumed(topics: readonly string[]): void;
  status(status: RealtimeStatus): void;
}

export interface Connection {
  /** Never empty: the manager closes the connection instead. */
  setTopics(topics: readonly string[]): void;
  close(): void;
}

export type Connector = (visitor: VisitorAuth | undefined, sink: ConnectionSink) => Connection;

type Subscription = { topics: ReadonlySet<string>; listener: RealtimeListener };
type Group = {
  visitor?: VisitorAuth;
  subscriptions: Set<Subscription>;
  connection?: Connection;
  topicsKey: string;
  status: RealtimeStatus;
};

export class RealtimeClient {
  private readonly groups = new Map<string, Group>();
  private readonly statusListeners = new Set<() => void>();
  private status: RealtimeStatus = "connecting";
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Changes are applied after `debounceMs`, so that a page mounting ten components (or React's
   * StrictMode mounting, unmounting and remounting one) opens one connection, not ten.
   */
  constructor(
    private readonly connector: Connector,
    private readonly debounceMs = 50,
  ) {}

  subscribe(topics: readonly string[], listener: RealtimeListener, visitor?: VisitorAuth): () => void {
    const key = visitor ? `visitor:${visitor.channelId}:${visitor.token}` : "session";
    let group = this.groups.get(key);
    if (!group) {
      group = { visitor, subscriptions: new Set(), topicsKey: "", status: "connecting" };
      this.groups.set(key, group);
    }
    const subscription: Subscription = { topics: new Set(topics), listener };
    const owner = group;
    owner.subscriptions.add(subscription);
    this.schedule();
    return () => {
      if (owner.subscriptions.delete(subscription)) this.schedule();
    };
  }

  getStatus = (): RealtimeStatus => this.status;

  subscribeStatus = (onChange: () => void): (() => void) => {
    this.statusListeners.add(onChange);
    return () => this.statusListeners.delete(onChange);
  };

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sync();
    }, this.debounceMs);
  }

  private sync(): void {
    for (const [key, group] of this.groups) {
      const topics = [...new Set([...group.subscriptions].flatMap((s) => [...s.topics]))].sort();
      const topicsKey = topics.join(",");
      if (topics.length === 0) {
        group.connection?.close();
        this.groups.delete(key);
        continue;
      }
      if (!group.connection) {
        group.connection = this.connector(group.visitor, this.sinkFor(group));
        group.connection.setTopics(topics);
      } else if (topicsKey !== group.topicsKey) {
        group.connection.setTopics(topics);
      }
      group.topicsKey = topicsKey;
    }
    this.updateStatus();
  }

  private sinkFor(group: Group): ConnectionSink {
    const isCurrent = () => this.groups.get(this.keyOf(group)) === group;
    return {
      deliver: (message) => {
        for (const subscription of [...group.subscriptions]) {
          if (subscription.topics.has(message.topic)) call(subscription.listener, message);
        }
      },
      resumed: (topics) => {
        for (const subscription of [...group.subscriptions]) {
          for (const topic of topics) {
            if (subscription.topics.has(topic)) call(subscription.listener, { topic, event: RECONNECTED_EVENT, payload: null });
          }
        }
      },
      status: (status) => {
        group.status = status;
        if (isCurrent()) this.updateStatus();
      },
    };
  }

  private keyOf(group: Group): string {
    return group.visitor ? `visitor:${group.visitor.channelId}:${group.visitor.token}` : "session";
  }

  /** The worst state of any open connection: one dead stream is enough for the dot to say so. */
  private updateStatus(): void {
    const states = [...this.groups.values()].filter((g) => g.connection).map((g) => g.status);
    const next: RealtimeStatus = states.includes("offline")
      ? "offline"
      : states.length > 0 && states.every((s) => s === "live")
        ? "live"
        : "connecting";
    if (next === this.status) return;
    this.status = next;
    for (const listener of [...this.statusListeners]) listener();
  }
}

function call(listener: RealtimeListener, message: RealtimeMessage): void {
  try {
    listener(message);
  } catch (error) {
    // A component's handler failing must not starve the others of the event.
    console.error("[realtime] event handler failed", error);
  }
}

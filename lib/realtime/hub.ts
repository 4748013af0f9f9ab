/** One event as it travels through the hub and out of the SSE stream. */
export type RealtimeMessage = { topic: string; event: string; payload: unknown };
export type HubListener = (message: RealtimeMessage) => void;

/**
 * The in-process bus behind SSE: publishers emit, each open stream listens to its topics.
 *
 * A Map of Sets rather than an EventEmitter: a busy inbox can hold hundreds of streams on the `inbox`
 * topic, which would trip EventEmitter's leak warning (or need it switched off, hiding real leaks), and
 * a topic's entry is deleted when its last listener goes, so the map only ever holds live topics.
 */
export class RealtimeHub {
  private readonly listeners = new Map<string, Set<HubListener>>();

  /** Returns the unsubscribe function; calling it twice is harmless. */
  subscribe(topics: readonly string[], listener: HubListener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is still two subscriptions.
    const entry: HubListener = (message) => listener(message);
    const unique = [...new Set(topics)];
    for (const topic of unique) {
      let set = this.listeners.get(topic);
      if (!set) this.listeners.set(topic, (set = new Set()));
      set.add(entry);
    }
    return () => {
      for (const topic of unique) {
        const set = this.listeners.get(topic);
        if (!set) continue;
        set.delete(entry);
        if (set.size === 0) this.listeners.delete(topic);
      }
    };
  }

  emit(topic: string, event: string, payload: unknown): void {
    const set = this.listeners.get(topic);
    if (!set) return;
    // Copy first: a listener may unsubscribe (its stream closed) while we iterate.
    for (const listener of [...set]) {
      try {
        listener({ topic, event, payload });
      } catch (error) {
        // One broken stream must not keep the event from the others.
        console.error("[realtime] hub listener failed", error);
      }
    }
  }

  /** Listeners on one topic, or on all topics together; for tests and diagnostics. */
  listenerCount(topic?: string): number {
    if (topic !== undefined) return this.listeners.get(topic)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}

const globalForHub = globalThis as unknown as { __switchboardRealtimeHub?: RealtimeHub };

/**
 * The process-wide hub. Kept on globalThis because Next.js can load this module more than once in one
 * process (route handlers, server actions and `after()` callbacks in different bundles); two hubs would
 * silently split publishers from listeners.
 */
export function realtimeHub(): RealtimeHub {
  return (globalForHub.__switchboardRealtimeHub ??= new RealtimeHub());
}

export function subscribe(topics: readonly string[], listener: HubListener): () => void {
  return realtimeHub().subscribe(topics, listener);
}

export function emit(topic: string, event: string, payload: unknown): void {
  realtimeHub().emit(topic, event, payload);
}

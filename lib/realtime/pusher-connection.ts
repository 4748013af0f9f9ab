import type PusherClient from "pusher-js";
import type { Channel, Options } from "pusher-js";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";
import type { Connection, ConnectionSink, Connector, RealtimeStatus, VisitorAuth } from "@/lib/realtime/client-manager";
import { pusherChannelName } from "@/lib/realtime/topics";

export const AUTH_PATH = "/api/realtime/auth";

type PusherConfig = Extract<RealtimeClientConfig, { transport: "pusher" }>;

const states: Record<string, RealtimeStatus> = {
  initialized: "connecting",
  connecting: "connecting",
  connected: "live",
  unavailable: "offline",
  failed: "offline",
  disconnected: "offline",
};

function options(config: PusherConfig, visitor: VisitorAuth | undefined): Options {
  const result: Options = {
    cluster: config.cluster,
    // Session users authorize with their cookie; a widget visitor has no session, only its token.
    channelAuthorization: visitor
      ? {
          endpoint: AUTH_PATH,
          transport: "ajax",
          headers: { Authorization: `Bearer ${visitor.token}` },
          params: { channel_id: visitor.channelId },
        }
      : { endpoint: AUTH_PATH, transport: "ajax" },
  };
  if (config.wsHost) {
    // A self-hosted Pusher-compatible server speaks websockets only and has no stats endpoint.
    result.wsHost = config.wsHost;
    if (config.wsPort) result.wsPort = result.wssPort = config.wsPort;
    result.enabledTransports = ["ws", "wss"];
    result.disableStats = true;
  }
  if (config.forceTLS !== undefined) result.forceTLS = config.forceTLS;
  return result;
}

/**
 * One pusher-js client per identity, subscribed to `private-<topic>` for each topic. pusher-js is
 * imported only here and only when this connector runs, so pages on the SSE transport never load it.
 */
export function pusherConnector(config: PusherConfig): Connector {
  return (visitor: VisitorAuth | undefined, sink: ConnectionSink): Connection => {
    let client: PusherClient | null = null;
    let wanted = new Set<string>();
    const channels = new Map<string, Channel>();
    // Channels that were subscribed before: a second `subscription_succeeded` means pusher-js came back
    // from a dropped connection and events in between are lost.
    const seen = new Set<string>();
    let closed = false;

    const apply = () => {
      if (!client) return;
      for (const topic of wanted) {
        if (channels.has(topic)) continue;
        const channel = client.subscribe(pusherChannelName(topic));
        channel.bind_global((event: string, data: unknown) => {
          if (event === "pusher:subscription_succeeded") {
            if (seen.has(topic)) sink.resumed([topic]);
            seen.add(topic);
          } else if (event === "pusher:subscription_error") {
            console.error(`[realtime] not allowed to follow ${topic}`, data);
          } else if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) {
            sink.deliver({ topic, event, payload: data });
          }
        });
        channels.set(topic, channel);
      }
      for (const [topic, channel] of channels) {
        if (wanted.has(topic)) continue;
        channel.unbind_global();
        client.unsubscribe(channel.name);
        channels.delete(topic);
        seen.delete(topic);
      }
    };

    sink.status("connecting");
    import("pusher-js")
      .then(({ default: Pusher }) => {
        if (closed) return;
        client = new Pusher(config.key, options(config, visitor));
        client.connection.bind("state_change", ({ current }: { current: string }) => {
          if (!closed) sink.status(states[current] ?? "connecting");
        });
        apply();
      })
      .catch((error: unknown) => {
        console.error("[realtime] could not load pusher-js", error);
        sink.status("offline");
      });

    return {
      setTopics(topics) {
        wanted = new Set(topics);
        apply();
      },
      close() {
        closed = true;
        client?.disconnect();
        client = null;
        channels.clear();
      },
    };
  };
}

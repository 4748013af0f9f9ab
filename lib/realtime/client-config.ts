import { pusherConfig } from "@/lib/env";

/**
 * What the browser needs to know to listen: only public values (Pusher's key is public; the secret never
 * leaves the server). Built on the server by the root layout and handed to `RealtimeProvider`.
 */
export type RealtimeClientConfig =
  | { transport: "sse" }
  | { transport: "pusher"; key: string; cluster: string; wsHost?: string; wsPort?: number; forceTLS?: boolean };

export function realtimeClientConfig(): RealtimeClientConfig {
  const pusher = pusherConfig();
  if (!pusher) return { transport: "sse" };
  const config: RealtimeClientConfig = { transport: "pusher", key: pusher.key, cluster: pusher.cluster };
  // A self-hosted Pusher-compatible server (soketi, a local test double) names its own websocket host;
  // only then does PUSHER_USE_TLS decide the browser's scheme too. Against Pusher itself pusher-js's
  // default (TLS) is always right, even when the server-side REST calls were told otherwise.
  const wsHost = process.env.PUSHER_WS_HOST;
  if (wsHost) {
    config.wsHost = wsHost;
    config.forceTLS = pusher.useTLS;
    const port = Number(process.env.PUSHER_WS_PORT);
    if (Number.isInteger(port) && port > 0) config.wsPort = port;
  }
  return config;
}

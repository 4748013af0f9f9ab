import Pusher from "pusher";
import { pusherConfig } from "@/lib/env";

type Cached = { signature: string; client: Pusher };
const globalForPusher = globalThis as unknown as { __switchboardPusher?: Cached };

// A hung Pusher request would hold an `after()` callback (and its function instance) open; five seconds
// is far above Pusher's normal latency.
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * The server-side Pusher client, or null when Pusher is not configured. The environment is read on every
 * call and the cached client is replaced when it changed, so tests (and a rotated secret) take effect
 * without a restart; one client per process otherwise keeps its HTTP agent's connections warm.
 */
export function pusherServer(): Pusher | null {
  const config = pusherConfig();
  if (!config) return null;
  const signature = JSON.stringify(config);
  const cached = globalForPusher.__switchboardPusher;
  if (cached?.signature === signature) return cached.client;
  const client = new Pusher({
    appId: config.appId,
    key: config.key,
    secret: config.secret,
    cluster: config.cluster,
    // Without an explicit host the SDK derives api-<cluster>.pusher.com from the cluster.
    ...(config.host ? { host: config.host } : {}),
    port: config.port,
    // The SDK defaults to plain HTTP; pusherConfig() defaults to TLS unless PUSHER_USE_TLS=false.
    useTLS: config.useTLS,
    timeout: REQUEST_TIMEOUT_MS,
  });
  globalForPusher.__switchboardPusher = { signature, client };
  return client;
}

export const SOCKET_ID = /^\d+\.\d+$/;

export type PusherChannelAuth = { auth: string };

/**
 * The answer to pusher-js's channel-authorization request, once the caller has decided the subscriber may
 * have the channel: `<key>:<hex HMAC-SHA256(secret, "<socket_id>:<channel>")>`. Null when Pusher is not
 * configured or the socket id is malformed.
 */
export function authorizePusherChannel(socketId: string, channelName: string): PusherChannelAuth | null {
  const pusher = pusherServer();
  if (!pusher || !SOCKET_ID.test(socketId)) return null;
  return { auth: pusher.authorizeChannel(socketId, channelName).auth };
}

import type { Connection, ConnectionSink, Connector, VisitorAuth } from "@/lib/realtime/client-manager";
import type { RealtimeMessage } from "@/lib/realtime/hub";

export const STREAM_PATH = "/api/realtime/stream";

const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 60_000;

export function streamUrl(topics: readonly string[], visitor?: VisitorAuth, base = STREAM_PATH): string {
  const params = new URLSearchParams({ topics: topics.join(",") });
  // EventSource cannot send headers, so the visitor's token rides in the query string.
  if (visitor) {
    params.set("channel", visitor.channelId);
    params.set("token", visitor.token);
  }
  return `${base}?${params}`;
}

/** The stream sends unnamed SSE messages whose data is `{topic, event, payload}` (see the route). */
function parse(data: string): RealtimeMessage | null {
  try {
    const value: unknown = JSON.parse(data);
    if (!value || typeof value !== "object") return null;
    const { topic, event, payload } = value as Record<string, unknown>;
    return typeof topic === "string" && typeof event === "string" ? { topic, event, payload } : null;
  } catch {
    return null;
  }
}

/**
 * One EventSource for the whole topic set. A topic change opens a new stream and keeps the old one until
 * the new one is open, so switching conversations leaves no window in which events fall through (an event
 * may then arrive twice; listeners refetch, so that is harmless).
 */
export function sseConnector(base = STREAM_PATH): Connector {
  return (visitor: VisitorAuth | undefined, sink: ConnectionSink): Connection => {
    let topics: readonly string[] = [];
    let live: EventSource | null = null;
    let bridging: EventSource | null = null;
    let missed = false;
    let retryMs = FIRST_RETRY_MS;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let closed = false;

    const connect = () => {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      // Keep whichever stream is actually open as the bridge; a replacement that never opened is dropped.
      if (bridging) live?.close();
      else if (live?.readyState === EventSource.OPEN) bridging = live;
      else live?.close();
      const source = new EventSource(streamUrl(topics, visitor, base));
      live = source;
      if (!bridging) sink.status("connecting");

      source.onopen = () => {
        if (source !== live) return;
        bridging?.close();
        bridging = null;
        retryMs = FIRST_RETRY_MS;
        sink.status("live");
        if (missed) {
          missed = false;
          sink.resumed(topics);
        }
      };
      source.onmessage = (e: MessageEvent<string>) => {
        if (source !== live && source !== bridging) return;
        const message = parse(e.data);
        if (message) sink.deliver(message);
      };
      source.onerror = () => {
        if (source === bridging) {
          source.close();
          bridging = null;
          return;
        }
        if (source !== live) return;
        missed = true;
        if (source.readyState === EventSource.CLOSED) {
          // The browser gives up on HTTP errors (401 after sign-out, 403, a 5xx); keep trying, slower each time.
          sink.status("offline");
          retryTimer = setTimeout(connect, retryMs);
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        } else {
          // A dropped connection: the browser reconnects by itself after the server's `retry:`.
          sink.status(typeof navigator !== "undefined" && navigator.onLine === false ? "offline" : "connecting");
        }
      };
    };

    return {
      setTopics(next) {
        if (closed) return;
        topics = [...next];
        connect();
      },
      close() {
        closed = true;
        if (retryTimer !== null) clearTimeout(retryTimer);
        live?.close();
        bridging?.close();
        live = bridging = null;
      },
    };
  };
}

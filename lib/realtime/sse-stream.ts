import { subscribe } from "@/lib/realtime/hub";

const encoder = new TextEncoder();

export type EventStreamOptions = {
  /** A comment line this often keeps proxies and load balancers from closing an idle connection. */
  pingMs?: number;
  /**
   * The stream ends after this long and the browser reconnects (after `retry`), which re-checks the
   * session and permissions: a disabled user or a lost team membership stops receiving events.
   */
  maxMs?: number;
  retryMs?: number;
};

/**
 * The SSE body for a set of already-authorized topics. Every event is an unnamed SSE message whose data
 * is `{"topic","event","payload"}`: EventSource only hands named events to listeners registered for that
 * exact name, and the browser cannot know every event name in advance.
 */
export function createEventStream(topics: readonly string[], signal: AbortSignal, options: EventStreamOptions = {}) {
  const { pingMs = 20_000, maxMs = 15 * 60_000, retryMs = 3_000 } = options;
  let stop = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let stopped = false;
      const send = (text: string) => {
        if (stopped) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unsubscribe = subscribe(topics, ({ topic, event, payload }) => {
        // JSON.stringify escapes newlines, so the data is always one SSE line.
        send(`data: ${JSON.stringify({ topic, event, payload })}\n\n`);
      });
      const ping = setInterval(() => send(": ping\n\n"), pingMs);
      const expiry = setTimeout(() => stop(), maxMs);
      stop = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(ping);
        clearTimeout(expiry);
        unsubscribe();
        signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // Already closed or errored by the consumer going away.
        }
      };
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop);
      send(`retry: ${retryMs}\n\n`);
    },
    cancel() {
      stop();
    },
  });
}

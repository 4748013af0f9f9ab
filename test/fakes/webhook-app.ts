import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleWebhook } from "@/lib/channels/webhook";
import type { Db } from "@/lib/db/client";

/**
 * The app's webhook route on a real HTTP server, for provider fakes to post to over the wire. The
 * request URL keeps the Host header (with its port), because Twilio signs the exact URL it called.
 * Work the route defers (media downloads, realtime) is collected; `settle()` waits for it.
 */
export async function startWebhookApp(db: () => Db) {
  const deferred: Promise<unknown>[] = [];
  const server = http.createServer((incoming, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
        method: incoming.method,
        headers,
        body: incoming.method === "GET" || incoming.method === "HEAD" ? undefined : new Uint8Array(Buffer.concat(chunks)),
      });
      const match = /^\/api\/webhooks\/([^/]+)\/([^/?]+)/.exec(incoming.url ?? "");
      const response = match
        ? (await handleWebhook(db(), request, match[1], match[2], (task) => void deferred.push(task()))).response
        : new Response("Not found", { status: 404 });
      const data = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/octet-stream" });
      res.end(data);
    })().catch((error: unknown) => {
      // What a crashed route handler answers; tests assert it never happens.
      console.error("webhook app crashed", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    webhookUrl: (kind: string, channelId: string) => `${url}/api/webhooks/${kind}/${channelId}`,
    /** Waits for every deferred task started so far (and those they start). */
    async settle() {
      while (deferred.length) await Promise.allSettled(deferred.splice(0));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

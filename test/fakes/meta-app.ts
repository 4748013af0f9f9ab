import { handleWebhook } from "@/lib/channels/webhook";
import type { Db } from "@/lib/db/client";
import { startAppServer } from "@/test/fakes/meta";

/**
 * The app's real webhook route logic (handleWebhook on the test database) behind startAppServer. Work the
 * route defers until after its response (media downloads, profile lookups) waits in a queue that a test
 * runs with `flush()`, so each test decides when it happens.
 */
export async function startWebhookApp(getDb: () => Db) {
  const queue: (() => Promise<unknown>)[] = [];
  const server = await startAppServer(async (req) => {
    const match = /^\/api\/webhooks\/([^/]+)\/([^/?]+)/.exec(new URL(req.url).pathname);
    if (!match) return new Response("not found", { status: 404 });
    const { response } = await handleWebhook(getDb(), req, match[1], match[2], (task) => void queue.push(task));
    return response;
  });
  return {
    ...server,
    webhookUrl: (channel: { kind: string; id: string }) => `${server.url}/api/webhooks/${channel.kind}/${channel.id}`,
    async flush() {
      while (queue.length) await queue.shift()!();
    },
  };
}

import { and, eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import { adapterFor } from "@/lib/channels/registry";
import { ParseError, type ChannelKind } from "@/lib/channels/types";
import type { Db } from "@/lib/db/client";
import { ingest, type IngestOutcome } from "@/lib/conversations/ingest";
import { afterIngest } from "@/lib/conversations/after-ingest";

/** Providers send at most a few MB (WhatsApp documents 3 MB); anything larger is refused before hashing. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Defer = (task: () => Promise<unknown>) => void;

function json(status: number, body: Record<string, unknown>) {
  return Response.json(body, { status });
}

/**
 * Every provider webhook: handshake → size cap → signature over the raw bytes → parse → ingest (one
 * transaction per event) → 200 only after the commit. Realtime and other side effects run after the
 * response through `defer` (Next's `after()` in the route).
 */
export async function handleWebhook(
  db: Db,
  req: Request,
  kind: string,
  channelId: string,
  defer: Defer,
): Promise<{ response: Response; outcomes: IngestOutcome[] }> {
  const none: IngestOutcome[] = [];
  const adapter = adapterFor(kind as ChannelKind);
  if (!adapter || !uuid.test(channelId)) return { response: json(404, { error: "Unknown channel." }), outcomes: none };
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.kind, adapter.kind)));
  if (!channel) return { response: json(404, { error: "Unknown channel." }), outcomes: none };

  if (req.method === "GET") {
    return { response: adapter.handshake?.(req, channel) ?? json(405, { error: "Method not allowed." }), outcomes: none };
  }

  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return { response: json(413, { error: "Payload too large." }), outcomes: none };
  const bytes = Buffer.from(await req.arrayBuffer());
  if (bytes.length > MAX_WEBHOOK_BYTES) return { response: json(413, { error: "Payload too large." }), outcomes: none };
  const rawBody = bytes.toString("utf8");

  if (!adapter.verify(req, rawBody, channel)) return { response: json(401, { error: "Invalid signature." }), outcomes: none };
  // A deactivated account's traffic is acknowledged (so providers stop retrying) and dropped.
  if (!channel.active) return { response: json(200, { ignored: "channel deactivated" }), outcomes: none };

  let events;
  try {
    events = adapter.parse(rawBody, channel);
  } catch (error) {
    if (error instanceof ParseError) return { response: json(400, { error: error.message }), outcomes: none };
    throw error;
  }
  const outcomes = await ingest(db, channel, events);
  defer(() => afterIngest(db, outcomes));
  const result = { received: outcomes.length };
  return { response: adapter.respond?.(result) ?? json(200, { ok: true, ...result }), outcomes };
}

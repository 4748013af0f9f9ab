import { and, eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import { accountFor } from "@/lib/channels/account-cache";
import { adapterFor } from "@/lib/channels/registry";
import { ParseError, type Channel, type ChannelAdapter, type ChannelKind, type InboundEvent } from "@/lib/channels/types";
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
  const channel = await accountFor(db, channelId, adapter.kind);
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
    events = await adapter.parse(rawBody, channel, new URL(req.url), bytes);
  } catch (error) {
    if (error instanceof ParseError) return { response: json(400, { error: error.message }), outcomes: none };
    throw error;
  }
  const outcomes = await ingestRouted(db, adapter, req, rawBody, channel, events);
  defer(() => afterIngest(db, outcomes));
  const result = { received: outcomes.length };
  return { response: adapter.respond?.(result) ?? json(200, { ok: true, ...result }), outcomes };
}

/**
 * One Meta app has one callback URL, so events for a sibling account (another WhatsApp number or Page of
 * the same app) can arrive at this channel's URL (channels.md gotcha 13). An event whose `accountId` is
 * not this channel's externalId goes to the active channel of the same kind with that externalId, if the
 * body also verifies with that channel's secret; otherwise it is logged and skipped, never stored under
 * the wrong account. Events without an `accountId` stay here.
 */
async function ingestRouted(db: Db, adapter: ChannelAdapter, req: Request, rawBody: string, channel: Channel, events: InboundEvent[]) {
  const targets = new Map<string, Channel | null>();
  const groups = new Map<Channel, InboundEvent[]>();
  for (const event of events) {
    let target: Channel | null = channel;
    if (event.accountId && channel.externalId && event.accountId !== channel.externalId) {
      if (!targets.has(event.accountId)) {
        const [sibling] = await db
          .select()
          .from(channels)
          .where(and(eq(channels.kind, channel.kind), eq(channels.externalId, event.accountId), eq(channels.active, true)));
        targets.set(event.accountId, sibling && adapter.verify(req, rawBody, sibling) ? sibling : null);
      }
      target = targets.get(event.accountId) ?? null;
      if (!target) {
        console.warn(`${channel.kind} webhook: skipped an event for account ${event.accountId}, which no active channel here serves`);
        continue;
      }
    }
    groups.set(target, [...(groups.get(target) ?? []), event]);
  }
  const outcomes: IngestOutcome[] = [];
  for (const [target, list] of groups) outcomes.push(...(await ingest(db, target, list)));
  return outcomes;
}

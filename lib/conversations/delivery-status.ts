import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import { contactIdentities, messages, pendingStatuses } from "@/db/schema";
import type { InboundStatus } from "@/lib/channels/types";
import type { DbOrTx } from "@/lib/db/client";

const rank = sql`case ${messages.status} when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else -1 end`;
const ranks = { sent: 1, delivered: 2, read: 3 } as const;

/** Only forward: statuses arrive out of order; `failed` counts only while the message is not yet delivered. */
function forwardOnly(status: InboundStatus["status"]) {
  return status === "failed" ? sql`${messages.status} in ('queued', 'sent')` : sql`(${messages.status} = 'failed' or ${rank} < ${ranks[status]})`;
}

function changes(event: InboundStatus) {
  return {
    status: event.status,
    statusAt: event.timestamp ?? new Date(),
    errorCode: event.status === "failed" ? (event.errorCode ?? null) : null,
    errorText: event.status === "failed" ? (event.errorText ?? "The provider reported a failure.") : null,
  };
}

/**
 * Moves an outbound message's delivery status forward, never back. A later delivered/read (another
 * device) overrides a failure.
 */
export async function applyDeliveryStatus(
  db: DbOrTx,
  channelId: string,
  event: InboundStatus,
): Promise<{ messageId: string; conversationId: string } | null> {
  const [row] = await db
    .update(messages)
    .set(changes(event))
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.providerMessageId, event.providerMessageId),
        eq(messages.direction, "out"),
        forwardOnly(event.status),
      ),
    )
    .returning({ messageId: messages.id, conversationId: messages.conversationId });
  return row ?? null;
}

/**
 * A status event as ingest handles it: applied to its message; kept for later when no message has that
 * provider id yet (the send's response has not been stored: channels.md gotcha 10); ignored when it
 * would move a known message backwards. Messenger watermarks cover every earlier message to the recipient.
 */
export async function handleStatus(db: DbOrTx, channelId: string, event: InboundStatus) {
  if (event.watermark) return applyWatermark(db, channelId, event, event.watermark);
  const applied = await applyDeliveryStatus(db, channelId, event);
  if (applied) return [applied];
  // Either the message is unknown (its send has not stored the id yet) or the event is stale. Parking it
  // and then draining closes the race with a send that stores its id between these statements: whichever
  // side drains last applies it, and a stale event is simply discarded by the forward-only rule.
  await db.insert(pendingStatuses).values({
    channelId,
    providerMessageId: event.providerMessageId,
    status: event.status,
    errorCode: event.errorCode,
    errorText: event.errorText,
    at: event.timestamp ?? new Date(),
  });
  const [known] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, event.providerMessageId)));
  return known ? applyPendingStatuses(db, channelId, event.providerMessageId) : [];
}

/**
 * Statuses that arrived before the send returned its id (channels.md gotcha 10) are applied in the order
 * they happened. Each parked row is taken by exactly one caller (delete … returning).
 */
export async function applyPendingStatuses(db: DbOrTx, channelId: string, providerMessageId: string) {
  const early = await db
    .delete(pendingStatuses)
    .where(and(eq(pendingStatuses.channelId, channelId), eq(pendingStatuses.providerMessageId, providerMessageId)))
    .returning();
  const applied: { messageId: string; conversationId: string }[] = [];
  for (const status of early.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const row = await applyDeliveryStatus(db, channelId, {
      type: "status",
      providerMessageId,
      status: status.status,
      errorCode: status.errorCode ?? undefined,
      errorText: status.errorText ?? undefined,
      timestamp: status.at,
    });
    if (row) applied.push(row);
  }
  return applied;
}

/**
 * A Messenger watermark: remembered on the identity first, then applied to every accepted message sent
 * before it. A send that stores its id after this update reads the remembered watermark
 * (applyStoredWatermarks), so a receipt racing the send's answer is never lost.
 */
async function applyWatermark(db: DbOrTx, channelId: string, event: InboundStatus, watermark: { recipient: string; upTo: Date }) {
  if (event.status !== "delivered" && event.status !== "read") return [];
  const column = event.status === "read" ? contactIdentities.readUpTo : contactIdentities.deliveredUpTo;
  const later = sql`greatest(${column}, ${watermark.upTo.toISOString()}::timestamptz)`;
  await db
    .update(contactIdentities)
    .set(event.status === "read" ? { readUpTo: later } : { deliveredUpTo: later })
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, watermark.recipient)));
  return db
    .update(messages)
    .set(changes(event))
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.direction, "out"),
        lte(messages.createdAt, watermark.upTo),
        // Only messages the provider accepted: one still being sent (or refused) is not covered by a receipt.
        isNotNull(messages.providerMessageId),
        sql`${messages.identityId} in (select ${contactIdentities.id} from ${contactIdentities} where ${contactIdentities.channelId} = ${channelId} and ${contactIdentities.externalId} = ${watermark.recipient})`,
        forwardOnly(event.status),
      ),
    )
    .returning({ messageId: messages.id, conversationId: messages.conversationId });
}

/** Applies the watermarks already received for the message's recipient, once its send stored the id. */
export async function applyStoredWatermarks(db: DbOrTx, messageId: string) {
  const [row] = await db
    .select({ createdAt: messages.createdAt, deliveredUpTo: contactIdentities.deliveredUpTo, readUpTo: contactIdentities.readUpTo })
    .from(messages)
    .innerJoin(contactIdentities, eq(contactIdentities.id, messages.identityId))
    .where(eq(messages.id, messageId));
  if (!row) return;
  const status = row.readUpTo && row.readUpTo >= row.createdAt ? "read" : row.deliveredUpTo && row.deliveredUpTo >= row.createdAt ? "delivered" : null;
  if (!status) return;
  const at = status === "read" ? row.readUpTo! : row.deliveredUpTo!;
  await db
    .update(messages)
    .set(changes({ type: "status", providerMessageId: "", status, timestamp: at }))
    .where(and(eq(messages.id, messageId), isNotNull(messages.providerMessageId), forwardOnly(status)));
}

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
  if (event.watermark) {
    const updated = await db
      .update(messages)
      .set(changes(event))
      .where(
        and(
          eq(messages.channelId, channelId),
          eq(messages.direction, "out"),
          lte(messages.createdAt, event.watermark.upTo),
          // Only messages the provider accepted: one still being sent (or refused) is not covered by a receipt.
          isNotNull(messages.providerMessageId),
          sql`${messages.identityId} in (select ${contactIdentities.id} from ${contactIdentities} where ${contactIdentities.channelId} = ${channelId} and ${contactIdentities.externalId} = ${event.watermark.recipient})`,
          forwardOnly(event.status),
        ),
      )
      .returning({ messageId: messages.id, conversationId: messages.conversationId });
    return updated;
  }
  const applied = await applyDeliveryStatus(db, channelId, event);
  if (applied) return [applied];
  const [known] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, event.providerMessageId)));
  if (!known) {
    await db.insert(pendingStatuses).values({
      channelId,
      providerMessageId: event.providerMessageId,
      status: event.status,
      errorCode: event.errorCode,
      errorText: event.errorText,
      at: event.timestamp ?? new Date(),
    });
  }
  return [];
}

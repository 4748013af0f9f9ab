import { and, eq, sql } from "drizzle-orm";
import { messages } from "@/db/schema";
import type { InboundStatus } from "@/lib/channels/types";
import type { DbOrTx } from "@/lib/db/client";

const rank = sql`case ${messages.status} when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else -1 end`;
const ranks = { sent: 1, delivered: 2, read: 3 } as const;

/**
 * Moves an outbound message's delivery status forward, never back: statuses arrive out of order.
 * `failed` counts only while the message is not yet delivered; a later delivered/read (another device)
 * overrides a failure.
 */
export async function applyDeliveryStatus(
  db: DbOrTx,
  channelId: string,
  event: InboundStatus,
): Promise<{ messageId: string; conversationId: string } | null> {
  const allowed =
    event.status === "failed"
      ? sql`${messages.status} in ('queued', 'sent')`
      : sql`(${messages.status} = 'failed' or ${rank} < ${ranks[event.status]})`;
  const [row] = await db
    .update(messages)
    .set({
      status: event.status,
      statusAt: event.timestamp ?? new Date(),
      errorCode: event.status === "failed" ? (event.errorCode ?? null) : null,
      errorText: event.status === "failed" ? (event.errorText ?? "The provider reported a failure.") : null,
    })
    .where(
      and(
        eq(messages.channelId, channelId),
        eq(messages.providerMessageId, event.providerMessageId),
        eq(messages.direction, "out"),
        allowed,
      ),
    )
    .returning({ messageId: messages.id, conversationId: messages.conversationId });
  return row ?? null;
}

import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import type { Db } from "@/lib/db/client";
import { messageChanged } from "@/lib/conversations/notify";
import { storeOutbound } from "@/lib/conversations/outbound";
import { deliver, type DeliveryResult } from "@/lib/conversations/reply";

/** Why the system wrote to the customer; kept on the message (payload.automatic) so it can be told from an agent's reply. */
export type AutomaticReason = "away";

/** `createdAt` orders a burst of automatic messages (the database clock may not tell them apart). */
export type AutomaticContent = { body: string; attachments?: Attachment[]; createdAt?: Date };

/**
 * A message the system sends the customer on its own (an away message): stored with no author — shown
 * as "Automatic reply" — on the channel and identity the customer last wrote from, then delivered through
 * the same path as an agent's reply. It answers nobody, so the conversation keeps its status, queue place
 * and first-response time (storeOutbound leaves those alone when there is no author). Null when the
 * conversation is gone or closed.
 */
export async function sendAutomaticReply(
  db: Db,
  conversationId: string,
  content: AutomaticContent,
  reason: AutomaticReason,
): Promise<DeliveryResult | null> {
  const attachments = content.attachments ?? [];
  const stored = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select({ channelId: conversations.channelId, identityId: conversations.identityId, status: conversations.status })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    if (!conversation || conversation.status === "closed") return null;
    return storeOutbound(tx, {
      conversationId,
      channelId: conversation.channelId,
      identityId: conversation.identityId,
      authorId: null,
      kind: attachments.length ? "media" : "text",
      body: content.body,
      attachments,
      payload: { automatic: reason },
      createdAt: content.createdAt,
    });
  });
  if (!stored) return null;
  await messageChanged(conversationId, stored.id, "message-created");
  return deliver(db, stored.id);
}

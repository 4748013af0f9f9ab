import { and, eq, inArray, sql } from "drizzle-orm";
import { conversations, files, messages } from "@/db/schema";
import type { InboundUnsent } from "@/lib/channels/types";
import type { Db } from "@/lib/db/client";

export type UnsentOutcome = { type: "unsent"; result: "applied"; conversationId: string; messageId: string } | { type: "unsent"; result: "ignored" };

/** What the thread and the list show in place of a message the customer took back. */
export const UNSENT_PREVIEW = "Unsent a message";

/**
 * The customer unsent a message: we keep that they wrote at that moment, not what they wrote. Its text
 * and stored files are removed (they asked for them to be gone), and the list stops quoting it.
 */
export async function applyUnsent(db: Db, channelId: string, event: InboundUnsent): Promise<UnsentOutcome> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ id: messages.id, conversationId: messages.conversationId, createdAt: messages.createdAt, attachments: messages.attachments })
      .from(messages)
      .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, event.providerMessageId), eq(messages.direction, "in")))
      .for("update");
    if (!message) return { type: "unsent", result: "ignored" };
    await tx
      .update(messages)
      .set({ body: "", attachments: [], payload: sql`coalesce(${messages.payload}, '{}'::jsonb) || '{"unsent": true}'::jsonb` })
      .where(eq(messages.id, message.id));
    const fileIds = message.attachments.map((a) => a.id).filter(Boolean);
    if (fileIds.length) await tx.delete(files).where(inArray(files.id, fileIds));
    await tx
      .update(conversations)
      .set({ lastMessagePreview: UNSENT_PREVIEW })
      .where(and(eq(conversations.id, message.conversationId), eq(conversations.lastMessageAt, message.createdAt), eq(conversations.lastMessageDirection, "in")));
    return { type: "unsent", result: "applied", conversationId: message.conversationId, messageId: message.id };
  });
}

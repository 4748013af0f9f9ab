import { eq, sql } from "drizzle-orm";
import { conversations, messages } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import type { Tx } from "@/lib/db/client";
import { ts } from "@/lib/db/rows";
import { previewOf } from "@/lib/conversations/preview";

export type NewOutbound = {
  conversationId: string;
  channelId: string;
  identityId: string | null;
  authorId: string | null;
  kind: "text" | "media" | "template" | "location";
  body: string;
  attachments?: Attachment[];
  payload?: Record<string, unknown> | null;
  clientId?: string;
  /** When several messages go out in a row (away messages), distinct times keep them in order on any clock resolution. */
  createdAt?: Date;
  /** A person on our side sent it outside Switchboard (a Meta echo): it went out already, with this id. */
  sentOutside?: { providerMessageId: string };
};

/**
 * Stores an outbound message as queued and moves the conversation on (the customer now waits for nobody,
 * the first response is recorded). Replies, templates and automatic replies all come through here; the
 * provider is called afterwards by `deliver`. A message a person sent outside Switchboard (`sentOutside`)
 * is stored as sent and counts as their answer.
 */
export async function storeOutbound(tx: Tx, message: NewOutbound): Promise<{ id: string }> {
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId: message.conversationId,
      channelId: message.channelId,
      identityId: message.identityId,
      direction: "out",
      authorId: message.authorId,
      kind: message.kind,
      body: message.body,
      attachments: message.attachments ?? [],
      payload: message.payload ?? null,
      clientId: message.clientId,
      status: message.sentOutside ? "sent" : "queued",
      providerMessageId: message.sentOutside?.providerMessageId,
      ...(message.createdAt ? { createdAt: message.createdAt } : {}),
    })
    .returning({ id: messages.id, createdAt: messages.createdAt });
  const isAgent = message.authorId !== null || Boolean(message.sentOutside);
  await tx
    .update(conversations)
    .set({
      // An automatic reply is not an answer: the customer is still waiting for a person.
      ...(isAgent
        ? {
            status: "waiting" as const,
            waitingSince: null,
            firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${ts(row.createdAt)})`,
          }
        : {}),
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${ts(row.createdAt)})`,
      // "You:" in the list means a person on our side; an automatic reply says what it is instead.
      lastMessagePreview: isAgent
        ? previewOf(message.kind, message.body, message.attachments)
        : `Automatic reply: ${previewOf(message.kind, message.body, message.attachments)}`,
      lastMessageDirection: isAgent ? "out" : null,
      messageCount: sql`${conversations.messageCount} + 1`,
    })
    .where(eq(conversations.id, message.conversationId));
  return { id: row.id };
}

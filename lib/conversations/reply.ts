import { and, eq, isNull, sql } from "drizzle-orm";
import { channels, contactIdentities, conversations, messages } from "@/db/schema";
import { adapterFor } from "@/lib/channels/registry";
import { channelLabels } from "@/lib/channels/labels";
import { SendError } from "@/lib/channels/types";
import type { Db } from "@/lib/db/client";
import { ts } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import { recordEvent } from "@/lib/conversations/events";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { messageChanged } from "@/lib/conversations/notify";
import { previewOf } from "@/lib/conversations/preview";
import type { CurrentUser } from "@/lib/users";

export type ReplyInput = { body: string; clientId?: string };
export type DeliveryResult = { messageId: string; status: "sent" | "failed" | "queued"; error?: string };

/**
 * An agent's reply. It is stored (queued) before the provider is called, so nothing is lost when the
 * provider is down; the send's result marks it sent or failed with the provider's reason. Replying to
 * an unassigned conversation assigns it to the replier. A repeated `clientId` returns the first message.
 */
export async function sendReply(db: Db, actor: CurrentUser, conversationId: string, input: ReplyInput): Promise<DeliveryResult> {
  const conversation = await loadForAction(db, actor, conversationId, "conversation.reply");
  if (conversation.status === "closed") {
    throw new UserError("This conversation is closed. Start a new conversation to write to this customer again.");
  }
  const body = input.body.trim();
  if (!body) throw new UserError("Write a message first.", { body: ["Write a message first."] });
  const [channel] = await db.select().from(channels).where(eq(channels.id, conversation.channelId));
  if (!channel) throw new NotFoundError("The conversation's channel");
  if (!channel.active) {
    throw new UserError(`The channel "${channel.name}" is deactivated, so replies cannot be sent on it. An admin can reactivate it in Settings → Channels.`);
  }
  const adapter = adapterFor(channel.kind);
  const maxLength = adapter?.capabilities.text.maxLength;
  if (maxLength && body.length > maxLength) {
    const rule = `${channelLabels[channel.kind]} messages can be at most ${maxLength.toLocaleString("en")} characters (this one has ${body.length.toLocaleString("en")}).`;
    throw new UserError(rule, { body: [rule] });
  }

  const stored = await db.transaction(async (tx) => {
    if (input.clientId) {
      const [existing] = await tx
        .select({ id: messages.id, status: messages.status })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.clientId, input.clientId)));
      if (existing) return { id: existing.id, repeated: true };
    }
    if (!conversation.assigneeId) {
      const [taken] = await tx
        .update(conversations)
        .set({ assigneeId: actor.id, assignedAt: sql`now()` })
        .where(and(eq(conversations.id, conversationId), isNull(conversations.assigneeId)))
        .returning({ id: conversations.id });
      if (!taken) throw new UserError("A colleague picked up this conversation while you were typing.");
      await recordEvent(tx, conversationId, "assigned", actor.id, { toUserId: actor.id, via: "reply" });
    }
    const [message] = await tx
      .insert(messages)
      .values({
        conversationId,
        channelId: channel.id,
        identityId: conversation.identityId,
        direction: "out",
        authorId: actor.id,
        kind: "text",
        body,
        clientId: input.clientId,
        status: "queued",
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });
    await tx
      .update(conversations)
      .set({
        status: "waiting",
        waitingSince: null,
        firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, ${ts(message.createdAt)})`,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${ts(message.createdAt)})`,
        lastMessagePreview: previewOf("text", body),
        lastMessageDirection: "out",
        messageCount: sql`${conversations.messageCount} + 1`,
      })
      .where(eq(conversations.id, conversationId));
    return { id: message.id, repeated: false };
  });

  if (stored.repeated) {
    const [m] = await db.select({ status: messages.status }).from(messages).where(eq(messages.id, stored.id));
    return { messageId: stored.id, status: m?.status === "failed" ? "failed" : m?.status === "queued" ? "queued" : "sent" };
  }
  await messageChanged(conversationId, stored.id, "message-created");
  return deliver(db, stored.id);
}

/** Calls the provider for a stored outbound message and records the outcome. */
export async function deliver(db: Db, messageId: string): Promise<DeliveryResult> {
  const [row] = await db
    .select({ message: messages, channel: channels, identity: contactIdentities })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.identityId))
    .where(eq(messages.id, messageId));
  if (!row) throw new NotFoundError("This message");
  const { message, channel, identity } = row;
  const adapter = adapterFor(channel.kind);

  let outcome: { providerMessageId: string } | { code?: string; text: string };
  if (!adapter) {
    outcome = { code: "not_connected", text: `${channelLabels[channel.kind]} is not connected yet: an admin can set it up in Settings → Channels.` };
  } else if (!identity) {
    outcome = { code: "no_recipient", text: "The customer's address on this channel is no longer known." };
  } else {
    try {
      outcome = await adapter.send(channel, identity, {
        messageId: message.id,
        conversationId: message.conversationId,
        kind: message.kind === "contact" ? "text" : message.kind,
        body: message.body,
        attachments: message.attachments,
        payload: message.payload,
      });
    } catch (error) {
      if (!(error instanceof SendError)) console.error("send failed", { messageId, error });
      outcome =
        error instanceof SendError
          ? { code: error.code, text: error.message }
          : { code: "network", text: "The provider could not be reached. Try again in a moment." };
    }
  }

  if ("providerMessageId" in outcome) {
    await db
      .update(messages)
      .set({ status: "sent", providerMessageId: outcome.providerMessageId, statusAt: new Date(), errorCode: null, errorText: null })
      .where(and(eq(messages.id, messageId), eq(messages.status, "queued")));
  } else {
    await db
      .update(messages)
      .set({ status: "failed", errorCode: outcome.code ?? null, errorText: outcome.text, statusAt: new Date() })
      .where(and(eq(messages.id, messageId), eq(messages.status, "queued")));
  }
  await messageChanged(message.conversationId, messageId, "message-status");
  return "providerMessageId" in outcome
    ? { messageId, status: "sent" }
    : { messageId, status: "failed", error: outcome.text };
}

/** Sends a failed message again. */
export async function retryMessage(db: Db, actor: CurrentUser, messageId: string): Promise<DeliveryResult> {
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId));
  if (!message || message.direction !== "out") throw new NotFoundError("This message");
  await loadForAction(db, actor, message.conversationId, "conversation.reply");
  const [requeued] = await db
    .update(messages)
    .set({ status: "queued", errorCode: null, errorText: null })
    .where(and(eq(messages.id, messageId), eq(messages.status, "failed")))
    .returning({ id: messages.id });
  if (!requeued) throw new UserError("Only a failed message can be sent again.");
  return deliver(db, messageId);
}

import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { channels, contactIdentities, conversations, files, messages } from "@/db/schema";
import { adapterFor } from "@/lib/channels/registry";
import { channelLabels } from "@/lib/channels/labels";
import { outboundProblem } from "@/lib/channels/rules";
import { SendError, type ChannelAdapter, type OutboundFile, type SendResult } from "@/lib/channels/types";
import { replyWindow, type WindowState } from "@/lib/channels/window";
import type { Db } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { applyPendingStatuses, applyStoredWatermarks } from "@/lib/conversations/delivery-status";
import { recordEvent } from "@/lib/conversations/events";
import { loadForAction, type Conversation } from "@/lib/conversations/lifecycle";
import { messageChanged } from "@/lib/conversations/notify";
import { storeOutbound } from "@/lib/conversations/outbound";
import { formatDateTime } from "@/lib/format";
import { readFile, signedFileUrl } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";

/** A place the agent shares; the thread and the channels read it from payload.location. */
export type SharedLocation = { latitude: number; longitude: number; name?: string };
export type ReplyInput = { body: string; clientId?: string; fileIds?: string[]; location?: SharedLocation };
export type DeliveryResult = { messageId: string; status: "sent" | "failed" | "queued"; error?: string };

/** Everything a send needs to know about where a conversation's replies go. */
export async function replyTarget(db: Db, conversation: Conversation) {
  const [channel] = await db.select().from(channels).where(eq(channels.id, conversation.channelId));
  if (!channel) throw new NotFoundError("The conversation's channel");
  const [identity] = conversation.identityId
    ? await db.select().from(contactIdentities).where(eq(contactIdentities.id, conversation.identityId))
    : [];
  const adapter = adapterFor(channel.kind);
  const window = adapter ? replyWindow(adapter.capabilities, identity?.lastInboundAt ?? null) : ({ state: "open", closesAt: null } as const);
  return { channel, identity: identity ?? null, adapter, window };
}

/** Why free text cannot go out now, in words, or null. */
export function windowRefusal(kind: string, window: WindowState, timeZone = "UTC"): string | null {
  if (window.state !== "closed") return null;
  const label = channelLabels[kind as keyof typeof channelLabels] ?? kind;
  const since = window.closedSince ? ` since ${formatDateTime(window.closedSince, timeZone)}` : "";
  return window.outside === "template"
    ? `The ${label} window is closed${since}: more than 24 hours have passed since the customer's last message. Send an approved template instead.`
    : `The ${label} window is closed${since}: the customer has to write first before you can answer.`;
}

/**
 * An agent's reply (text and up to 10 files). It is stored (queued) before the provider is called, so
 * nothing is lost when the provider is down; the send's result marks it sent or failed with the provider's
 * reason. Replying to an unassigned conversation assigns it to the replier. A repeated `clientId` returns
 * the first message.
 */
export async function sendReply(db: Db, actor: CurrentUser, conversationId: string, input: ReplyInput): Promise<DeliveryResult> {
  const conversation = await loadForAction(db, actor, conversationId, "conversation.reply");
  if (conversation.status === "closed") {
    throw new UserError("This conversation is closed. Start a new conversation to write to this customer again.");
  }
  const body = input.body.trim();
  const fileIds = [...new Set(input.fileIds ?? [])];
  if (!body && !fileIds.length) throw new UserError("Write a message first.", { body: ["Write a message first."] });
  const { channel, adapter, window } = await replyTarget(db, conversation);
  if (!channel.active) {
    throw new UserError(`The channel "${channel.name}" is deactivated, so replies cannot be sent on it. An admin can reactivate it in Settings → Channels.`);
  }
  const attached = fileIds.length
    ? await db
        .select({ id: files.id, name: files.name, mimeType: files.mimeType, size: files.size })
        .from(files)
        .where(and(inArray(files.id, fileIds), eq(files.conversationId, conversationId)))
    : [];
  if (attached.length !== fileIds.length) throw new UserError("One of the files is no longer available. Attach it again.");
  if (adapter) {
    const problem = outboundProblem(channelLabels[channel.kind], adapter.capabilities, body, attached);
    if (problem) throw new UserError(problem, { body: [problem] });
    const refusal = windowRefusal(channel.kind, window, actor.timeZone);
    if (refusal) throw new UserError(refusal);
  }

  const stored = await db.transaction(async (tx) => {
    if (input.clientId) {
      const [existing] = await tx
        .select({ id: messages.id })
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
    const message = await storeOutbound(tx, {
      conversationId,
      channelId: channel.id,
      identityId: conversation.identityId,
      authorId: actor.id,
      kind: input.location ? "location" : attached.length ? "media" : "text",
      body,
      attachments: attached,
      payload:
        window.state === "tagged" || input.location
          ? { ...(window.state === "tagged" ? { tag: "HUMAN_AGENT" } : {}), ...(input.location ? { location: input.location } : {}) }
          : null,
      clientId: input.clientId,
    });
    return { id: message.id, repeated: false };
  });

  if (stored.repeated) {
    const [m] = await db.select({ status: messages.status }).from(messages).where(eq(messages.id, stored.id));
    return { messageId: stored.id, status: m?.status === "failed" ? "failed" : m?.status === "queued" ? "queued" : "sent" };
  }
  await messageChanged(conversationId, stored.id, "message-created");
  return deliver(db, stored.id);
}

function outboundFiles(db: Db, attachments: { id: string; name: string; mimeType: string; size: number }[]): OutboundFile[] {
  return attachments
    .filter((a) => a.id)
    .map((a) => ({
      ...a,
      read: async () => {
        const file = await readFile(db, a.id);
        if (!file) throw new SendError(`The file “${a.name}” is no longer stored.`, "file_missing");
        return file.data;
      },
      publicUrl: () => signedFileUrl(a.id, 24 * 3600),
    }));
}

/** Calls the provider for a stored outbound message and records the outcome (and any status that came early). */
export async function deliver(db: Db, messageId: string): Promise<DeliveryResult> {
  const [row] = await db
    .select({ message: messages, channel: channels, identity: contactIdentities })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, messages.identityId))
    .where(eq(messages.id, messageId));
  if (!row) throw new NotFoundError("This message");
  const { message, channel, identity } = row;
  const adapter: ChannelAdapter | undefined = adapterFor(channel.kind);

  let outcome: SendResult | { code?: string; text: string };
  if (!adapter) {
    outcome = { code: "not_connected", text: `${channelLabels[channel.kind]} is not connected yet: an admin can set it up in Settings → Channels.` };
  } else if (!channel.active) {
    outcome = { code: "channel_inactive", text: `The channel "${channel.name}" is deactivated.` };
  } else if (!identity) {
    outcome = { code: "no_recipient", text: "The customer's address on this channel is no longer known." };
  } else {
    try {
      outcome = await adapter.send(channel, identity, {
        messageId: message.id,
        conversationId: message.conversationId,
        kind: message.kind === "contact" ? "text" : message.kind,
        body: message.body,
        attachments: outboundFiles(db, message.attachments),
        payload: message.payload,
        tag: message.payload?.tag === "HUMAN_AGENT" ? "HUMAN_AGENT" : undefined,
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
      .set({
        status: "sent",
        providerMessageId: outcome.providerMessageId,
        statusAt: new Date(),
        errorCode: null,
        errorText: null,
        // The earlier parts' ids, so their echoes are known as ours (lib/conversations/echo.ts).
        ...(outcome.otherIds?.length ? { payload: { ...message.payload, providerParts: outcome.otherIds } } : {}),
      })
      .where(and(eq(messages.id, messageId), eq(messages.status, "queued")));
    await applyPendingStatuses(db, channel.id, outcome.providerMessageId);
    await applyStoredWatermarks(db, messageId);
  } else {
    await db
      .update(messages)
      .set({ status: "failed", errorCode: outcome.code ?? null, errorText: outcome.text, statusAt: new Date() })
      .where(and(eq(messages.id, messageId), eq(messages.status, "queued")));
  }
  await messageChanged(message.conversationId, messageId, "message-status");
  return "providerMessageId" in outcome ? { messageId, status: "sent" } : { messageId, status: "failed", error: outcome.text };
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

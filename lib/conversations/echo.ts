import { and, eq, ne, sql } from "drizzle-orm";
import { contactIdentities, conversations, messages } from "@/db/schema";
import { channelLabels } from "@/lib/channels/labels";
import type { Channel, InboundEcho } from "@/lib/channels/types";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/rows";
import { storeOutbound } from "@/lib/conversations/outbound";

export type EchoOutcome =
  | { type: "echo"; result: "stored"; conversationId: string; messageId: string; hasPendingMedia: boolean }
  | { type: "echo"; result: "ignored"; reason: "ours" | "no open conversation" | "a send of ours awaits its id" };

/**
 * A message the business sent from the provider's own inbox (channels.md gotcha 7), stored as sent in the
 * customer's open conversation, so the thread shows what the customer saw. An echo of our own send is
 * dropped: by its provider id (or an earlier part's) once the send has stored it, and — since the echo
 * can overtake the send's answer — while a send of ours in that conversation still awaits its id.
 */
export async function storeEcho(db: Db, channel: Channel, echo: InboundEcho): Promise<EchoOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const [known] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, echo.providerMessageId)));
      if (known) return ignored("ours");
      const [target] = await tx
        .select({
          conversationId: conversations.id,
          identityId: contactIdentities.id,
          pending: sql<boolean>`exists (
            select 1 from ${messages} m
            where m.conversation_id = ${conversations.id} and m.direction = 'out' and m.status = 'queued' and m.provider_message_id is null
              -- A send answers within seconds; one left queued by a crash must not swallow later echoes.
              and m.created_at > now() - interval '2 minutes')`,
          // One of ours that went out in several parts (text, then each file) keeps the earlier parts' ids.
          earlierPart: sql<boolean>`exists (
            select 1 from ${messages} m
            where m.conversation_id = ${conversations.id} and m.direction = 'out'
              and m.payload->'providerParts' @> jsonb_build_array(${echo.providerMessageId}::text))`,
        })
        .from(contactIdentities)
        .innerJoin(conversations, and(eq(conversations.contactId, contactIdentities.contactId), ne(conversations.status, "closed")))
        .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, echo.externalId)))
        .for("update", { of: conversations });
      if (!target) return ignored("no open conversation");
      if (target.earlierPart) return ignored("ours");
      if (target.pending) return ignored("a send of ours awaits its id");
      const attachments = echo.attachments ?? [];
      const { id } = await storeOutbound(tx, {
        conversationId: target.conversationId,
        channelId: channel.id,
        identityId: target.identityId,
        authorId: null,
        kind: echo.kind === "contact" ? "text" : echo.kind,
        body: echo.body,
        attachments,
        payload: { ...echo.payload, sentFrom: channelLabels[channel.kind] },
        createdAt: echo.timestamp && echo.timestamp < new Date() ? echo.timestamp : undefined,
        sentOutside: { providerMessageId: echo.providerMessageId },
      });
      return { type: "echo", result: "stored", conversationId: target.conversationId, messageId: id, hasPendingMedia: attachments.some((a) => a.pendingRef) };
    });
  } catch (error) {
    // The same echo delivered twice at once: the other delivery stored it.
    if (isUniqueViolation(error)) return ignored("ours");
    throw error;
  }
}

function ignored(reason: Extract<EchoOutcome, { result: "ignored" }>["reason"]): EchoOutcome {
  return { type: "echo", result: "ignored", reason };
}

import { and, asc, eq, ne, sql } from "drizzle-orm";
import { channels, contactIdentities, conversations, quickReplies, quickReplyGroups } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { formatBytes } from "@/lib/format";
import { recordEvent } from "@/lib/conversations/events";
import { archive } from "@/lib/conversations/lifecycle";
import { messageChanged } from "@/lib/conversations/notify";
import { storeOutbound } from "@/lib/conversations/outbound";
import { deliver, type DeliveryResult } from "@/lib/conversations/reply";
import { loadContact } from "@/lib/contacts/contacts";
import { EMAIL_MAX_FILES, EMAIL_MAX_TOTAL_ATTACHMENT_BYTES, type ContactEmailInput } from "@/lib/contacts/email.validation";
import { getSettings } from "@/lib/settings";
import { putFile, safeFileName } from "@/lib/storage/files";
import { routedTeamId } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";

export type EmailFile = { name: string; mimeType: string; data: Buffer };

/** The e-mail accounts an agent can write from (active e-mail channels). */
export async function emailAccounts(db: DbOrTx) {
  return db
    .select({ id: channels.id, name: channels.name, address: channels.externalId })
    .from(channels)
    .where(and(eq(channels.kind, "email"), eq(channels.active, true)))
    .orderBy(asc(channels.name));
}

/** Texts to start an e-mail from: the organisation's quick replies, by group. */
export async function emailTemplates(db: DbOrTx) {
  return db
    .select({ id: quickReplies.id, group: quickReplyGroups.name, body: quickReplies.body })
    .from(quickReplies)
    .innerJoin(quickReplyGroups, eq(quickReplyGroups.id, quickReplies.groupId))
    .orderBy(asc(quickReplyGroups.position), asc(quickReplies.position))
    .limit(200);
}

/**
 * Writes to a customer by e-mail from their contact page. The mail becomes part of the customer's one
 * conversation (a new one, assigned to the writer, when none is open), is stored queued with its
 * subject, To and Cc, and handed to the e-mail channel (`deliver`); "Send and close" archives the
 * conversation afterwards. Attachments are at most 2 MB together, as the e-mail channel allows.
 */
export async function sendContactEmail(
  db: Db,
  actor: CurrentUser,
  contactId: string,
  input: ContactEmailInput,
  attachments: EmailFile[] = [],
): Promise<{ conversationId: string; number: number; delivery: DeliveryResult; closed: boolean }> {
  const settings = await getSettings(db);
  assertCan(actor, "conversation.start", settings);
  const contact = await loadContact(db, contactId);
  if (contact.blocked) throw new UserError("This contact is blocked. Unblock them before writing to them.");
  const [channel] = await db.select().from(channels).where(and(eq(channels.id, input.channelId), eq(channels.kind, "email")));
  if (!channel) throw new UserError("Pick one of the e-mail accounts to send from.", { channelId: ["Pick one of the e-mail accounts."] });
  if (!channel.active) throw new UserError(`The e-mail account "${channel.name}" is deactivated.`, { channelId: ["This account is deactivated."] });
  if (attachments.length > EMAIL_MAX_FILES) throw new UserError(`At most ${EMAIL_MAX_FILES} attachments per e-mail.`, { files: [`At most ${EMAIL_MAX_FILES} files.`] });
  const total = attachments.reduce((sum, f) => sum + f.data.length, 0);
  if (total > EMAIL_MAX_TOTAL_ATTACHMENT_BYTES) {
    const message = `Attachments can be ${formatBytes(EMAIL_MAX_TOTAL_ATTACHMENT_BYTES)} together; these are ${formatBytes(total)}.`;
    throw new UserError(message, { files: [message] });
  }

  const stored = await db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ id: contactIdentities.id, contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, input.to)));
    if (owner && owner.contactId !== contactId) {
      throw new UserError("This address belongs to another contact on this account. Merge the two contacts first.", { to: ["This address belongs to another contact."] });
    }
    const identityId =
      owner?.id ??
      (
        await tx
          .insert(contactIdentities)
          .values({ contactId, channelId: channel.id, externalId: input.to, handle: input.to, profileName: contact.name })
          .returning({ id: contactIdentities.id })
      )[0].id;

    const [active] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.contactId, contactId), ne(conversations.status, "closed")))
      .for("update");
    if (active?.status === "blocked") throw new UserError("This contact's conversation is in the Blocked list. Unblock it first.");
    let conversation = active;
    if (conversation) {
      assertCan(actor, "conversation.reply", settings, conversation);
      const [updated] = await tx
        .update(conversations)
        .set({
          channelId: channel.id,
          identityId,
          ...(conversation.assigneeId ? {} : { assigneeId: actor.id, assignedAt: sql`now()`, status: "open" as const }),
        })
        .where(eq(conversations.id, conversation.id))
        .returning();
      if (!conversation.assigneeId) await recordEvent(tx, conversation.id, "assigned", actor.id, { toUserId: actor.id, via: "email" });
      conversation = updated;
    } else {
      const [created] = await tx
        .insert(conversations)
        .values({
          contactId,
          teamId: await routedTeamId(tx, channel.id),
          channelId: channel.id,
          identityId,
          status: "open",
          assigneeId: actor.id,
          assignedAt: new Date(),
          priority: contact.vip ? 1 : 0,
        })
        .returning();
      await recordEvent(tx, created.id, "created", actor.id, { channelId: channel.id, startedBy: "agent" });
      await recordEvent(tx, created.id, "assigned", actor.id, { toUserId: actor.id, via: "email" });
      conversation = created;
    }
    const files = [];
    for (const f of attachments) {
      files.push(await putFile(tx, { name: safeFileName(f.name), mimeType: f.mimeType, data: f.data, conversationId: conversation.id, contactId }));
    }
    const message = await storeOutbound(tx, {
      conversationId: conversation.id,
      channelId: channel.id,
      identityId,
      authorId: actor.id,
      kind: files.length ? "media" : "text",
      body: input.body,
      attachments: files,
      payload: { subject: input.subject, to: [input.to], cc: input.cc },
    });
    return { conversationId: conversation.id, number: conversation.number, messageId: message.id };
  });

  await messageChanged(stored.conversationId, stored.messageId, "message-created");
  const delivery = await deliver(db, stored.messageId);
  let closed = false;
  if (input.close) {
    await archive(db, actor, stored.conversationId);
    closed = true;
  }
  return { conversationId: stored.conversationId, number: stored.number, delivery, closed };
}

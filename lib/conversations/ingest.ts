import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { contactIdentities, contacts, conversations, messages, users } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import type { Channel, InboundEvent, InboundFile, InboundMessage } from "@/lib/channels/types";
import type { Db, Tx } from "@/lib/db/client";
import { isUniqueViolation, ts } from "@/lib/db/rows";
import { recordEvent } from "@/lib/conversations/events";
import { previewOf } from "@/lib/conversations/preview";
import { handleStatus } from "@/lib/conversations/delivery-status";
import { getSettings } from "@/lib/settings";
import { putFile } from "@/lib/storage/files";
import { routedTeamId } from "@/lib/teams";
import { openBlockedConversation } from "@/lib/contacts/block";

export type IngestOutcome =
  | {
      type: "message";
      result: "stored";
      conversationId: string;
      messageId: string;
      teamId: string;
      created: boolean;
      reopened: boolean;
      /** What the follow-up work needs to know, so it skips what does not apply (no query to find out). */
      channelKind: Channel["kind"];
      hasPendingMedia: boolean;
      hasText: boolean;
      newSender: boolean;
    }
  | { type: "message"; result: "duplicate"; conversationId: string; messageId: string }
  | { type: "message"; result: "dropped"; reason: "barred" }
  | { type: "status"; result: "applied"; conversationId: string; messageId: string }
  | { type: "status"; result: "ignored" };

/**
 * The single ingest path for every channel: each event is stored in its own transaction, in order.
 * A message is deduplicated on (channel, provider id); the identity and contact are found or created;
 * it joins the contact's active conversation, reopens a recently closed one, or starts a new one.
 * A unique-key race with a concurrent delivery of the same event is retried once, which then finds
 * the stored row.
 */
export async function ingest(db: Db, channel: Channel, events: InboundEvent[]): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const event of events) {
    if (event.type === "status") {
      const applied = await handleStatus(db, channel.id, event);
      if (!applied.length) outcomes.push({ type: "status", result: "ignored" });
      for (const one of applied) outcomes.push({ type: "status", result: "applied", ...one });
      continue;
    }
    outcomes.push(await withRetryOnRace(() => db.transaction((tx) => storeInbound(tx, channel, event))));
  }
  return outcomes;
}

async function withRetryOnRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return run();
  }
}

async function storeInbound(tx: Tx, channel: Channel, event: InboundMessage): Promise<IngestOutcome> {
  const [duplicate] = await tx
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, event.providerMessageId)));
  if (duplicate) return { type: "message", result: "duplicate", conversationId: duplicate.conversationId, messageId: duplicate.id };

  const identity = await upsertIdentity(tx, channel, event);
  if (identity.barred) {
    await tx
      .update(contactIdentities)
      .set({ droppedCount: sql`${contactIdentities.droppedCount} + 1` })
      .where(eq(contactIdentities.id, identity.id));
    return { type: "message", result: "dropped", reason: "barred" };
  }

  // Clock skew at a provider must not put a message in our future.
  const now = new Date();
  const at = event.timestamp && event.timestamp < now ? event.timestamp : now;
  const { conversation, created, reopened } = await joinOrOpen(tx, channel, identity, at, event.threadRefs);
  // E-mail brings its files in the body: stored now that the conversation they belong to exists.
  const attachments = [...(event.attachments ?? []), ...(await storeBodyFiles(tx, conversation.id, event.files))];

  const [message] = await tx
    .insert(messages)
    .values({
      conversationId: conversation.id,
      channelId: channel.id,
      identityId: identity.id,
      direction: "in",
      kind: event.kind,
      body: event.body,
      payload: event.payload,
      attachments,
      providerMessageId: event.providerMessageId,
      status: "received",
      createdAt: at,
    })
    .returning({ id: messages.id });

  const preview = previewOf(event.kind, event.body, attachments);
  await tx
    .update(conversations)
    .set({
      channelId: channel.id,
      identityId: identity.id,
      lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${ts(at)})`,
      waitingSince: sql`coalesce(${conversations.waitingSince}, ${ts(at)})`,
      status: sql`case when ${conversations.status} = 'waiting' then 'open'::conversation_status else ${conversations.status} end`,
      lastMessagePreview: sql`case when ${conversations.lastMessageAt} <= ${ts(at)} then ${preview} else ${conversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${conversations.lastMessageAt} <= ${ts(at)} then 'in'::direction else ${conversations.lastMessageDirection} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${ts(at)})`,
      messageCount: sql`${conversations.messageCount} + 1`,
    })
    .where(eq(conversations.id, conversation.id));
  await tx
    .update(contactIdentities)
    .set({ lastInboundAt: sql`greatest(${contactIdentities.lastInboundAt}, ${ts(at)})` })
    .where(eq(contactIdentities.id, identity.id));

  return {
    type: "message",
    result: "stored",
    conversationId: conversation.id,
    messageId: message.id,
    teamId: conversation.teamId,
    created,
    reopened,
    channelKind: channel.kind,
    hasPendingMedia: attachments.some((a) => a.pendingRef),
    hasText: /\p{L}|\p{Extended_Pictographic}/u.test(event.body),
    newSender: identity.isNew,
  };
}

async function upsertIdentity(tx: Tx, channel: Channel, event: InboundMessage) {
  const [existing] = await tx
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, event.externalId)));
  if (existing) {
    if ((event.profileName && event.profileName !== existing.profileName) || (event.handle && event.handle !== existing.handle)) {
      await tx
        .update(contactIdentities)
        .set({ profileName: event.profileName ?? existing.profileName, handle: event.handle ?? existing.handle })
        .where(eq(contactIdentities.id, existing.id));
      // A contact still known only by its handle takes the name the customer gave the channel.
      if (event.profileName) {
        await tx
          .update(contacts)
          .set({ name: event.profileName })
          .where(and(eq(contacts.id, existing.contactId), sql`${contacts.name} is null`));
      }
    }
    return { ...existing, isNew: false };
  }
  const [contact] = await tx
    .insert(contacts)
    .values({ name: event.profileName || null, email: event.contact?.email, phone: event.contact?.phone })
    .returning({ id: contacts.id });
  // A concurrent first message from the same sender raises a unique violation here; the whole event is retried.
  const [identity] = await tx
    .insert(contactIdentities)
    .values({
      contactId: contact.id,
      channelId: channel.id,
      externalId: event.externalId,
      handle: event.handle,
      profileName: event.profileName,
    })
    .returning();
  return { ...identity, isNew: true };
}

type ConversationRow = typeof conversations.$inferSelect;

async function storeBodyFiles(tx: Tx, conversationId: string, files: InboundFile[] = []): Promise<Attachment[]> {
  const stored: Attachment[] = [];
  for (const file of files) stored.push(await putFile(tx, { ...file, conversationId }));
  return stored;
}

async function joinOrOpen(
  tx: Tx,
  channel: Channel,
  identity: { id: string; contactId: string },
  at: Date,
  threadRefs: string[] = [],
): Promise<{ conversation: ConversationRow; created: boolean; reopened: boolean }> {
  // The row lock serialises concurrent messages of one customer (e.g. parallel webhook deliveries).
  const [active] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, identity.contactId), ne(conversations.status, "closed")))
    .for("update");
  if (active) return { conversation: active, created: false, reopened: false };

  // A blocked contact's message is kept, but in a conversation that lands in the Blocked list, never in
  // New; a closed conversation does not reopen for them.
  const [owner] = await tx.select({ blocked: contacts.blocked }).from(contacts).where(eq(contacts.id, identity.contactId));
  if (owner?.blocked) return openBlockedConversation(tx, channel, identity, at);

  const settings = await getSettings(tx);
  const [recent] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.contactId, identity.contactId),
        eq(conversations.status, "closed"),
        ne(conversations.closedReason, "barred"),
        sql`${conversations.closedAt} > now() - make_interval(hours => ${settings.reopenWindowHours})`,
      ),
    )
    // An e-mail reopens the conversation it answers (a message of it carries an id the mail references).
    .orderBy(
      ...(threadRefs.length
        ? [
            sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.channelId} = ${channel.id} and ${inArray(messages.providerMessageId, threadRefs)}) desc`,
          ]
        : []),
      desc(conversations.closedAt),
    )
    .limit(1)
    .for("update");
  if (recent) {
    // Back to the agent who had it, when they can still work conversations; otherwise to New.
    const [reopened] = await tx
      .update(conversations)
      .set({
        assigneeId: sql`(select ${users.id} from ${users} where ${users.id} = ${conversations.assigneeId} and ${users.role} in ('admin', 'supervisor', 'agent'))`,
        status: sql`case when exists (select 1 from ${users} where ${users.id} = ${conversations.assigneeId} and ${users.role} in ('admin', 'supervisor', 'agent')) then 'open'::conversation_status else 'new'::conversation_status end`,
        closedAt: null,
        closedReason: null,
      })
      .where(eq(conversations.id, recent.id))
      .returning();
    await recordEvent(tx, reopened.id, "reopened", null, { by: "customer", previousReason: recent.closedReason }, at);
    return { conversation: reopened, created: false, reopened: true };
  }

  const [contact] = await tx.select({ vip: contacts.vip }).from(contacts).where(eq(contacts.id, identity.contactId));
  const [created] = await tx
    .insert(conversations)
    .values({
      contactId: identity.contactId,
      teamId: await routedTeamId(tx, channel.id),
      channelId: channel.id,
      identityId: identity.id,
      status: "new",
      priority: contact?.vip ? 1 : 0,
      createdAt: at,
      lastMessageAt: at,
    })
    .returning();
  await recordEvent(tx, created.id, "created", null, { channelId: channel.id }, at);
  return { conversation: created, created: true, reopened: false };
}

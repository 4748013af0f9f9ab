import { and, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { channels, contactIdentities, contacts, conversationEvents, conversations, messages, teams, users } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import type { Channel, InboundEvent, InboundFile, InboundMessage } from "@/lib/channels/types";
import type { Db, Tx } from "@/lib/db/client";
import { batcher, perDatabase } from "@/lib/db/batcher";
import { isUniqueViolation, rows } from "@/lib/db/rows";
import { recordEvent } from "@/lib/conversations/events";
import { previewOf } from "@/lib/conversations/preview";
import { handleStatus } from "@/lib/conversations/delivery-status";
import { storeEcho, type EchoOutcome } from "@/lib/conversations/echo";
import { applyUnsent, type UnsentOutcome } from "@/lib/conversations/unsent";
import { getSettings } from "@/lib/settings";
import { putFile } from "@/lib/storage/files";
import { ensureDefaultTeam, routedTeamId } from "@/lib/teams";
import { openBlockedConversation } from "@/lib/contacts/block";
import { MOOD_KINDS, RECENT, type MoodInput, type SentimentLabel } from "@/lib/contacts/mood";

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
      /** The conversation's agent after this message, if any: the one to tell the customer wrote. */
      assigneeId: string | null;
      /** What the conversation's language and mood are read again from, this message included. */
      mood: MoodInput;
    }
  | { type: "message"; result: "duplicate"; conversationId: string; messageId: string }
  | { type: "message"; result: "dropped"; reason: "barred" | "channel inactive" }
  | { type: "status"; result: "applied"; conversationId: string; messageId: string }
  | { type: "status"; result: "ignored" }
  | EchoOutcome
  | UnsentOutcome;

/**
 * The single ingest path for every channel: each event is stored atomically, in order — in its own
 * transaction, or, for the common cases, as its share of a statement that stores the messages arriving
 * together (see storeTogether).
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
    if (event.type === "echo") {
      outcomes.push(await storeEcho(db, channel, event));
      continue;
    }
    if (event.type === "unsent") {
      outcomes.push(await applyUnsent(db, channel.id, event));
      continue;
    }
    const together = event.files?.length || event.body.length > MAX_BATCHED_BODY ? null : await storeTogether(db, channel, event);
    outcomes.push(together ?? (await withRetryOnRace(() => db.transaction((tx) => storeInbound(tx, channel, event)))));
  }
  return outcomes;
}

/** A batch is one JSON parameter: long mails go one by one, so a burst of them cannot hold a batch of megabytes. */
const MAX_BATCHED_BODY = 32_000;

/** A concurrent delivery of the same message won the insert: the transaction is rolled back and retried. */
class ConcurrentDelivery extends Error {}

async function withRetryOnRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isUniqueViolation(error) && !(error instanceof ConcurrentDelivery)) throw error;
    return run();
  }
}

/** One message to append: the event, its arrival time and files, and where it goes. */
type Append = { channel: Channel; event: InboundMessage; at: Date; attachments: Attachment[] };
type Appended = { messageId: string; conversationId: string; teamId: string; assigneeId: string | null; mood: MoodInput };

/**
 * The two common cases, each written together with whatever other webhooks this process is storing at
 * the same moment (lib/db/batcher.ts): a known sender (name and handle unchanged, not barred) writing
 * into their contact's active conversation, and a sender never seen before, on an active account.
 * Anything else — a returning customer without an open conversation, a retried delivery, a profile
 * change — gets null and takes the full path below, as does every message of a batch that failed (a
 * deadlock with a full-path transaction, say).
 */
async function storeTogether(db: Db, channel: Channel, event: InboundMessage): Promise<IngestOutcome | null> {
  const item: Append = { channel, event, at: arrivalTime(event), attachments: event.attachments ?? [] };
  const { join, open } = batchersFor(db);
  const joined = await join.add(item).catch(batchFailed);
  if (joined) return storedOutcome(channel, event, joined, item.attachments, { created: false, reopened: false, newSender: false });
  const opened = await open.add(item).catch(batchFailed);
  return opened && storedOutcome(channel, event, opened, item.attachments, { created: true, reopened: false, newSender: true });
}

function batchFailed(error: unknown) {
  console.warn("ingest: a batch of messages failed and is stored one by one", error);
  return null;
}

const batchOptions = {
  maxBatch: 64,
  maxInFlight: 1,
  // One provider id once per batch: the second delivery must find the first stored, as a duplicate.
  sameBatch: (a: Append, b: Append) => a.channel.id === b.channel.id && a.event.providerMessageId === b.event.providerMessageId,
};

const batchersFor = perDatabase((db: Db) => ({
  // Conversation rows are locked in id order, so concurrent batches wait for each other, never deadlock.
  join: batcher(
    (items: Append[]) =>
      appendInbound(
        db,
        items,
        sql`
        select input.ord, c.id as conversation_id, c.team_id, i.id as identity_id
        from input
        join ${contactIdentities} i on i.channel_id = input.channel_id and i.external_id = input.external_id and not i.barred
          and (input.profile_name is null or i.profile_name = input.profile_name)
          and (input.handle is null or i.handle = input.handle)
        join ${conversations} c on c.contact_id = i.contact_id and c.status <> 'closed'
        join ${channels} ch on ch.id = input.channel_id and ch.active
        order by c.id
        for update of c`,
      ),
    batchOptions,
  ),
  open: batcher(
    (items: Append[]) =>
      db.transaction(async (tx) => {
        // A fresh database may have no default team yet for an account that routes nowhere.
        if (items.some((item) => !item.channel.teamId)) await ensureDefaultTeam(tx);
        const opened = await openForNewSenders(tx, items);
        if (!opened.length) return items.map(() => null);
        const target = sql`select * from jsonb_to_recordset(${JSON.stringify(opened)}::jsonb) as t(ord int, conversation_id uuid, team_id uuid, identity_id uuid)`;
        return appendInbound(tx, items, target);
      }),
    batchOptions,
  ),
}));

/**
 * For each sender of `items` never seen on its (active) account: the contact, the identity, a new
 * conversation routed to the account's team (else the default team) and its "created" event, in one
 * statement. A sender whose identity exists (or who appears twice) is left out: the full path knows
 * what to do with them.
 */
async function openForNewSenders(tx: Tx, items: Append[]) {
  const input = items.map(({ channel, event, at }, ord) => ({
    ord,
    channel_id: channel.id,
    external_id: event.externalId,
    handle: event.handle ?? null,
    profile_name: event.profileName ?? null,
    email: event.contact?.email ?? null,
    phone: event.contact?.phone ?? null,
    // Made here so the identity can be inserted first and its contact only when the identity was new.
    contact_id: crypto.randomUUID(),
    at: at.toISOString(),
  }));
  return rows<{ ord: number; conversation_id: string; team_id: string; identity_id: string }>(
    tx,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        ord int, channel_id uuid, external_id text, handle text, profile_name text, email text, phone text, contact_id uuid, at timestamptz)
    ),
    identity as (
      insert into ${contactIdentities} (contact_id, channel_id, external_id, handle, profile_name)
      select input.contact_id, input.channel_id, input.external_id, input.handle, input.profile_name
      from input join ${channels} ch on ch.id = input.channel_id and ch.active
      order by input.ord
      on conflict (channel_id, external_id) do nothing
      returning id, contact_id, channel_id
    ),
    -- Foreign keys are checked at the end of the statement, so the contact may follow its identity.
    contact as (
      insert into ${contacts} (id, name, email, phone)
      select input.contact_id, nullif(input.profile_name, ''), input.email, input.phone
      from input join identity on identity.contact_id = input.contact_id
    ),
    opened as (
      insert into ${conversations} (contact_id, team_id, channel_id, identity_id, status, priority, created_at, last_message_at)
      select identity.contact_id, coalesce(ch.team_id, (select t.id from ${teams} t where t.is_default)), identity.channel_id, identity.id, 'new', 0, input.at, input.at
      from identity join input on input.contact_id = identity.contact_id join ${channels} ch on ch.id = identity.channel_id
      returning id, team_id, identity_id, channel_id, created_at
    ),
    created as (
      insert into ${conversationEvents} (conversation_id, type, data, created_at)
      select id, 'created', jsonb_build_object('channelId', channel_id), created_at from opened
    )
    select input.ord, opened.id as conversation_id, opened.team_id, opened.identity_id
    from opened join identity on identity.id = opened.identity_id join input on input.contact_id = identity.contact_id`,
  );
}

/** Clock skew at a provider must not put a message in our future. */
function arrivalTime(event: InboundMessage) {
  const now = new Date();
  return event.timestamp && event.timestamp < now ? event.timestamp : now;
}

/**
 * Stores each message in the conversation `target` selects for it (rows of ord, conversation_id, team_id,
 * identity_id, from the `input` rows) and moves each conversation (last message, waiting since, a
 * waiting conversation opens again, the identity replies go to) and identity along, in one statement.
 * A message whose provider id is stored already, or that `target` gives no conversation, gets null.
 */
async function appendInbound(db: Db | Tx, items: Append[], target: SQL): Promise<(Appended | null)[]> {
  const input = items.map(({ channel, event, at, attachments }, ord) => ({
    ord,
    channel_id: channel.id,
    external_id: event.externalId,
    profile_name: event.profileName ?? null,
    handle: event.handle ?? null,
    kind: event.kind,
    body: event.body,
    payload: event.payload ?? null,
    attachments,
    provider_message_id: event.providerMessageId,
    at: at.toISOString(),
    preview: previewOf(event.kind, event.body, attachments),
  }));
  const found = await rows<{
    ord: number;
    message_id: string;
    conversation_id: string;
    team_id: string;
    assignee_id: string | null;
    language: string | null;
    sentiment: SentimentLabel | null;
    earlier: string[];
  }>(
    db,
    sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        ord int, channel_id uuid, external_id text, profile_name text, handle text, kind message_kind, body text,
        payload jsonb, attachments jsonb, provider_message_id text, at timestamptz, preview text)
    ),
    target as (${target}),
    inserted as (
      insert into ${messages} (conversation_id, channel_id, identity_id, direction, kind, body, payload, attachments, provider_message_id, status, created_at)
      select target.conversation_id, input.channel_id, target.identity_id, 'in', input.kind, input.body, input.payload,
        input.attachments, input.provider_message_id, 'received', input.at
      from input join target on target.ord = input.ord
      on conflict (channel_id, provider_message_id) do nothing
      returning id, conversation_id, identity_id, channel_id, provider_message_id, created_at
    ),
    stored as (
      select inserted.*, input.ord, input.preview from inserted
      join input on input.channel_id = inserted.channel_id and input.provider_message_id = inserted.provider_message_id
    ),
    -- Per conversation: its newest message of this statement sets what the list shows.
    latest as (
      select distinct on (conversation_id) conversation_id, channel_id, identity_id, created_at as at, preview,
        count(*) over same as n, min(created_at) over same as first_at
      from stored
      window same as (partition by conversation_id)
      order by conversation_id, created_at desc, ord desc
    ),
    moved as (
      update ${conversations} c set
        channel_id = latest.channel_id,
        identity_id = latest.identity_id,
        last_inbound_at = greatest(c.last_inbound_at, latest.at),
        waiting_since = coalesce(c.waiting_since, latest.first_at),
        status = case when c.status = 'waiting' then 'open'::conversation_status else c.status end,
        last_message_preview = case when c.last_message_at <= latest.at then latest.preview else c.last_message_preview end,
        last_message_direction = case when c.last_message_at <= latest.at then 'in'::direction else c.last_message_direction end,
        last_message_at = greatest(c.last_message_at, latest.at),
        message_count = c.message_count + latest.n
      from latest where c.id = latest.conversation_id
      returning c.id, c.assignee_id, c.language, c.sentiment
    ),
    seen as (
      update ${contactIdentities} i set last_inbound_at = greatest(i.last_inbound_at, newest.at)
      from (select identity_id, max(created_at) as at from stored group by 1) newest where i.id = newest.identity_id
      returning i.id
    )
    select stored.ord, stored.id as message_id, stored.conversation_id, target.team_id, moved.assignee_id, moved.language, moved.sentiment,
      -- The statement's snapshot holds none of its own messages: these are the ones before them.
      array(
        select m.body from ${messages} m
        where m.conversation_id = stored.conversation_id and m.direction = 'in' and m.kind in (${sql.join(MOOD_KINDS.map((k) => sql`${k}::message_kind`), sql`, `)})
        order by m.created_at desc limit ${RECENT}
      ) as earlier
    from stored join target on target.ord = stored.ord join moved on moved.id = stored.conversation_id`,
  );
  const byOrd = new Map(found.map((row) => [row.ord, row]));
  // Whether item a arrived before item b (ties go by their order in the statement).
  const before = (a: number, b: number) => items[a].at < items[b].at || (items[a].at.getTime() === items[b].at.getTime() && a < b);
  return items.map(({ event }, ord) => {
    const row = byOrd.get(ord);
    if (!row) return null;
    // Texts of this statement's earlier messages in the same conversation come first, newest first.
    const mates = found
      .filter((other) => other.conversation_id === row.conversation_id && before(other.ord, ord))
      .sort((x, y) => (before(x.ord, y.ord) ? 1 : -1))
      .map((other) => items[other.ord].event)
      .filter(countsForMood)
      .map((e) => e.body);
    return {
      messageId: row.message_id,
      conversationId: row.conversation_id,
      teamId: row.team_id,
      assigneeId: row.assignee_id,
      mood: {
        language: row.language,
        sentiment: row.sentiment,
        recent: [...(countsForMood(event) ? [event.body] : []), ...mates, ...row.earlier].slice(0, RECENT),
      },
    };
  });
}

const countsForMood = (event: InboundMessage) => (MOOD_KINDS as readonly string[]).includes(event.kind);

function storedOutcome(
  channel: Channel,
  event: InboundMessage,
  stored: { messageId: string; conversationId: string; teamId: string; assigneeId: string | null; mood: MoodInput },
  attachments: Attachment[],
  how: { created: boolean; reopened: boolean; newSender: boolean },
): IngestOutcome {
  return {
    type: "message",
    result: "stored",
    ...stored,
    ...how,
    channelKind: channel.kind,
    hasPendingMedia: attachments.some((a) => a.pendingRef),
    hasText: /\p{L}|\p{Extended_Pictographic}/u.test(event.body),
  };
}

async function storeInbound(tx: Tx, channel: Channel, event: InboundMessage): Promise<IngestOutcome> {
  // The account is read again here: the webhook may have judged it from a copy a few seconds old.
  const [found] = await tx
    .select({ active: channels.active, duplicateId: messages.id, duplicateIn: messages.conversationId })
    .from(channels)
    .leftJoin(messages, and(eq(messages.channelId, channels.id), eq(messages.providerMessageId, event.providerMessageId)))
    .where(eq(channels.id, channel.id));
  if (found?.duplicateId && found.duplicateIn) return { type: "message", result: "duplicate", conversationId: found.duplicateIn, messageId: found.duplicateId };
  if (!found?.active) return { type: "message", result: "dropped", reason: "channel inactive" };

  const identity = await upsertIdentity(tx, channel, event);
  if (identity.barred) {
    await tx
      .update(contactIdentities)
      .set({ droppedCount: sql`${contactIdentities.droppedCount} + 1` })
      .where(eq(contactIdentities.id, identity.id));
    return { type: "message", result: "dropped", reason: "barred" };
  }

  const at = arrivalTime(event);
  const { conversation, created, reopened } = await joinOrOpen(tx, channel, identity, at, event.threadRefs);
  // E-mail brings its files in the body: stored now that the conversation they belong to exists.
  const attachments = [...(event.attachments ?? []), ...(await storeBodyFiles(tx, conversation.id, event.files))];
  const target = sql`select 0 as ord, ${conversation.id}::uuid as conversation_id, ${conversation.teamId}::uuid as team_id, ${identity.id}::uuid as identity_id`;
  const [appended] = await appendInbound(tx, [{ channel, event, at, attachments }], target);
  if (!appended) throw new ConcurrentDelivery();
  return storedOutcome(channel, event, appended, attachments, { created, reopened, newSender: identity.isNew });
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
  identity: { id: string; contactId: string; isNew: boolean },
  at: Date,
  threadRefs: string[] = [],
): Promise<{ conversation: ConversationRow; created: boolean; reopened: boolean }> {
  // A contact created for this message has no conversations and is neither blocked nor VIP.
  if (identity.isNew) return openConversation(tx, channel, identity, at, false);

  // The row lock serialises concurrent messages of one customer (e.g. parallel webhook deliveries).
  const [active] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, identity.contactId), ne(conversations.status, "closed")))
    .for("update");
  if (active) return { conversation: active, created: false, reopened: false };

  // A blocked contact's message is kept, but in a conversation that lands in the Blocked list, never in
  // New; a closed conversation does not reopen for them.
  const [owner] = await tx.select({ blocked: contacts.blocked, vip: contacts.vip }).from(contacts).where(eq(contacts.id, identity.contactId));
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

  return openConversation(tx, channel, identity, at, Boolean(owner?.vip));
}

async function openConversation(tx: Tx, channel: Channel, identity: { id: string; contactId: string }, at: Date, vip: boolean) {
  const [created] = await tx
    .insert(conversations)
    .values({
      contactId: identity.contactId,
      teamId: await routedTeamId(tx, channel.id),
      channelId: channel.id,
      identityId: identity.id,
      status: "new",
      priority: vip ? 1 : 0,
      createdAt: at,
      lastMessageAt: at,
    })
    .returning();
  await recordEvent(tx, created.id, "created", null, { channelId: channel.id }, at);
  return { conversation: created, created: true, reopened: false };
}

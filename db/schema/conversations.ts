import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { contactIdentities, contacts } from "./contacts";
import {
  closedReasonEnum,
  conversationStatusEnum,
  deliveryStatusEnum,
  directionEnum,
  eventTypeEnum,
  messageKindEnum,
} from "./enums";
import { teams, users } from "./users";

const tz = { withTimezone: true } as const;

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The human-friendly number agents say aloud and search for. */
    number: bigint("number", { mode: "number" }).generatedAlwaysAsIdentity({ startWith: 1000 }).notNull(),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").notNull().references(() => teams.id),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** The channel and identity the customer last wrote from: replies go back there. */
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").references(() => contactIdentities.id, { onDelete: "set null" }),
    status: conversationStatusEnum("status").notNull().default("new"),
    closedReason: closedReasonEnum("closed_reason"),
    /** Higher first: VIP customers skip the queue. */
    priority: integer("priority").notNull().default(0),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    assignedAt: timestamp("assigned_at", tz),
    firstResponseAt: timestamp("first_response_at", tz),
    lastInboundAt: timestamp("last_inbound_at", tz),
    lastMessageAt: timestamp("last_message_at", tz).notNull().defaultNow(),
    /** Since when the customer has been waiting for an answer; null once an agent replied. */
    waitingSince: timestamp("waiting_since", tz),
    closedAt: timestamp("closed_at", tz),
    lastMessagePreview: text("last_message_preview"),
    lastMessageDirection: directionEnum("last_message_direction"),
    messageCount: integer("message_count").notNull().default(0),
    /** The language the customer writes in and the mood of their recent messages (lib/contacts/mood.ts). */
    language: text("language"),
    sentiment: text("sentiment", { enum: ["negative", "neutral", "positive"] }),
  },
  (t) => [
    uniqueIndex("conversations_number_idx").on(t.number),
    // The life-cycle rule "a contact has at most one conversation that is not closed", kept by the database.
    uniqueIndex("conversations_one_active_per_contact_idx").on(t.contactId).where(sql`${t.status} <> 'closed'`),
    // One index per list branch (see lib/conversations/queries.ts), each in the queue order, so a page
    // is read in order instead of sorting every match.
    index("conversations_new_idx")
      .on(t.teamId, t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'new'`),
    index("conversations_assigned_idx")
      .on(t.teamId, t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} <> 'closed' and ${t.assigneeId} is not null`),
    index("conversations_mine_idx")
      .on(t.assigneeId, t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} <> 'closed'`),
    index("conversations_assignee_all_idx").on(t.assigneeId, t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_team_all_idx").on(t.teamId, t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_all_idx").on(t.priority.desc().nullsFirst(), t.waitingSince, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_contact_idx").on(t.contactId, t.createdAt),
    index("conversations_inactive_idx").on(t.lastMessageAt).where(sql`${t.status} <> 'closed'`),
    // Statistics read the conversations started in a span (lib/stats): one btree on the start time, with
    // the filter and grouping columns alongside, then what the service levels read (first response,
    // closing) and the status a viewer's scope tests, so the whole page reads the index alone. (Trailing
    // key columns, as drizzle has no INCLUDE; the order by start time that the list uses is unchanged.)
    index("conversations_created_idx").on(t.createdAt, t.teamId, t.channelId, t.assigneeId, t.firstResponseAt, t.closedAt, t.closedReason, t.status),
    // The list's date sorts (lib/conversations/filters-sql.ts) on the large branches of All, per team and
    // for everything (by start time everything reads conversations_created_idx); the work queues are small
    // enough to sort.
    // Trailing columns: a filtered list (channel, state, time span, agent) is answered from the index
    // alone, without a heap visit per conversation the filter skips (drizzle has no INCLUDE).
    index("conversations_team_started_idx").on(
      t.teamId,
      t.createdAt,
      t.id,
      t.status,
      t.channelId,
      t.lastMessageAt,
      t.assigneeId,
      t.priority,
      t.waitingSince,
    ),
    index("conversations_team_last_message_idx").on(t.teamId, t.lastMessageAt, t.id),
    index("conversations_last_message_idx").on(t.lastMessageAt, t.id),
    // An agent's All also has "mine in other teams": tiny, but without these a date sort reads it through
    // the whole of conversations_last_message_idx.
    index("conversations_assignee_started_idx").on(t.assigneeId, t.createdAt, t.id),
    index("conversations_assignee_last_message_idx").on(t.assigneeId, t.lastMessageAt, t.id),
  ],
);

/**
 * A file on a message. `id` is the stored file's id; an inbound file not downloaded yet has an empty id and
 * the provider's reference in `pendingRef` (and `error` when the download failed).
 */
/** Postgres full-text search's document type (drizzle has none built in). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * What full-text search reads (lib/conversations/search.ts), kept by the database for every row. The
 * `simple` configuration: customers write in many languages, and one language's stemmer would mangle the
 * others, names and order numbers. Stored rather than an index expression, so checking a row (search
 * probes a conversation's messages) does not parse its text again.
 */
const searchVector = () => tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, body)`);

export type Attachment = { id: string; name: string; mimeType: string; size: number; pendingRef?: string; error?: string };

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    identityId: uuid("identity_id").references(() => contactIdentities.id, { onDelete: "set null" }),
    direction: directionEnum("direction").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: messageKindEnum("kind").notNull().default("text"),
    body: text("body").notNull().default(""),
    /** Kind-specific data: a location, a contact card, template parameters, e-mail headers. */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    attachments: jsonb("attachments").$type<Attachment[]>().notNull().default([]),
    providerMessageId: text("provider_message_id"),
    /** The composer's id for an outbound message, so a double submit stores one message. */
    clientId: text("client_id"),
    status: deliveryStatusEnum("status").notNull(),
    errorCode: text("error_code"),
    errorText: text("error_text"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    statusAt: timestamp("status_at", tz),
    searchVector: searchVector(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    // Webhook retries never duplicate a message.
    uniqueIndex("messages_provider_id_idx").on(t.channelId, t.providerMessageId),
    uniqueIndex("messages_client_id_idx").on(t.conversationId, t.clientId),
    index("messages_identity_idx").on(t.identityId, t.createdAt),
    // Retention deletes by age.
    index("messages_created_idx").on(t.createdAt),
    // Statistics count agents' replies per span (lib/stats). Partial, so inbound ingest never writes to it.
    index("messages_out_created_idx").on(t.createdAt, t.authorId, t.channelId).where(sql`${t.direction} = 'out'`),
    index("messages_search_idx").using("gin", t.searchVector),
  ],
);

export const notes = pgTable(
  "notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    searchVector: searchVector(),
  },
  (t) => [
    index("notes_conversation_idx").on(t.conversationId, t.createdAt),
    index("notes_search_idx").using("gin", t.searchVector),
  ],
);

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    color: text("color").notNull().default("slate"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tags_name_lower_idx").on(sql`lower(${t.name})`)],
);

export const conversationTags = pgTable(
  "conversation_tags",
  {
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id").notNull().references(() => tags.id, { onDelete: "cascade" }),
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.tagId] }),
    index("conversation_tags_tag_idx").on(t.tagId),
    // Tag use per span for statistics (lib/stats).
    index("conversation_tags_created_idx").on(t.createdAt, t.tagId),
  ],
);

export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().primaryKey(),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    type: eventTypeEnum("type").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [
    index("conversation_events_conversation_idx").on(t.conversationId, t.createdAt),
    index("conversation_events_type_time_idx").on(t.type, t.createdAt),
  ],
);

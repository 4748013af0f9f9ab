import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { conversations, messages, type Attachment } from "./conversations";

/**
 * Out-of-office messages of one channel account, sent in `position` order when a customer writes while
 * the routed team is closed. Each is a text (≤ 200 characters) or a file where the channel carries files.
 */
export const awayMessages = pgTable(
  "away_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    body: text("body").notNull().default(""),
    /** A stored file (lib/storage) sent as a media message; null for a text message. */
    attachment: jsonb("attachment").$type<Attachment>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("away_messages_channel_idx").on(t.channelId, t.position),
    check("away_messages_body_length", sql`char_length(${t.body}) <= 200`),
    check("away_messages_not_empty", sql`${t.body} <> '' or ${t.attachment} is not null`),
  ],
);

/**
 * Which closed period a conversation already got its away messages for. A closed period is named by the
 * moment it ends (the team's next opening), so the primary key makes "once per conversation per closed
 * period" hold even when two messages of one customer are processed at the same time.
 */
export const awayRepliesSent = pgTable(
  "away_replies_sent",
  {
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    periodEndsAt: timestamp("period_ends_at", { withTimezone: true }).notNull(),
    /** The inbound message that triggered the replies. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.periodEndsAt] })],
);

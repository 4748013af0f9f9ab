import { customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts";
import { conversations } from "./conversations";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * Stored files (media in and out, uploads). Kept in the database: it is the one store every deployment
 * has (PGlite locally, Postgres in production), deletes with the rows that own it, and needs no bucket.
 */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("files_conversation_idx").on(t.conversationId),
    index("files_contact_idx").on(t.contactId),
    index("files_created_idx").on(t.createdAt),
  ],
);

/** Delivery statuses that arrived before their message had its provider id (channels.md, gotcha 10). */
export const pendingStatuses = pgTable(
  "pending_statuses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    status: text("status", { enum: ["sent", "delivered", "read", "failed"] }).notNull(),
    errorCode: text("error_code"),
    errorText: text("error_text"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pending_statuses_lookup_idx").on(t.channelId, t.providerMessageId), index("pending_statuses_at_idx").on(t.at)],
);

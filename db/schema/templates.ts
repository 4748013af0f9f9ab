import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";

/**
 * WhatsApp message templates per account, as Meta approved them (synced from the WhatsApp Business
 * Account's template list). `body` is the BODY component's text with its `{{1}}`… (or `{{name}}`)
 * placeholders; `components` keeps Meta's whole definition.
 */
export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Meta's language code: en, en_US, nl, pt_BR… */
    language: text("language").notNull(),
    /** MARKETING | UTILITY | AUTHENTICATION */
    category: text("category").notNull(),
    body: text("body").notNull(),
    /** Meta's review state: APPROVED, PENDING, REJECTED, PAUSED, DISABLED… Only APPROVED ones can be sent. */
    status: text("status").notNull(),
    components: jsonb("components").$type<Record<string, unknown>[]>().notNull().default([]),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("templates_channel_name_language_idx").on(t.channelId, t.name, t.language), index("templates_channel_status_idx").on(t.channelId, t.status)],
);

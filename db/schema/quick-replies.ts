import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** A group of quick replies; agents open it in the composer by typing `!` and its name. */
export const quickReplyGroups = pgTable(
  "quick_reply_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // `!Order` and `!order` would be the same shortcut.
    uniqueIndex("quick_reply_groups_name_lower_idx").on(sql`lower(${t.name})`),
    index("quick_reply_groups_position_idx").on(t.position),
  ],
);

export const quickReplies = pgTable(
  "quick_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id").notNull().references(() => quickReplyGroups.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Sent as written: line breaks, emoji and links kept; `{{placeholders}}` filled in the composer. */
    body: text("body").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("quick_replies_group_idx").on(t.groupId, t.position),
    check("quick_replies_body_length", sql`char_length(${t.body}) between 1 and 2000`),
  ],
);

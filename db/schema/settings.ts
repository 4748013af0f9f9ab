import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** The one row of service-wide settings. */
export const settings = pgTable(
  "settings",
  {
    id: integer("id").primaryKey().default(1),
    companyName: text("company_name").notNull().default("Switchboard"),
    seats: integer("seats").notNull().default(10),
    planStartedAt: timestamp("plan_started_at", { withTimezone: true }).notNull().defaultNow(),
    agentsCanCreateTags: boolean("agents_can_create_tags").notNull().default(true),
    agentsCanMerge: boolean("agents_can_merge").notNull().default(false),
    agentsCanSeeAll: boolean("agents_can_see_all").notNull().default(false),
    agentsCanExport: boolean("agents_can_export").notNull().default(false),
    inactivityCloseHours: integer("inactivity_close_hours").notNull().default(72),
    reopenWindowHours: integer("reopen_window_hours").notNull().default(24),
    retentionDays: integer("retention_days"),
    defaultRegion: text("default_region").notNull().default("US"),
    /** Service-level target: a first answer within this many minutes counts as on time. */
    responseTargetMinutes: integer("response_target_minutes").notNull().default(60),
  },
  (t) => [check("settings_single_row", sql`${t.id} = 1`)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    target: text("target"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams } from "./users";

/**
 * A team's weekly opening hours: one row per time range, in the team's own time zone (`teams.time_zone`).
 * A team without rows is always open. Minutes count from local midnight; `end_minute` is exclusive and
 * may be 1440 (midnight at the end of the day), so a range never crosses midnight: an overnight shift is
 * two ranges on consecutive days.
 */
export const officeHours = pgTable(
  "office_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [
    index("office_hours_team_idx").on(t.teamId, t.weekday, t.startMinute),
    check("office_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check("office_hours_range", sql`${t.startMinute} >= 0 and ${t.startMinute} < ${t.endMinute} and ${t.endMinute} <= 1440`),
  ],
);

/** Dates on which a team is closed all day (holidays, a company outing), inclusive, in the team's time zone. */
export const officeHolidays = pgTable(
  "office_holidays",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("office_holidays_team_idx").on(t.teamId, t.startsOn),
    check("office_holidays_range", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

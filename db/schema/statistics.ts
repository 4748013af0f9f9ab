import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Agents' replies counted per UTC day, author, channel account and the conversation's team: what the
 * statistics page reads for "messages sent" instead of counting a span's outbound messages one by one
 * (half a million rows for 90 days at 1M messages). Kept exact by database triggers on `messages` and
 * `conversations` (lib/stats/rollup.ts installs them and explains the rules); no foreign keys, as it is
 * derived data that the triggers already keep in step with deletions.
 */
export const statsSentDaily = pgTable(
  "stats_sent_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    authorId: uuid("author_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    teamId: uuid("team_id").notNull(),
    count: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.authorId, t.channelId, t.teamId] })],
);

/**
 * Counts per UTC hour and team for the statistics page's charts when nothing but a team narrows them:
 * conversations started (`key` = channel account), closings and reopenings (`key` = the zero uuid) and
 * tags added (`key` = tag; `tagged` without the team, `tagged_team` with it).
 * Kept by database triggers (lib/stats/rollup.ts). Each server connection adds into its own `slot` (its
 * backend pid), so two transactions never wait for each other on a busy hour; deletions add negative
 * counts the same way. The readers sum the slots; the scheduled job folds past hours into slot 0.
 */
export const statsHourly = pgTable(
  "stats_hourly",
  {
    metric: text("metric").$type<"started" | "closed" | "reopened" | "tagged" | "tagged_team">().notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    key: uuid("key").notNull(),
    /** The conversation's team, or the zero uuid in the team-less `tagged`. */
    team: uuid("team").notNull(),
    slot: integer("slot").notNull(),
    count: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.hour, t.key, t.team, t.slot] })],
);

import { date, integer, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";

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

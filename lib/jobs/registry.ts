import { sql } from "drizzle-orm";
import { pendingStatuses } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { closeInactive } from "@/lib/conversations/lifecycle";
import { retryPendingMedia } from "@/lib/channels/media";
import { publish } from "@/lib/realtime/publish";
import { inboxTopic } from "@/lib/realtime/topics";
import { runRetention } from "@/lib/settings/retention";
import { resumeStalledImports } from "@/lib/contacts/import";
import { compactStatsRollups } from "@/lib/stats/rollup";

/** Scheduled jobs: idempotent, run by Vercel cron through /api/cron/<name>, or by the local timer. */
export const jobs: Record<string, (db: Db) => Promise<Record<string, unknown>>> = {
  "close-inactive": async (db) => {
    const closed = await closeInactive(db);
    if (closed.length) await publish(inboxTopic, "conversations-changed", { count: closed.length });
    return { closed: closed.length };
  },
  "media-retry": async (db) => ({ fetched: await retryPendingMedia(db) }),
  // Early statuses whose message never got that provider id (e.g. the extra parts of a multi-part send).
  "pending-status-purge": async (db) => ({
    purged: (await db.delete(pendingStatuses).where(sql`${pendingStatuses.at} < now() - interval '2 days'`).returning({ id: pendingStatuses.id })).length,
  }),
  "contact-imports": async (db) => ({ resumed: await resumeStalledImports(db) }),
  // Folds the statistics rollup's per-connection slots of past hours into one row each (lib/stats/rollup.ts).
  "stats-rollups": async (db) => ({ folded: await compactStatsRollups(db) }),
  retention: async (db) => {
    const result = await runRetention(db);
    if (result.messages) await publish(inboxTopic, "conversations-changed", { count: result.messages });
    return result;
  },
};

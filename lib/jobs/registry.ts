import type { Db } from "@/lib/db/client";
import { closeInactive } from "@/lib/conversations/lifecycle";
import { retryPendingMedia } from "@/lib/channels/media";
import { publish } from "@/lib/realtime/publish";
import { inboxTopic } from "@/lib/realtime/topics";

/** Scheduled jobs: idempotent, run by Vercel cron through /api/cron/<name>, or by the local timer. */
export const jobs: Record<string, (db: Db) => Promise<Record<string, unknown>>> = {
  "close-inactive": async (db) => {
    const closed = await closeInactive(db);
    if (closed.length) await publish(inboxTopic, "conversations-changed", { count: closed.length });
    return { closed: closed.length };
  },
  "media-retry": async (db) => ({ fetched: await retryPendingMedia(db) }),
};

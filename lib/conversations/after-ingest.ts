import { fetchPendingMedia } from "@/lib/channels/media";
import type { Db } from "@/lib/db/client";
import type { IngestOutcome } from "@/lib/conversations/ingest";
import { notifyIngest } from "@/lib/conversations/notify";

/**
 * The work that follows a stored webhook, after the provider has its 200: tell open pages, fetch media
 * while its links are fresh, then tell them again once the files are in. Each step stands alone; one
 * failing never stops the next.
 */
export async function afterIngest(db: Db, outcomes: IngestOutcome[]): Promise<void> {
  await notifyIngest(outcomes);
  const stored = outcomes.filter((o) => o.type === "message" && o.result === "stored");
  for (const outcome of stored) {
    if (outcome.type !== "message" || outcome.result !== "stored") continue;
    try {
      if (await fetchPendingMedia(db, outcome.messageId)) await notifyIngest([outcome]);
    } catch (error) {
      console.error("media download failed", { messageId: outcome.messageId, error });
    }
  }
}

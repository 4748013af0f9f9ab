import { fetchPendingMedia } from "@/lib/channels/media";
import { fillProfile } from "@/lib/channels/profile";
import { adapterFor } from "@/lib/channels/registry";
import { updateConversationMood } from "@/lib/contacts/mood";
import type { Db } from "@/lib/db/client";
import type { IngestOutcome } from "@/lib/conversations/ingest";
import { noticesAfterIngest, notifyIngest } from "@/lib/conversations/notify";
import { sendAwayReplies } from "@/lib/office-hours/away-replies";

type Stored = Extract<IngestOutcome, { type: "message"; result: "stored" }>;

/** One follow-up step; a failure is logged and never stops the others. */
async function attempt(what: string, context: Record<string, unknown>, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    console.error(`${what} failed`, { ...context, error });
  }
}

/**
 * Everything that follows a stored webhook, after the provider has its 200 (the webhook's `after()`), in
 * this order: agents' pages hear about it; per message, files still at the provider are fetched while
 * their links are fresh, a new sender's profile is looked up where the webhook carried none (Messenger,
 * Instagram), and the conversation's language and mood are read again from text, with pages told again
 * when any of that changed what they show; finally customers who wrote outside office hours get the away
 * messages. Each step runs only when the outcome says it applies, since this runs for every message.
 * This is the one place for such work: add a step here, not in a route.
 */
export async function afterIngest(db: Db, outcomes: IngestOutcome[]): Promise<void> {
  await notifyIngest(outcomes);
  // Desktop notifications: the team hears of a new conversation, an agent of their customer's reply.
  await attempt("desktop notices", {}, () => noticesAfterIngest(db, outcomes));
  const stored = outcomes.filter((o): o is Stored => o.type === "message" && o.result === "stored");
  for (const outcome of stored) {
    const context = { messageId: outcome.messageId, conversationId: outcome.conversationId };
    let changed = false;
    if (outcome.hasPendingMedia) {
      await attempt("media download", context, async () => {
        changed = (await fetchPendingMedia(db, outcome.messageId)) || changed;
      });
    }
    if (outcome.newSender && adapterFor(outcome.channelKind)?.profile) {
      await attempt("profile lookup", context, async () => {
        changed = (await fillProfile(db, outcome.messageId)) || changed;
      });
    }
    if (outcome.hasText) {
      await attempt("language and mood", context, async () => {
        changed = (await updateConversationMood(db, outcome.conversationId, outcome.mood)).changed || changed;
      });
    }
    if (changed) await notifyIngest([outcome]);
  }
  // Files the business sent from the provider's own inbox are fetched like the customer's.
  for (const echo of outcomes) {
    if (echo.type !== "echo" || echo.result !== "stored" || !echo.hasPendingMedia) continue;
    await attempt("media download", { messageId: echo.messageId }, async () => {
      if (await fetchPendingMedia(db, echo.messageId)) await notifyIngest([echo]);
    });
  }
  await attempt("away replies", {}, () => sendAwayReplies(db, stored));
}

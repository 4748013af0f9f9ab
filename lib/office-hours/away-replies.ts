import { eq } from "drizzle-orm";
import { awayRepliesSent, channels, conversations, messages } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { sendAutomaticReply } from "@/lib/conversations/auto-reply";
import { listAwayMessages } from "@/lib/office-hours/away-messages";
import { openState } from "@/lib/office-hours/evaluate";
import { recentSchedules, type TeamSchedule } from "@/lib/office-hours/office-hours";

/** Names the closed period that has no end in sight (closed for more than a year ahead). */
const OPEN_ENDED = new Date(Date.UTC(9999, 11, 31));

/** A customer's message that has just been stored, and the team its conversation is routed to. */
export type StoredInbound = { conversationId: string; messageId: string; teamId: string };

export type AwayOutcome = "open" | "no-messages" | "already-sent" | "sent" | "skipped" | "failed";

/**
 * Customers' messages have been stored: for each whose team is closed now, send the away messages of the
 * channel the customer wrote on — once per conversation per closed period. The teams' schedules are read
 * at most every 30 s (recentSchedules). One failing conversation does not keep the others from their replies.
 */
export async function sendAwayReplies(db: Db, inbound: StoredInbound[], at = new Date()): Promise<AwayOutcome[]> {
  if (!inbound.length) return [];
  const schedules = await recentSchedules(db, at);
  const outcomes: AwayOutcome[] = [];
  for (const message of inbound) {
    try {
      outcomes.push(await replyIfClosed(db, message, schedules.get(message.teamId), at));
    } catch (error) {
      console.error("away replies failed", { conversationId: message.conversationId, error });
      outcomes.push("failed");
    }
  }
  return outcomes;
}

/**
 * The period is claimed before anything is sent (primary key on conversation and period end), so two
 * messages of one customer handled at the same time trigger one set of replies.
 */
async function replyIfClosed(db: Db, inbound: StoredInbound, schedule: TeamSchedule | undefined, at: Date): Promise<AwayOutcome> {
  // A team that no longer exists has no hours: always open.
  if (!schedule) return "open";
  const state = openState(schedule.hours, schedule.closed, schedule.timeZone, at);
  if (state.open) return "open";
  const [message] = await db
    .select({ channelId: messages.channelId, active: channels.active, status: conversations.status })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(messages.id, inbound.messageId));
  // A blocked contact is never answered, automatically or otherwise.
  if (!message?.active || message.status === "blocked") return "skipped";
  const away = await listAwayMessages(db, message.channelId);
  if (!away.length) return "no-messages";

  const [claimed] = await db
    .insert(awayRepliesSent)
    .values({ conversationId: inbound.conversationId, periodEndsAt: state.until ?? OPEN_ENDED, messageId: inbound.messageId })
    .onConflictDoNothing()
    .returning({ conversationId: awayRepliesSent.conversationId });
  if (!claimed) return "already-sent";
  // In order, one after the other, a millisecond apart: the customer must read them in the order the admin set.
  const base = Date.now();
  for (const [i, m] of away.entries()) {
    await sendAutomaticReply(
      db,
      inbound.conversationId,
      { body: m.body, attachments: m.attachment ? [m.attachment] : [], createdAt: new Date(base + i) },
      "away",
    );
  }
  return "sent";
}

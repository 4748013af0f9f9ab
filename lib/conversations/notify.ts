import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { contactIdentities, contacts, conversations, teamMembers, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { batcher, perDatabase } from "@/lib/db/batcher";
import { customerLabel } from "@/lib/format";
import { publishMany } from "@/lib/realtime/publish";
import { conversationTopic, inboxTopic, userTopic } from "@/lib/realtime/topics";
import type { IngestOutcome } from "@/lib/conversations/ingest";

/**
 * Tells open agent pages that a conversation changed (list rows, counts, its pane). Every reader of the
 * inbox gets inbox events, whatever their team, so payloads carry ids only; pages refetch what they may see.
 */
export function conversationChanged(conversationId: string) {
  return publishMany([
    { topic: inboxTopic, event: "conversation-changed", payload: { id: conversationId } },
    { topic: conversationTopic(conversationId), event: "conversation-changed", payload: { id: conversationId } },
  ]);
}

export function messageChanged(conversationId: string, messageId: string, event: "message-created" | "message-status") {
  return publishMany([
    { topic: inboxTopic, event: "conversation-changed", payload: { id: conversationId } },
    { topic: conversationTopic(conversationId), event, payload: { id: messageId } },
  ]);
}

export async function notifyIngest(outcomes: IngestOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if ((outcome.type === "message" || outcome.type === "echo") && outcome.result === "stored") {
      await messageChanged(outcome.conversationId, outcome.messageId, "message-created");
    } else if ((outcome.type === "status" || outcome.type === "unsent") && outcome.result === "applied") {
      await messageChanged(outcome.conversationId, outcome.messageId, "message-status");
    }
  }
}

/**
 * A desktop notification for one person, on their own topic (`user-<id>`, which only they may follow).
 * The browser shows it if their choices (users.notifications) ask for this kind; see
 * components/notifications/notifier.tsx.
 */
export type PersonalNotice = {
  kind: "newConversation" | "assignedToMe" | "customerReplied";
  conversationId: string;
  number: number;
  customer: string;
  preview: string | null;
};

/** What a notice about a conversation says, and who works its team. */
function readNotices(db: DbOrTx, ids: string[]) {
  return db
    .select({
      id: conversations.id,
      number: conversations.number,
      teamId: conversations.teamId,
      assigneeId: conversations.assigneeId,
      status: conversations.status,
      preview: conversations.lastMessagePreview,
      name: contacts.name,
      handle: contactIdentities.handle,
      team: sql<string[]>`array(
        select ${users.id} from ${teamMembers} join ${users} on ${users.id} = ${teamMembers.userId}
        where ${teamMembers.teamId} = ${conversations.teamId} and ${users.role} in ('admin', 'supervisor', 'agent'))`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.identityId))
    .where(inArray(conversations.id, ids));
}

// Every new conversation and every customer reply asks: lookups made together are read together.
const noticeReader = perDatabase((db: DbOrTx) =>
  batcher(
    async (ids: string[]) => {
      const byId = new Map((await readNotices(db, [...new Set(ids)])).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    },
    { maxBatch: 100, maxInFlight: 1 },
  ),
);

async function noticeFor(db: DbOrTx, conversationId: string, kind: PersonalNotice["kind"]) {
  const row = await noticeReader(db).add(conversationId);
  if (!row) return null;
  const notice: PersonalNotice = { kind, conversationId, number: row.number, customer: customerLabel(row.name, row.handle), preview: row.preview?.slice(0, 140) ?? null };
  return { row, notice };
}

function tell(userIds: string[], notice: PersonalNotice) {
  return publishMany(userIds.map((id) => ({ topic: userTopic(id), event: "notice", payload: notice })));
}

/**
 * After ingest: a new conversation is news for everyone who works its team; a customer writing in an
 * assigned conversation is news for its agent.
 */
export async function noticesAfterIngest(db: DbOrTx, outcomes: IngestOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if (outcome.type !== "message" || outcome.result !== "stored") continue;
    if (outcome.created) {
      const found = await noticeFor(db, outcome.conversationId, "newConversation");
      if (found?.row.status === "new") await tell(found.row.team, found.notice);
    } else if (outcome.assigneeId) {
      const found = await noticeFor(db, outcome.conversationId, "customerReplied");
      if (found?.row.assigneeId && found.row.status !== "closed") await tell([found.row.assigneeId], found.notice);
    }
  }
}

/** A colleague handed a conversation to `toUserId`. */
export async function noticeAssigned(db: DbOrTx, conversationId: string, toUserId: string, actorId: string): Promise<void> {
  if (toUserId === actorId) return;
  const [person] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, toUserId), ne(users.role, "disabled")));
  const found = person ? await noticeFor(db, conversationId, "assignedToMe") : null;
  if (found) await tell([toUserId], found.notice);
}

/**
 * What needs the person now, for the tab title and icon: new conversations in their teams and their own
 * conversations where the customer waits for an answer. Both read small partial indexes.
 */
export async function attentionCount(db: DbOrTx, actor: { id: string; teamIds: string[]; role: string }): Promise<number> {
  if (!["admin", "supervisor", "agent"].includes(actor.role)) return 0;
  const [newOnes, waiting] = await Promise.all([
    actor.teamIds.length
      ? db
          .select({ n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(and(eq(conversations.status, "new"), inArray(conversations.teamId, actor.teamIds)))
      : [{ n: 0 }],
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.assigneeId, actor.id), ne(conversations.status, "closed"), isNotNull(conversations.waitingSince))),
  ]);
  return (newOnes[0]?.n ?? 0) + (waiting[0]?.n ?? 0);
}

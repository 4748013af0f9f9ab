import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { conversations, tags as tagsTable, conversationTags, teams, users } from "@/db/schema";
import { assertCan, type Action } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { conversationChanged, noticeAssigned } from "@/lib/conversations/notify";
import { recordEvent, recordEvents } from "@/lib/conversations/events";
import { getSettings } from "@/lib/settings";
import { isOnline, type CurrentUser } from "@/lib/users";

export type Conversation = typeof conversations.$inferSelect;

/** Loads a conversation and checks that the actor may do `action` on it. */
export async function loadForAction(db: DbOrTx, actor: CurrentUser, id: string, action: Action): Promise<Conversation> {
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, id));
  const settings = await getSettings(db);
  if (!conversation) throw new NotFoundError("This conversation");
  assertCan(actor, "conversations.read", settings, conversation);
  assertCan(actor, action, settings, conversation);
  return conversation;
}

async function nameOf(db: DbOrTx, userId: string | null): Promise<string> {
  if (!userId) return "nobody";
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "someone";
}

/** Explains why a conditional update touched no row, from the conversation as it is now. */
async function refusal(db: DbOrTx, id: string, actorId: string): Promise<UserError> {
  const [now] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!now) return new NotFoundError("This conversation");
  if (now.status === "closed") return new UserError("This conversation is closed.");
  if (now.assigneeId === actorId) return new UserError("This conversation is already assigned to you.");
  if (now.assigneeId) return new UserError(`${await nameOf(db, now.assigneeId)} has already picked up this conversation.`);
  return new UserError("This conversation changed in the meantime. Try again.");
}

/**
 * Assign to me. The update only matches while nobody has the conversation, so when two agents pick it
 * up at the same moment exactly one wins; the other is told who has it.
 */
export async function pickUp(db: Db, actor: CurrentUser, id: string): Promise<Conversation> {
  await loadForAction(db, actor, id, "conversation.pickup");
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({
        assigneeId: actor.id,
        assignedAt: sql`now()`,
        status: sql`case when ${conversations.status} = 'new' then 'open'::conversation_status else ${conversations.status} end`,
      })
      .where(and(eq(conversations.id, id), isNull(conversations.assigneeId), ne(conversations.status, "closed")))
      .returning();
    if (!row) throw await refusal(tx, id, actor.id);
    await recordEvent(tx, id, "assigned", actor.id, { toUserId: actor.id });
    return row;
  });
  await conversationChanged(id);
  return result;
}

/**
 * Hand a conversation to a colleague who is online now and may work it. `expectedAssigneeId` is who
 * the actor saw as assignee: if someone else changed it meanwhile, nothing happens.
 */
export async function assignTo(
  db: Db,
  actor: CurrentUser,
  id: string,
  toUserId: string,
  expectedAssigneeId: string | null,
): Promise<Conversation> {
  const conversation = await loadForAction(db, actor, id, "conversation.assign");
  const [target] = await db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      lastSeenAt: users.lastSeenAt,
      inTeam: sql<boolean>`exists (select 1 from team_members where team_members.user_id = ${users.id} and team_members.team_id = ${conversation.teamId})`,
    })
    .from(users)
    .where(eq(users.id, toUserId));
  if (!target || !["admin", "supervisor", "agent"].includes(target.role)) throw new UserError("That person cannot take conversations.");
  if (target.role === "agent" && !target.inTeam) throw new UserError(`${target.name} is not in this conversation's team.`);
  if (target.id !== actor.id && !isOnline(target.lastSeenAt)) throw new UserError(`${target.name} is not online right now.`);
  if (conversation.assigneeId === toUserId) throw new UserError(`${target.name} already has this conversation.`);

  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({
        assigneeId: toUserId,
        assignedAt: sql`now()`,
        status: sql`case when ${conversations.status} = 'new' then 'open'::conversation_status else ${conversations.status} end`,
      })
      .where(
        and(
          eq(conversations.id, id),
          ne(conversations.status, "closed"),
          expectedAssigneeId ? eq(conversations.assigneeId, expectedAssigneeId) : isNull(conversations.assigneeId),
        ),
      )
      .returning();
    if (!row) throw await refusal(tx, id, actor.id);
    await recordEvent(
      tx,
      id,
      expectedAssigneeId ? "transferred" : "assigned",
      actor.id,
      expectedAssigneeId ? { fromUserId: expectedAssigneeId, toUserId } : { toUserId },
    );
    return row;
  });
  await conversationChanged(id);
  await noticeAssigned(db, id, toUserId, actor.id);
  return result;
}

/** Back to New, for the team to pick up again. */
export async function release(db: Db, actor: CurrentUser, id: string): Promise<Conversation> {
  const conversation = await loadForAction(db, actor, id, "conversation.release");
  if (!conversation.assigneeId) throw new UserError("This conversation is not assigned.");
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ assigneeId: null, assignedAt: null, status: "new" })
      .where(
        and(eq(conversations.id, id), eq(conversations.assigneeId, conversation.assigneeId!), ne(conversations.status, "closed")),
      )
      .returning();
    if (!row) throw await refusal(tx, id, actor.id);
    await recordEvent(tx, id, "released", actor.id, { fromUserId: conversation.assigneeId });
    return row;
  });
  await conversationChanged(id);
  return result;
}

/**
 * Hands a conversation to another team's queue: it goes back to New there, unassigned, so that team's
 * members pick it up. Refused for closed conversations and for the team it is already in.
 */
export async function moveToTeam(db: Db, actor: CurrentUser, id: string, teamId: string): Promise<Conversation> {
  const conversation = await loadForAction(db, actor, id, "conversation.assign");
  if (conversation.status === "closed") throw new UserError("This conversation is closed.");
  if (conversation.teamId === teamId) throw new UserError("The conversation is already in that team.");
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new NotFoundError("That team");
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ teamId, assigneeId: null, assignedAt: null, status: "new" })
      .where(and(eq(conversations.id, id), eq(conversations.teamId, conversation.teamId), ne(conversations.status, "closed")))
      .returning();
    if (!row) throw new UserError("This conversation changed in the meantime. Try again.");
    await recordEvent(tx, id, "transferred", actor.id, {
      fromTeamId: conversation.teamId,
      toTeamId: teamId,
      toTeamName: team.name,
      ...(conversation.assigneeId ? { fromUserId: conversation.assigneeId } : {}),
    });
    return row;
  });
  await conversationChanged(id);
  return result;
}

/** Decline a conversation from New (spam, wrong number...): it closes as rejected. */
export async function reject(db: Db, actor: CurrentUser, id: string): Promise<Conversation> {
  await loadForAction(db, actor, id, "conversation.reject");
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: "closed", closedReason: "rejected", closedAt: sql`now()`, waitingSince: null })
      .where(and(eq(conversations.id, id), eq(conversations.status, "new")))
      .returning();
    if (!row) {
      const [current] = await tx.select({ status: conversations.status }).from(conversations).where(eq(conversations.id, id));
      throw new UserError(current?.status === "closed" ? "This conversation is closed." : "Only conversations in New can be rejected.");
    }
    await recordEvent(tx, id, "rejected", actor.id, { reason: "rejected" });
    return row;
  });
  await conversationChanged(id);
  return result;
}

/** Close a handled conversation, optionally tagging it on the way out. */
export async function archive(db: Db, actor: CurrentUser, id: string, tagIds: string[] = []): Promise<Conversation> {
  await loadForAction(db, actor, id, "conversation.archive");
  if (tagIds.length) assertTaggable(actor, await getSettings(db));
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: "closed", closedReason: "archived", closedAt: sql`now()`, waitingSince: null })
      .where(and(eq(conversations.id, id), ne(conversations.status, "closed")))
      .returning();
    if (!row) throw new UserError("This conversation is already closed.");
    if (tagIds.length) {
      const found = await tx.select().from(tagsTable).where(inArray(tagsTable.id, tagIds));
      const added = await tx
        .insert(conversationTags)
        .values(found.map((t) => ({ conversationId: id, tagId: t.id, addedById: actor.id })))
        .onConflictDoNothing()
        .returning({ tagId: conversationTags.tagId });
      for (const { tagId } of added) {
        await recordEvent(tx, id, "tagged", actor.id, { tagId, name: found.find((t) => t.id === tagId)?.name });
      }
    }
    await recordEvent(tx, id, "archived", actor.id, { reason: "archived" });
    return row;
  });
  await conversationChanged(id);
  return result;
}

function assertTaggable(actor: CurrentUser, settings: Awaited<ReturnType<typeof getSettings>>) {
  assertCan(actor, "conversation.tag", settings);
}

/**
 * The scheduled job: conversations without a message for the inactivity period close as inactive.
 * Idempotent; returns the ids it closed.
 */
export async function closeInactive(db: Db): Promise<string[]> {
  const settings = await getSettings(db);
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(conversations)
      .set({ status: "closed", closedReason: "inactive", closedAt: sql`now()`, waitingSince: null })
      .where(
        and(
          ne(conversations.status, "closed"),
          // Blocked conversations wait in the Blocked list for a person to decide.
          ne(conversations.status, "blocked"),
          sql`${conversations.lastMessageAt} < now() - make_interval(hours => ${settings.inactivityCloseHours})`,
        ),
      )
      .returning({ id: conversations.id });
    await recordEvents(
      tx,
      closed.map(({ id }) => ({ conversationId: id, type: "closed" as const, actorId: null, data: { reason: "inactive" } })),
    );
    return closed.map((c) => c.id);
  });
}

import { and, asc, eq, ilike, ne, or, sql } from "drizzle-orm";
import { conversations, settings as settingsTable, teamMembers, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor, Role } from "@/lib/auth/permissions";
import { recordEvents } from "@/lib/conversations/events";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { publishMany } from "@/lib/realtime/publish";
import { conversationTopic, inboxTopic } from "@/lib/realtime/topics";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import { changeRoleSchema, seatsSchema } from "@/lib/settings/users.validation";
import { isOnline, lockSeats, seatsInUse, takesSeat } from "@/lib/users";

export type UserListRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  avatarUrl: string | null;
  lastSeenAt: Date | null;
  online: boolean;
  takesSeat: boolean;
  teams: { id: string; name: string }[];
  openConversations: number;
};

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Everyone, active first then by name, with their teams, seat use and presence; `q` searches name and e-mail. */
export async function listUsers(db: DbOrTx, options: { q?: string } = {}): Promise<UserListRow[]> {
  const q = options.q?.trim();
  const found = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      avatarUrl: users.avatarUrl,
      lastSeenAt: users.lastSeenAt,
      // The outer row is named in full: drizzle writes its columns unqualified, which inside the subquery
      // would bind to the inner tables' columns of the same name.
      teams: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.is_default desc, lower(t.name))
        from ${teamMembers} tm join ${teams} t on t.id = tm.team_id where tm.user_id = users.id), '[]'::json)`,
      openConversations: sql<number>`(select count(*)::int from ${conversations} c where c.assignee_id = users.id and c.status <> 'closed')`,
    })
    .from(users)
    .where(q ? or(ilike(users.name, likePattern(q)), ilike(users.email, likePattern(q))) : undefined)
    .orderBy(sql`${users.role} = 'disabled'`, asc(sql`lower(${users.name})`));
  const now = new Date();
  return found.map((u) => ({ ...u, online: u.role !== "disabled" && isOnline(u.lastSeenAt, now), takesSeat: takesSeat(u.role) }));
}

async function targetUser(db: DbOrTx, userId: string) {
  const [user] = await db.select({ id: users.id, name: users.name, role: users.role }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("This user");
  return user;
}

async function adminCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.role, "admin"));
  return row.n;
}

function seatsFullMessage(seats: number): string {
  return `All ${seats} seats are in use. Free one first (make someone a watcher or disable them), or add seats under Orders & seats.`;
}

/**
 * Changes a user's role. Refused when it would take a seat that is not free, or leave nobody who can
 * change settings. Choosing "disabled" disables the user (see disableUser).
 */
export async function changeRole(db: Db, actor: Actor, input: { userId: string; role: Role }): Promise<void> {
  const { userId, role } = parseInput(changeRoleSchema, input);
  if (role === "disabled") return disableUser(db, actor, userId);
  await db.transaction(async (tx) => {
    const settings = await assertCanChangeSettings(tx, actor);
    await lockSeats(tx);
    const user = await targetUser(tx, userId);
    if (user.role === role) return;
    if (user.role === "admin" && (await adminCount(tx)) <= 1) {
      throw new UserError(`${user.name} is the only administrator. Make someone else an administrator first.`);
    }
    if (!takesSeat(user.role) && takesSeat(role) && (await seatsInUse(tx)) >= settings.seats) {
      throw new UserError(seatsFullMessage(settings.seats), { role: [seatsFullMessage(settings.seats)] });
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, actor.id, "user.role", user.name, { userId, from: user.role, to: role });
  });
}

/**
 * Disables a user: they can no longer sign in (every request re-reads the role), stop counting as
 * online, and their conversations that are not closed go back to New for their team, each with a
 * `released` event. Their teams are kept, so giving them a role again restores their access.
 */
export async function disableUser(db: Db, actor: Actor, userId: string): Promise<void> {
  if (userId === actor.id) throw new UserError("You cannot disable your own account. Ask another administrator.");
  const released = await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    await lockSeats(tx);
    const user = await targetUser(tx, userId);
    if (user.role === "disabled") return [];
    if (user.role === "admin" && (await adminCount(tx)) <= 1) {
      throw new UserError(`${user.name} is the only administrator. Make someone else an administrator first.`);
    }
    await tx.update(users).set({ role: "disabled", lastSeenAt: null }).where(eq(users.id, userId));
    const back = await tx
      .update(conversations)
      .set({ assigneeId: null, assignedAt: null, status: "new" })
      .where(and(eq(conversations.assigneeId, userId), ne(conversations.status, "closed")))
      .returning({ id: conversations.id });
    await recordEvents(
      tx,
      back.map(({ id }) => ({ conversationId: id, type: "released" as const, actorId: actor.id, data: { fromUserId: userId, reason: "disabled" } })),
    );
    await recordAudit(tx, actor.id, "user.disable", user.name, { userId, from: user.role, released: back.length });
    return back.map((c) => c.id);
  });
  if (released.length) {
    await publishMany([
      { topic: inboxTopic, event: "conversations-changed", payload: { count: released.length } },
      ...released.map((id) => ({ topic: conversationTopic(id), event: "conversation-changed", payload: { id } })),
    ]);
  }
}

/** The number of seats bought; never below the seats in use. */
export async function setSeats(db: Db, actor: Actor, input: { seats: number | string }): Promise<void> {
  const { seats } = parseInput(seatsSchema, input);
  await db.transaction(async (tx) => {
    const settings = await assertCanChangeSettings(tx, actor);
    await lockSeats(tx);
    const used = await seatsInUse(tx);
    if (seats < used) {
      const message = `${used} seats are in use, so keep at least ${used}. To go lower, make users watchers or disable them first.`;
      throw new UserError(message, { seats: [message] });
    }
    if (seats === settings.seats) return;
    await tx.update(settingsTable).set({ seats }).where(eq(settingsTable.id, 1));
    await recordAudit(tx, actor.id, "settings.seats", "Seats", { from: settings.seats, to: seats });
  });
}

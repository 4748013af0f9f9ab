import { and, count, eq, inArray, sql } from "drizzle-orm";
import { teamMembers, teams, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Actor, Role } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";

export type User = typeof users.$inferSelect;
export type CurrentUser = Omit<User, "passwordHash"> & Actor;

const seatRoles: Role[] = ["admin", "supervisor", "agent"];

export function takesSeat(role: Role): boolean {
  return seatRoles.includes(role);
}

export async function seatsInUse(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(inArray(users.role, seatRoles));
  return row.n;
}

/**
 * Serialises every change that could take a seat (role changes, accepted invitations, the seat count)
 * for the rest of the transaction, so two at once cannot both take the last seat.
 */
export async function lockSeats(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7331001)`);
}

export async function seatSummary(db: DbOrTx): Promise<{ seats: number; used: number; free: number }> {
  const [{ seats }, used] = await Promise.all([getSettings(db), seatsInUse(db)]);
  return { seats, used, free: Math.max(0, seats - used) };
}

export async function hasAnyUser(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}

/** The user with their team ids, as every permission check needs them; null when absent. */
export async function loadCurrentUser(db: DbOrTx, id: string): Promise<CurrentUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      avatarUrl: users.avatarUrl,
      locale: users.locale,
      timeZone: users.timeZone,
      theme: users.theme,
      notifications: users.notifications,
      lastSeenAt: users.lastSeenAt,
      createdAt: users.createdAt,
      teamIds: sql<string[]>`coalesce((select array_agg(${teamMembers.teamId}::text) from ${teamMembers} where ${teamMembers.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row ?? null;
}

type NewUser = { email: string; name: string; password?: string; role?: Role; teamIds?: string[] };

/**
 * Creates a user in the default team (plus any teams given). Without an explicit role the user becomes
 * an agent while seats are free, otherwise a watcher.
 */
export async function createUser(db: DbOrTx, input: NewUser): Promise<User> {
  const defaultTeam = await ensureDefaultTeam(db);
  let role = input.role;
  if (!role) {
    const { seats } = await getSettings(db);
    role = (await seatsInUse(db)) < seats ? "agent" : "watcher";
  }
  const [user] = await db
    .insert(users)
    .values({
      email: input.email.trim(),
      name: input.name.trim(),
      role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
    })
    .returning();
  const teamIds = [...new Set([defaultTeam.id, ...(input.teamIds ?? [])])];
  await db.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, userId: user.id })));
  return user;
}

/** Users seen by a heartbeat in the last two minutes count as online. */
export const ONLINE_WINDOW_SECONDS = 120;

export async function touchPresence(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ lastSeenAt: sql`now()` }).where(eq(users.id, userId));
}

export function isOnline(lastSeenAt: Date | null, now = new Date()): boolean {
  return Boolean(lastSeenAt && now.getTime() - lastSeenAt.getTime() < ONLINE_WINDOW_SECONDS * 1000);
}

/** Colleagues who can take over a conversation of `teamId` and are online now. */
export async function onlineColleagues(db: DbOrTx, teamId: string, exceptUserId?: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role, lastSeenAt: users.lastSeenAt })
    .from(users)
    .where(
      and(
        inArray(users.role, seatRoles),
        sql`${users.lastSeenAt} > now() - make_interval(secs => ${ONLINE_WINDOW_SECONDS})`,
        sql`(${users.role} <> 'agent' or exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${users.id} and ${teamMembers.teamId} = ${teamId}))`,
      ),
    )
    .orderBy(users.name);
  return rows.filter((r) => r.id !== exceptUserId);
}

export async function teamsOf(db: DbOrTx, userId: string) {
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .where(eq(teamMembers.userId, userId))
    .orderBy(teams.name);
}

import { and, asc, eq, ne, sql } from "drizzle-orm";
import { channels, conversations, teamMembers, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor, Role } from "@/lib/auth/permissions";
import type { ChannelKind } from "@/lib/channels/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import { publish } from "@/lib/realtime/publish";
import { inboxTopic } from "@/lib/realtime/topics";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import {
  createTeamSchema,
  membershipSchema,
  renameTeamSchema,
  routeSchema,
  type CreateTeamInput,
  type MembershipInput,
  type RenameTeamInput,
  type RouteInput,
} from "@/lib/settings/teams.validation";
import { ensureDefaultTeam, type Team } from "@/lib/teams";

export type TeamOverview = Team & {
  members: { id: string; name: string; role: Role }[];
  /** Accounts routed to this team explicitly (the default team also receives every unrouted one). */
  channels: { id: string; kind: ChannelKind; name: string }[];
  /** Conversations in this team, closed ones included: what deleting it would move. */
  conversations: number;
};

/** Every team with its members and routed channel accounts: default team first, then by name. */
export async function teamsOverview(db: DbOrTx): Promise<TeamOverview[]> {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      isDefault: teams.isDefault,
      timeZone: teams.timeZone,
      createdAt: teams.createdAt,
      // The outer row is named in full: drizzle writes its columns unqualified, which inside the subquery
      // would bind to the inner tables' columns of the same name.
      members: sql<TeamOverview["members"]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role) order by lower(u.name))
        from ${teamMembers} tm join ${users} u on u.id = tm.user_id where tm.team_id = teams.id and u.role <> 'disabled'), '[]'::json)`,
      channels: sql<TeamOverview["channels"]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'kind', c.kind, 'name', c.name) order by c.kind, lower(c.name))
        from ${channels} c where c.team_id = teams.id), '[]'::json)`,
      conversations: sql<number>`(select count(*)::int from ${conversations} cv where cv.team_id = teams.id)`,
    })
    .from(teams)
    .orderBy(sql`${teams.isDefault} desc`, asc(sql`lower(${teams.name})`));
}

/** Every channel account with the team it routes to (null: the default team). */
export async function routingTable(db: DbOrTx) {
  return db
    .select({ id: channels.id, kind: channels.kind, name: channels.name, active: channels.active, teamId: channels.teamId })
    .from(channels)
    .orderBy(asc(channels.kind), asc(sql`lower(${channels.name})`));
}

function duplicateName(name: string): UserError {
  const message = `There is already a team called “${name}”.`;
  return new UserError(message, { name: [message] });
}

async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error, "teams_name_lower_idx")) throw duplicateName(name);
    throw error;
  }
}

async function findTeam(db: DbOrTx, id: string): Promise<Team> {
  const [team] = await db.select().from(teams).where(eq(teams.id, id));
  if (!team) throw new NotFoundError("This team");
  return team;
}

export async function createTeam(db: Db, actor: Actor, input: CreateTeamInput): Promise<Team> {
  const { name } = parseInput(createTeamSchema, input);
  return uniqueName(name, () =>
    db.transaction(async (tx) => {
      await assertCanChangeSettings(tx, actor);
      const defaultTeam = await ensureDefaultTeam(tx);
      // A new team starts in the organisation's time zone (the default team's); office hours can change it.
      const [team] = await tx.insert(teams).values({ name, timeZone: defaultTeam.timeZone }).returning();
      await recordAudit(tx, actor.id, "team.create", name, { teamId: team.id });
      return team;
    }),
  );
}

export async function renameTeam(db: Db, actor: Actor, input: RenameTeamInput): Promise<Team> {
  const { teamId, name } = parseInput(renameTeamSchema, input);
  return uniqueName(name, () =>
    db.transaction(async (tx) => {
      await assertCanChangeSettings(tx, actor);
      const before = await findTeam(tx, teamId);
      if (before.name === name) return before;
      const [team] = await tx.update(teams).set({ name }).where(eq(teams.id, teamId)).returning();
      await recordAudit(tx, actor.id, "team.rename", name, { teamId, from: before.name, to: name });
      return team;
    }),
  );
}

/**
 * Deletes a team (never the default one). Its conversations and channel accounts move to the default
 * team, and members who were only in this team join the default team, so nobody loses their inbox.
 */
export async function deleteTeam(db: Db, actor: Actor, teamId: string): Promise<{ conversations: number; channels: number }> {
  const result = await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const team = await findTeam(tx, teamId);
    if (team.isDefault) throw new UserError("The default team cannot be deleted: new users and unrouted channels go to it.");
    const defaultTeam = await ensureDefaultTeam(tx);
    const moved = await tx.update(conversations).set({ teamId: defaultTeam.id }).where(eq(conversations.teamId, teamId)).returning({ id: conversations.id });
    const rerouted = await tx.update(channels).set({ teamId: null }).where(eq(channels.teamId, teamId)).returning({ id: channels.id });
    await tx.execute(sql`
      insert into ${teamMembers} (team_id, user_id)
      select ${defaultTeam.id}::uuid, tm.user_id from ${teamMembers} tm
      where tm.team_id = ${teamId} and not exists (select 1 from ${teamMembers} o where o.user_id = tm.user_id and o.team_id <> ${teamId})
      on conflict do nothing`);
    await tx.delete(teams).where(eq(teams.id, teamId));
    await recordAudit(tx, actor.id, "team.delete", team.name, {
      teamId,
      movedTo: defaultTeam.name,
      conversations: moved.length,
      channels: rerouted.length,
    });
    return { conversations: moved.length, channels: rerouted.length };
  });
  if (result.conversations) await publish(inboxTopic, "conversations-changed", { count: result.conversations });
  return result;
}

export async function addMember(db: Db, actor: Actor, input: MembershipInput): Promise<void> {
  const { teamId, userId } = parseInput(membershipSchema, input);
  await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const team = await findTeam(tx, teamId);
    const [user] = await tx.select({ name: users.name, role: users.role }).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError("This user");
    if (user.role === "disabled") throw new UserError(`${user.name} is disabled. Give them a role first.`);
    const [added] = await tx.insert(teamMembers).values({ teamId, userId }).onConflictDoNothing().returning();
    if (added) await recordAudit(tx, actor.id, "team.member-add", team.name, { teamId, userId, user: user.name });
  });
}

/** Removes someone from a team; everyone stays in at least one team, or their New view would be empty. */
export async function removeMember(db: Db, actor: Actor, input: MembershipInput): Promise<void> {
  const { teamId, userId } = parseInput(membershipSchema, input);
  await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const team = await findTeam(tx, teamId);
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError("This user");
    const [other] = await tx
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, userId), ne(teamMembers.teamId, teamId)))
      .limit(1);
    if (!other) throw new UserError(`${user.name} must stay in at least one team. Add them to another team first.`);
    const [removed] = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning();
    if (removed) await recordAudit(tx, actor.id, "team.member-remove", team.name, { teamId, userId, user: user.name });
  });
}

/**
 * Routes a channel account's new conversations to a team (null: the default team). Conversations that
 * already exist stay where they are.
 */
export async function setRoute(db: Db, actor: Actor, input: RouteInput): Promise<void> {
  const { channelId, teamId } = parseInput(routeSchema, input);
  await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const [channel] = await tx.select().from(channels).where(eq(channels.id, channelId));
    if (!channel) throw new NotFoundError("This channel account");
    const target = teamId ? await findTeam(tx, teamId) : null;
    // Routing to the default team explicitly is the same as leaving the account unrouted.
    const next = target && !target.isDefault ? target.id : null;
    if (channel.teamId === next) return;
    const from = channel.teamId ? (await findTeam(tx, channel.teamId)).name : "Default team";
    await tx.update(channels).set({ teamId: next }).where(eq(channels.id, channelId));
    await recordAudit(tx, actor.id, "routing.update", channel.name, { channelId, from, to: target && next ? target.name : "Default team" });
  });
}

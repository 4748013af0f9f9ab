import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { officeHolidays, officeHours, teams } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { ClosedDates, WeeklyRange } from "@/lib/office-hours/evaluate";
import { endMinutes, toClock, toMinutes, type closedDatesSchema, type weekScheduleSchema } from "@/lib/office-hours/office-hours.validation";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

/** What evaluation needs to know about one team. */
export type TeamSchedule = { teamId: string; timeZone: string; hours: WeeklyRange[]; closed: ClosedDates[] };

export type ClosedDatesRow = { id: string; from: string; to: string; label: string | null };

/**
 * The schedules of the given teams (all teams when omitted), for evaluation from `at` on. Closed dates
 * that ended two days before `at` cannot matter in any zone and are left out.
 */
export async function loadSchedules(db: DbOrTx, teamIds?: string[], at = new Date()): Promise<Map<string, TeamSchedule>> {
  if (teamIds && teamIds.length === 0) return new Map();
  const stillRelevant = relevantFrom(at);
  // One round trip: this runs after every inbound webhook (away replies). Columns inside the selected
  // expressions are written out, as drizzle leaves them unqualified there.
  const found = await db
    .select({
      teamId: teams.id,
      timeZone: teams.timeZone,
      hours: sql<WeeklyRange[]>`coalesce((
        select json_agg(json_build_object('weekday', h.weekday, 'start', h.start_minute, 'end', h.end_minute) order by h.weekday, h.start_minute)
        from ${officeHours} h where h.team_id = teams.id), '[]')`,
      closed: sql<ClosedDates[]>`coalesce((
        select json_agg(json_build_object('from', d.starts_on, 'to', d.ends_on) order by d.starts_on)
        from ${officeHolidays} d where d.team_id = teams.id and d.ends_on >= ${stillRelevant}::date), '[]')`,
    })
    .from(teams)
    .where(teamIds ? inArray(teams.id, teamIds) : undefined);
  return new Map(found.map((schedule) => [schedule.teamId, schedule]));
}

function relevantFrom(at: Date) {
  return new Date(at.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
}

const SCHEDULES_TTL_MS = 30_000;
const recent = new WeakMap<object, { from: string; generation: number; expires: number; schedules: Promise<Map<string, TeamSchedule>> }>();
let generation = 0;

/**
 * Every team's schedule for judging inbound messages (away replies run after each one): read at most
 * every 30 s per process rather than per message. A change saved through this module counts at once on
 * this instance, and within 30 s on others.
 */
export function recentSchedules(db: DbOrTx, at = new Date()): Promise<Map<string, TeamSchedule>> {
  const from = relevantFrom(at);
  const hit = recent.get(db);
  if (hit && hit.from === from && hit.generation === generation && hit.expires > Date.now()) return hit.schedules;
  const schedules = loadSchedules(db, undefined, at);
  recent.set(db, { from, generation, expires: Date.now() + SCHEDULES_TTL_MS, schedules });
  schedules.catch(() => recent.delete(db));
  return schedules;
}

/** Everything the settings page shows for one team: its zone, ranges per weekday, and closed dates from today on. */
export async function officeHoursPage(db: DbOrTx, teamId: string) {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) return null;
  const [hourRows, closedRows] = await Promise.all([
    db.select().from(officeHours).where(eq(officeHours.teamId, teamId)).orderBy(asc(officeHours.weekday), asc(officeHours.startMinute)),
    db
      .select({ id: officeHolidays.id, from: officeHolidays.startsOn, to: officeHolidays.endsOn, label: officeHolidays.label })
      .from(officeHolidays)
      // "Today" in the team's zone, so a holiday that is still running there is listed.
      .where(and(eq(officeHolidays.teamId, teamId), gte(officeHolidays.endsOn, sql`(now() at time zone ${team.timeZone})::date`)))
      .orderBy(asc(officeHolidays.startsOn)),
  ]);
  const days = Array.from({ length: 7 }, (_, i) => ({
    ranges: hourRows.filter((r) => r.weekday === i + 1).map((r) => ({ start: toClock(r.startMinute), end: toClock(r.endMinute) })),
  }));
  return { team: { id: team.id, name: team.name, timeZone: team.timeZone }, days, closed: closedRows };
}

async function assertAdmin(db: DbOrTx, actor: CurrentUser) {
  assertCan(actor, "settings.change", await getSettings(db));
}

async function loadTeam(db: DbOrTx, teamId: string) {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw new NotFoundError("This team");
  return team;
}

/** Replaces a team's weekly ranges and time zone (the input is validated by weekScheduleSchema). */
export async function saveWeekSchedule(db: Db, actor: CurrentUser, input: z.output<typeof weekScheduleSchema>): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    const before = await tx
      .select({ weekday: officeHours.weekday, start: officeHours.startMinute, end: officeHours.endMinute })
      .from(officeHours)
      .where(eq(officeHours.teamId, team.id));
    const ranges = input.days.flatMap((day, i) =>
      day.ranges.map((r) => ({ teamId: team.id, weekday: i + 1, startMinute: toMinutes(r.start), endMinute: endMinutes(r.end) })),
    );
    await tx.delete(officeHours).where(eq(officeHours.teamId, team.id));
    if (ranges.length) await tx.insert(officeHours).values(ranges);
    if (input.timeZone !== team.timeZone) await tx.update(teams).set({ timeZone: input.timeZone }).where(eq(teams.id, team.id));
    await recordAudit(tx, actor.id, "office-hours.update", team.name, {
      teamId: team.id,
      timeZone: { before: team.timeZone, after: input.timeZone },
      ranges: { before: before.length, after: ranges.length },
    });
  });
  generation++;
}

export async function addClosedDates(db: Db, actor: CurrentUser, input: z.output<typeof closedDatesSchema>): Promise<ClosedDatesRow> {
  await assertAdmin(db, actor);
  return db.transaction(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    const [row] = await tx
      .insert(officeHolidays)
      .values({ teamId: team.id, startsOn: input.from, endsOn: input.to || input.from, label: input.label || null })
      .returning({ id: officeHolidays.id, from: officeHolidays.startsOn, to: officeHolidays.endsOn, label: officeHolidays.label });
    await recordAudit(tx, actor.id, "office-hours.closed-add", team.name, { teamId: team.id, from: row.from, to: row.to, label: row.label });
    return row;
  }).finally(() => generation++);
}

export async function removeClosedDates(db: Db, actor: CurrentUser, id: string): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(officeHolidays).where(eq(officeHolidays.id, id)).returning();
    if (!row) throw new NotFoundError("These closed dates");
    const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, row.teamId));
    await recordAudit(tx, actor.id, "office-hours.closed-remove", team?.name ?? null, {
      teamId: row.teamId,
      from: row.startsOn,
      to: row.endsOn,
      label: row.label,
    });
  });
  generation++;
}

/** The given teams by name with their schedules, for the inbox's open/closed line (evaluated in the browser). */
export async function teamHoursOf(db: DbOrTx, teamIds: string[]) {
  if (!teamIds.length) return [];
  const [rows, schedules] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)).orderBy(asc(teams.name)),
    loadSchedules(db, teamIds),
  ]);
  return rows.flatMap((t) => {
    const schedule = schedules.get(t.id);
    return schedule ? [{ id: t.id, name: t.name, schedule: { timeZone: schedule.timeZone, hours: schedule.hours, closed: schedule.closed } }] : [];
  });
}

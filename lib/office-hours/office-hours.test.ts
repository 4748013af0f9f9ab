import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, teams } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import {
  addAwayFile,
  addAwayText,
  deleteAwayMessage,
  editAwayText,
  listAwayMessages,
  reorderAwayMessages,
} from "@/lib/office-hours/away-messages";
import { newAwayTextSchema } from "@/lib/office-hours/away-messages.validation";
import {
  addClosedDates,
  loadSchedules,
  recentSchedules,
  officeHoursPage,
  removeClosedDates,
  saveWeekSchedule,
} from "@/lib/office-hours/office-hours";
import { openState } from "@/lib/office-hours/evaluate";
import { closedDatesSchema, weekScheduleSchema, type WeekScheduleInput } from "@/lib/office-hours/office-hours.validation";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";

const db = setupTestDb();
const TEAM = "00000000-0000-4000-8000-000000000001";

let admin: CurrentUser;
beforeAll(async () => {
  admin = await makeUser(db(), "admin");
});

const closedDay = { ranges: [] };
function week(days: WeekScheduleInput["days"], timeZone = "Europe/Amsterdam", teamId = TEAM): WeekScheduleInput {
  return { teamId, timeZone, days };
}
const everyDay = (ranges: { start: string; end: string }[]) => Array.from({ length: 7 }, () => ({ ranges }));

/** The field errors a schema gives, keyed by dotted path, as the form shows them in place. */
function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

/** The team's open state as the away replies read it: its stored schedule, evaluated at `at`. */
async function teamOpenState(teamId: string, at = new Date()) {
  const schedule = (await loadSchedules(db(), [teamId], at)).get(teamId);
  if (!schedule) throw new Error("no such team");
  return openState(schedule.hours, schedule.closed, schedule.timeZone, at);
}

async function newTeam(name: string) {
  const [team] = await db().insert(teams).values({ name, timeZone: "UTC" }).returning();
  return team;
}

describe("office hours: validation", () => {
  it("refuses overlapping and inverted ranges, each at its own field", () => {
    const result = weekScheduleSchema.safeParse(
      week([
        { ranges: [{ start: "09:00", end: "12:00" }, { start: "11:30", end: "13:00" }] },
        { ranges: [{ start: "17:00", end: "09:00" }] },
        { ranges: [{ start: "10:00", end: "10:00" }] },
        { ranges: [{ start: "9:00", end: "17:00" }] },
        closedDay,
        closedDay,
        closedDay,
      ]),
    );
    expect(result.success).toBe(false);
    expect(fieldErrors(result)).toEqual({
      "days.0.ranges.1.start": "Overlaps 09:00–12:00.",
      "days.1.ranges.0.end": "Must be later than the start.",
      "days.2.ranges.0.end": "Must be later than the start.",
      "days.3.ranges.0.start": "Enter a time like 09:00.",
    });
  });

  it("accepts touching ranges and an end of 00:00 as midnight", () => {
    const ok = weekScheduleSchema.safeParse(
      week([
        { ranges: [{ start: "13:00", end: "17:00" }, { start: "09:00", end: "13:00" }] },
        { ranges: [{ start: "22:00", end: "00:00" }] },
        { ranges: [{ start: "00:00", end: "00:00" }] },
        closedDay,
        closedDay,
        closedDay,
        closedDay,
      ]),
    );
    expect(ok.success).toBe(true);
  });

  it("refuses an unknown time zone and closed dates that end before they start", () => {
    expect(fieldErrors(weekScheduleSchema.safeParse(week(everyDay([]), "Mars/Olympus_Mons")))).toEqual({ timeZone: "Pick a time zone from the list." });
    expect(fieldErrors(closedDatesSchema.safeParse({ teamId: TEAM, from: "2025-12-26", to: "2025-12-25", label: "" }))).toEqual({
      to: "Must be on or after the first day.",
    });
    expect(closedDatesSchema.safeParse({ teamId: TEAM, from: "2025-12-25", to: "", label: "Christmas" }).success).toBe(true);
  });

  it("refuses away texts over 200 characters", () => {
    const channelId = TEAM;
    expect(newAwayTextSchema.safeParse({ channelId, body: "x".repeat(200) }).success).toBe(true);
    expect(fieldErrors(newAwayTextSchema.safeParse({ channelId, body: "x".repeat(201) }))).toEqual({ body: "At most 200 characters." });
    expect(fieldErrors(newAwayTextSchema.safeParse({ channelId, body: "   " }))).toEqual({ body: "Write the message." });
  });
});

describe("office hours: storage", () => {
  it("replaces a team's week and time zone, reads it back for evaluation, and audits the change", async () => {
    const team = await newTeam("Storage team");
    const input = weekScheduleSchema.parse(
      week(
        [
          { ranges: [{ start: "13:00", end: "17:00" }, { start: "09:00", end: "12:00" }] },
          { ranges: [{ start: "22:00", end: "00:00" }] },
          closedDay,
          closedDay,
          closedDay,
          closedDay,
          closedDay,
        ],
        "America/New_York",
        team.id,
      ),
    );
    // The schedules kept for inbound messages (away replies) hold the old week until this save.
    expect((await recentSchedules(db())).get(team.id)?.hours).toEqual([]);
    await saveWeekSchedule(db(), admin, input);
    expect((await recentSchedules(db())).get(team.id)?.hours).toHaveLength(3);
    const schedule = (await loadSchedules(db(), [team.id])).get(team.id);
    expect(schedule?.timeZone).toBe("America/New_York");
    expect(schedule?.hours).toEqual([
      { weekday: 1, start: 540, end: 720 },
      { weekday: 1, start: 780, end: 1020 },
      { weekday: 2, start: 1320, end: 1440 },
    ]);
    const page = await officeHoursPage(db(), team.id);
    expect(page?.days[0].ranges).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    expect(page?.days[1].ranges).toEqual([{ start: "22:00", end: "00:00" }]);

    // Saving an empty week makes the team always open again.
    await saveWeekSchedule(db(), admin, weekScheduleSchema.parse(week(everyDay([]), "America/New_York", team.id)));
    expect(await teamOpenState(team.id)).toEqual({ open: true, until: null });
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "office-hours.update"));
    expect(audit.filter((a) => a.target === "Storage team")).toHaveLength(2);
  });

  it("adds and removes closed dates, closing the team for those days", async () => {
    const team = await newTeam("Holiday team");
    const today = new Date().toISOString().slice(0, 10);
    const row = await addClosedDates(db(), admin, closedDatesSchema.parse({ teamId: team.id, from: today, to: "", label: "Team outing" }));
    expect(row).toMatchObject({ from: today, to: today, label: "Team outing" });
    expect((await officeHoursPage(db(), team.id))?.closed).toHaveLength(1);
    const noon = new Date(`${today}T12:00:00Z`);
    expect((await teamOpenState(team.id, noon)).open).toBe(false);
    await removeClosedDates(db(), admin, row.id);
    expect((await teamOpenState(team.id, noon)).open).toBe(true);
    await expect(removeClosedDates(db(), admin, row.id)).rejects.toBeInstanceOf(UserError);
  });
});

describe("out of office: messages", () => {
  it("keeps an ordered list per channel: add, edit, reorder, delete", async () => {
    const channel = await makeChannel(db());
    const a = await addAwayText(db(), admin, { channelId: channel.id, body: "First" });
    const b = await addAwayText(db(), admin, { channelId: channel.id, body: "Second" });
    const c = await addAwayText(db(), admin, { channelId: channel.id, body: "Third" });
    await reorderAwayMessages(db(), admin, channel.id, [c.id, a.id, b.id]);
    await editAwayText(db(), admin, { messageId: a.id, body: "First, edited" });
    await deleteAwayMessage(db(), admin, b.id);
    expect((await listAwayMessages(db(), channel.id)).map((m) => m.body)).toEqual(["Third", "First, edited"]);
    // An order built on a stale list is refused rather than half applied.
    await expect(reorderAwayMessages(db(), admin, channel.id, [a.id, b.id, c.id])).rejects.toThrow("changed in the meantime");
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.target, channel.name));
    expect(audit.map((x) => x.action).sort()).toEqual(["away.create", "away.create", "away.create", "away.delete", "away.reorder", "away.update"]);
  });

  it("refuses a file on a channel that carries text only", async () => {
    const channel = await makeChannel(db(), "webchat");
    const attempt = addAwayFile(db(), admin, channel.id, { name: "map.png", mimeType: "image/png", data: Buffer.from("png") });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { file: ["Web chat takes text only."] } });
    expect(await listAwayMessages(db(), channel.id)).toEqual([]);
  });
});

describe("office hours and out of office: permissions", () => {
  it("refuses every change to supervisors, agents and watchers", async () => {
    const team = await newTeam("Guarded team");
    const channel = await makeChannel(db());
    const message = await addAwayText(db(), admin, { channelId: channel.id, body: "Guarded" });
    const closed = await addClosedDates(db(), admin, { teamId: team.id, from: "2030-01-01", to: "", label: "" });
    const changes = [
      (u: CurrentUser) => saveWeekSchedule(db(), u, weekScheduleSchema.parse(week(everyDay([]), "UTC", team.id))),
      (u: CurrentUser) => addClosedDates(db(), u, { teamId: team.id, from: "2030-01-02", to: "", label: "" }),
      (u: CurrentUser) => removeClosedDates(db(), u, closed.id),
      (u: CurrentUser) => addAwayText(db(), u, { channelId: channel.id, body: "Nope" }),
      (u: CurrentUser) => addAwayFile(db(), u, channel.id, { name: "a.png", mimeType: "image/png", data: Buffer.from("x") }),
      (u: CurrentUser) => editAwayText(db(), u, { messageId: message.id, body: "Nope" }),
      (u: CurrentUser) => reorderAwayMessages(db(), u, channel.id, [message.id]),
      (u: CurrentUser) => deleteAwayMessage(db(), u, message.id),
    ];
    for (const role of ["supervisor", "agent", "watcher"] as const) {
      const user = await makeUser(db(), role, { teamIds: [team.id] });
      for (const change of changes) await expect(change(user)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await listAwayMessages(db(), channel.id)).map((m) => m.body)).toEqual(["Guarded"]);
    expect((await officeHoursPage(db(), team.id))?.closed).toHaveLength(1);
  });
});

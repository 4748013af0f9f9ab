import { beforeAll, describe, expect, it } from "vitest";
import { contacts, conversationEvents, conversations, conversationTags, tags } from "@/db/schema";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { getOverview } from "@/lib/stats/overview";
import { spanFromDates } from "@/lib/stats/span";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

/*
 * The page groups rows into UTC bins before placing them in local buckets (lib/stats/overview.ts). Rows
 * every 37 minutes for ten days, across the European change to summer time, are checked against local
 * times worked out one by one with Intl, in zones whose offsets are whole, half and three-quarter hours.
 */
const db = setupTestDb();
const START = Date.parse("2026-03-24T00:07:00Z");
const STEP = 37 * 60_000;
const COUNT = 390;
const times = Array.from({ length: COUNT }, (_, i) => new Date(START + i * STEP));

let admin: CurrentUser;
let tagId: string;

beforeAll(async () => {
  const teamId = (await ensureDefaultTeam(db())).id;
  const channelId = (await makeChannel(db(), "webchat", { name: "Chat", teamId })).id;
  admin = await makeUser(db(), "admin", { name: "Ada" });
  [{ id: tagId }] = await db().insert(tags).values({ name: "billing" }).returning();
  const people = await db()
    .insert(contacts)
    .values(times.map(() => ({ name: "Customer" })))
    .returning();
  const rows = await db()
    .insert(conversations)
    .values(times.map((at, i) => ({ contactId: people[i].id, teamId, channelId, status: "closed" as const, createdAt: at, lastMessageAt: at })))
    .returning();
  await db()
    .insert(conversationEvents)
    .values(rows.map((r, i) => ({ conversationId: r.id, type: "archived" as const, createdAt: times[i] })));
  await db()
    .insert(conversationTags)
    .values(rows.map((r, i) => ({ conversationId: r.id, tagId, createdAt: times[i] })));
});

/** Local "YYYY-MM-DD", hour and Monday-based weekday of an instant, from Intl. */
function local(at: Date, timeZone: string) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23", weekday: "short" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(p.weekday);
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), weekday };
}

describe("local buckets from UTC bins", () => {
  it("reads the same from the hourly rollup (an admin, unnarrowed) as from the rows (a watcher)", async () => {
    const watcher = await makeUser(db(), "watcher", { name: "Wanda" });
    const span = spanFromDates("custom", "2026-03-23", "2026-04-03", "Europe/Amsterdam");
    const settings = await getSettings(db());
    const at = new Date("2026-04-05T00:00:00Z");
    const fromRollup = await getOverview(db(), { ...admin, timeZone: span.timeZone }, settings, span, {}, at);
    const fromRows = await getOverview(db(), { ...watcher, timeZone: span.timeZone }, settings, span, {}, at);
    expect(fromRollup.totals.new).toBe(COUNT);
    expect({ ...fromRollup, agents: null, occupancy: null }).toEqual({ ...fromRows, agents: null, occupancy: null });
  });

  for (const timeZone of ["Europe/Amsterdam", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns"]) {
    it(`counts per local day and hour in ${timeZone}`, async () => {
      const span = spanFromDates("custom", "2026-03-25", "2026-03-31", timeZone);
      const o = await getOverview(db(), { ...admin, timeZone }, await getSettings(db()), span, {}, new Date("2026-04-05T00:00:00Z"));
      const inside = times.filter((t) => t >= span.from && t < span.to);

      const perDay = new Map<string, number>();
      const heat = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
      for (const t of inside) {
        const l = local(t, timeZone);
        perDay.set(`${l.date}T00:00`, (perDay.get(`${l.date}T00:00`) ?? 0) + 1);
        heat[l.weekday][l.hour] += 1;
      }
      const expected = o.volume.map((v) => perDay.get(v.key) ?? 0);
      expect(o.volume.map((v) => v.new)).toEqual(expected);
      expect(o.volume.map((v) => v.closed)).toEqual(expected);
      expect(o.tags.overTime.map((p) => p.values[tagId] ?? 0)).toEqual(expected);
      expect(o.heatmap).toEqual(heat);
      expect(o.totals.new).toBe(inside.length);
    });

    it(`counts per local hour on a single day in ${timeZone}`, async () => {
      const span = spanFromDates("today", "2026-03-29", "2026-03-29", timeZone);
      const o = await getOverview(db(), { ...admin, timeZone }, await getSettings(db()), span, {}, new Date("2026-04-05T00:00:00Z"));
      const perHour = new Map<string, number>();
      for (const t of times.filter((x) => x >= span.from && x < span.to)) {
        const l = local(t, timeZone);
        const key = `${l.date}T${String(l.hour).padStart(2, "0")}:00`;
        perHour.set(key, (perHour.get(key) ?? 0) + 1);
      }
      expect(o.volume.map((v) => v.new)).toEqual(o.volume.map((v) => perHour.get(v.key) ?? 0));
      expect(o.volume.reduce((a, v) => a + v.new, 0)).toBe([...perHour.values()].reduce((a, n) => a + n, 0));
    });
  }
});

import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { channels, contacts, conversationEvents, conversations, conversationTags, messages, tags, teams, users } from "@/db/schema";
import { rows } from "@/lib/db/rows";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { getOverview } from "@/lib/stats/overview";
import { compactStatsRollups, hourlyRecount, rebuildStatsRollups, sentDays } from "@/lib/stats/rollup";
import { resolveSpan, spanFromDates } from "@/lib/stats/span";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();
const T = (iso: string) => new Date(iso);

type Key = { day: string; author_id: string; channel_id: string; team_id: string; n: number };

/** What the rollup holds, zero rows left out. */
const rollup = () =>
  rows<Key>(db(), sql`select day::text as day, author_id, channel_id, team_id, n from stats_sent_daily where n <> 0 order by 1, 2, 3, 4`);

/** What the rollup should hold: the replies counted from the messages themselves. */
const recount = () =>
  rows<Key>(
    db(),
    sql`select (m.created_at at time zone 'UTC')::date::text as day, m.author_id, m.channel_id, c.team_id, count(*)::int as n
        from messages m join conversations c on c.id = m.conversation_id
        where m.direction = 'out' and m.author_id is not null
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );

type HourKey = { metric: string; hour: string; key: string; team: string; n: number };

/** The hourly rollup summed over its slots, and the same recounted from the rows. */
const hourly = () =>
  rows<HourKey>(db(), sql`select metric, hour::text as hour, key, team, sum(n)::int as n from stats_hourly group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`);
const hourlyExpected = () =>
  rows<HourKey>(db(), sql.raw(`select metric, hour::text as hour, key, team, n from (${hourlyRecount}) r order by 1, 2, 3, 4`));

const expectExact = async () => {
  const expected = await recount();
  expect(await rollup()).toEqual(expected);
  expect(await hourly()).toEqual(await hourlyExpected());
  return expected;
};

let supportId: string;
let salesId: string;
let chatId: string;
let mailId: string;
let alice: CurrentUser;
let bob: CurrentUser;

async function conversation(teamId: string, channelId: string) {
  const [contact] = await db().insert(contacts).values({ name: "Customer" }).returning();
  const [row] = await db().insert(conversations).values({ contactId: contact.id, teamId, channelId, status: "open", createdAt: T("2026-03-01T00:00:00Z") }).returning();
  return row.id;
}

const reply = (conversationId: string, channelId: string, at: string, authorId: string | null, direction: "in" | "out" = "out") => ({
  conversationId,
  channelId,
  direction,
  authorId,
  body: "x",
  status: direction === "out" ? ("sent" as const) : ("received" as const),
  createdAt: T(at),
});

beforeAll(async () => {
  supportId = (await ensureDefaultTeam(db())).id;
  [{ id: salesId }] = await db().insert(teams).values({ name: "Sales" }).returning();
  chatId = (await makeChannel(db(), "webchat", { name: "Chat", teamId: supportId })).id;
  mailId = (await makeChannel(db(), "email", { name: "Mail", teamId: salesId })).id;
  alice = await makeUser(db(), "agent", { name: "Alice" });
  bob = await makeUser(db(), "agent", { name: "Bob" });
});

describe("the replies rollup follows every write", () => {
  let c1: string;
  let c2: string;

  it("counts replies inserted one by one and many at once, and nothing else", async () => {
    c1 = await conversation(supportId, chatId);
    c2 = await conversation(salesId, mailId);
    await db().insert(messages).values(reply(c1, chatId, "2026-03-28T23:59:59Z", alice.id));
    await db()
      .insert(messages)
      .values([
        reply(c1, chatId, "2026-03-29T00:00:00Z", alice.id),
        reply(c1, chatId, "2026-03-29T10:00:00Z", alice.id),
        reply(c1, chatId, "2026-03-29T10:00:00Z", null, "in"),
        reply(c1, chatId, "2026-03-29T11:00:00Z", null),
        reply(c2, mailId, "2026-03-29T12:00:00Z", bob.id),
        reply(c2, mailId, "2026-03-30T12:00:00Z", alice.id),
      ]);
    const counted = await expectExact();
    expect(counted.reduce((a, r) => a + r.n, 0)).toBe(5);
  });

  it("ignores updates of other columns, and follows a changed author or time", async () => {
    await db().update(messages).set({ status: "read" }).where(eq(messages.conversationId, c1));
    await expectExact();
    await db().update(messages).set({ createdAt: T("2026-03-31T08:00:00Z") }).where(and(eq(messages.conversationId, c2), eq(messages.authorId, bob.id)));
    await db().update(messages).set({ authorId: bob.id }).where(and(eq(messages.conversationId, c1), sql`${messages.authorId} is null`, eq(messages.direction, "out")));
    await expectExact();
  });

  it("moves the counts when a conversation changes team", async () => {
    await db().update(conversations).set({ teamId: salesId }).where(eq(conversations.id, c1));
    const counted = await expectExact();
    expect(counted.every((r) => r.team_id === salesId)).toBe(true);
    await db().update(conversations).set({ teamId: supportId }).where(eq(conversations.id, c1));
    await expectExact();
  });

  it("follows replies moved to another conversation (a merge) and the merged conversation's deletion", async () => {
    const c3 = await conversation(salesId, chatId);
    await db().insert(messages).values(reply(c3, chatId, "2026-03-29T13:00:00Z", bob.id));
    await db().update(messages).set({ conversationId: c2 }).where(eq(messages.conversationId, c3));
    await db().delete(conversations).where(eq(conversations.id, c3));
    await expectExact();
  });

  it("subtracts deleted replies, one statement deleting many (retention)", async () => {
    await db().delete(messages).where(sql`${messages.createdAt} < ${T("2026-03-29T10:30:00Z").toISOString()}::timestamptz`);
    await expectExact();
  });

  it("subtracts a deleted conversation's replies, and a deleted user's", async () => {
    const c4 = await conversation(supportId, chatId);
    await db().insert(messages).values([reply(c4, chatId, "2026-03-29T14:00:00Z", alice.id), reply(c4, chatId, "2026-03-29T15:00:00Z", bob.id)]);
    await expectExact();
    await db().delete(conversations).where(eq(conversations.id, c4));
    await expectExact();
    const carol = await makeUser(db(), "agent", { name: "Carol" });
    await db().insert(messages).values(reply(c2, mailId, "2026-03-29T16:00:00Z", carol.id));
    await db().delete(users).where(eq(users.id, carol.id));
    await expectExact();
  });

  it("subtracts everything when a channel account is deleted with its conversations", async () => {
    const extra = (await makeChannel(db(), "sms", { name: "Spare", teamId: supportId })).id;
    const c5 = await conversation(supportId, extra);
    await db().insert(messages).values([reply(c5, extra, "2026-03-29T17:00:00Z", alice.id), reply(c2, extra, "2026-03-29T17:00:00Z", alice.id)]);
    await expectExact();
    await db().delete(channels).where(eq(channels.id, extra));
    await expectExact();
  });

  it("is rebuilt from the messages to the same figures", async () => {
    const before = await rollup();
    await rebuildStatsRollups(db());
    expect(await rollup()).toEqual(before);
  });

  it("is emptied with the messages", async () => {
    const ids = (await db().select({ id: messages.id }).from(messages)).map((m) => m.id);
    await db().delete(messages).where(inArray(messages.id, ids));
    expect(await rollup()).toEqual([]);
    await db().insert(messages).values(reply(c2, mailId, "2026-03-29T12:00:00Z", bob.id));
    await db().execute(sql`truncate messages cascade`);
    expect(await rollup()).toEqual([]);
  });
});

describe("the hourly rollup follows every write", () => {
  let c: string;
  let billing: string;
  let refund: string;

  it("counts conversations, closings, reopenings and tags per team as they are added, changed and removed", async () => {
    c = await conversation(supportId, chatId);
    const other = await conversation(salesId, mailId);
    [{ id: billing }, { id: refund }] = await db().insert(tags).values([{ name: "billing" }, { name: "refund" }]).returning();
    await db()
      .insert(conversationEvents)
      .values([
        { conversationId: c, type: "created", createdAt: T("2026-03-29T10:00:00Z") },
        { conversationId: c, type: "archived", createdAt: T("2026-03-29T10:20:00Z") },
        { conversationId: c, type: "reopened", createdAt: T("2026-03-29T11:20:00Z") },
        { conversationId: other, type: "rejected", createdAt: T("2026-03-29T11:40:00Z") },
      ]);
    await db().insert(conversationTags).values([
      { conversationId: c, tagId: billing, createdAt: T("2026-03-29T10:30:00Z") },
      { conversationId: other, tagId: billing, createdAt: T("2026-03-29T10:40:00Z") },
    ]);
    await db().insert(conversationTags).values({ conversationId: c, tagId: refund, createdAt: T("2026-03-29T12:30:00Z") });
    await expectExact();
    expect((await hourly()).filter((h) => h.metric !== "started")).toHaveLength(8);

    // A transfer takes the conversation's closings, reopenings and tags to the other team.
    await db().update(conversations).set({ teamId: salesId }).where(eq(conversations.id, c));
    await expectExact();
    expect((await hourly()).filter((h) => h.team === supportId && h.metric !== "started")).toEqual([]);

    await db().update(conversations).set({ createdAt: T("2026-03-29T09:59:00Z") }).where(eq(conversations.id, c));
    await db().update(conversationEvents).set({ type: "closed" }).where(eq(conversationEvents.type, "reopened"));
    await db().update(conversationEvents).set({ createdAt: T("2026-03-30T01:00:00Z") }).where(eq(conversationEvents.type, "created"));
    await db().update(conversationTags).set({ tagId: refund }).where(and(eq(conversationTags.conversationId, other), eq(conversationTags.tagId, billing)));
    await expectExact();

    await db().delete(conversationTags).where(eq(conversationTags.conversationId, c));
    await db().delete(conversationEvents).where(eq(conversationEvents.type, "archived"));
    await expectExact();
    await db().delete(conversations).where(eq(conversations.id, other));
    await expectExact();
  });

  it("folds past hours into one row per hour and key, keeping every sum", async () => {
    const before = await hourly();
    // Two other connections' slots for the same hours, adding and removing one each.
    await db().execute(sql`insert into stats_hourly (metric, hour, key, team, slot, n)
      select metric, hour, key, team, s.slot, s.n from (select distinct metric, hour, key, team from stats_hourly) k, (values (424242, 1), (424243, -1)) s(slot, n)`);
    await compactStatsRollups(db());
    expect(await hourly()).toEqual(before);
    const left = await rows<{ slot: number; zero: number }>(db(), sql`select slot, count(*) filter (where n = 0)::int as zero from stats_hourly group by 1`);
    expect(left).toEqual([{ slot: 0, zero: 0 }]);
    await expectExact();
  });

  it("is emptied with the tables", async () => {
    await db().execute(sql`truncate conversation_tags`);
    expect((await hourly()).filter((h) => h.metric === "tagged")).toEqual([]);
    await db().execute(sql`truncate conversations cascade`);
    expect(await hourly()).toEqual([]);
  });
});

describe("spans split into whole UTC days and partial ends", () => {
  it("keeps whole days for the rollup and counts the ends from the messages", () => {
    // Amsterdam, 28–30 March 2026: from 27 Mar 23:00 UTC (CET) to 30 Mar 22:00 UTC (CEST).
    const span = spanFromDates("custom", "2026-03-28", "2026-03-30", "Europe/Amsterdam");
    expect(sentDays(span)).toEqual({
      days: { fromDay: "2026-03-28", toDay: "2026-03-30" },
      raw: [
        [T("2026-03-27T23:00:00Z"), T("2026-03-28T00:00:00Z")],
        [T("2026-03-30T00:00:00Z"), T("2026-03-30T22:00:00Z")],
      ],
    });
  });

  it("needs no raw ends for a span of UTC days, and no rollup for a span shorter than a day", () => {
    expect(sentDays(spanFromDates("custom", "2026-03-28", "2026-03-29", "UTC"))).toEqual({ days: { fromDay: "2026-03-28", toDay: "2026-03-30" }, raw: [] });
    const today = spanFromDates("today", "2026-03-29", "2026-03-29", "Asia/Kolkata");
    expect(sentDays(today)).toEqual({ days: null, raw: [[today.from, today.to]] });
  });
});

describe("messages sent on the statistics page", () => {
  // Replies every 97 minutes over ten days, so every hour of the day and both ends of any span have some.
  beforeAll(async () => {
    const c = await conversation(salesId, mailId);
    const start = T("2026-03-20T00:00:00Z").getTime();
    await db()
      .insert(messages)
      .values(Array.from({ length: 150 }, (_, i) => reply(c, mailId, new Date(start + i * 97 * 60_000).toISOString(), i % 3 ? alice.id : bob.id)));
  });

  const direct = async (from: Date, to: Date) =>
    rows<{ author_id: string; n: number }>(
      db(),
      sql`select author_id, count(*)::int as n from messages
          where direction = 'out' and author_id is not null and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
          group by 1`,
    );

  it("equals a count of the span's replies in zones with whole, half and quarter hour offsets", async () => {
    const admin = await makeUser(db(), "admin", { name: "Ada" });
    const settings = await getSettings(db());
    for (const timeZone of ["Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "UTC"]) {
      for (const [from, to] of [["2026-03-21", "2026-03-26"], ["2026-03-23", "2026-03-23"], ["2026-03-22", "2026-03-29"]]) {
        const span = spanFromDates("custom", from, to, timeZone);
        const o = await getOverview(db(), { ...admin, timeZone }, settings, span, {}, T("2026-03-30T12:00:00Z"));
        const expected = new Map((await direct(span.from, span.to)).map((r) => [r.author_id, r.n]));
        const sent = new Map(o.agents.filter((a) => a.messagesSent).map((a) => [a.id, a.messagesSent]));
        expect(sent, `${timeZone} ${from}–${to}`).toEqual(expected);
      }
    }
    // And a preset span running up to now.
    const week = resolveSpan({ span: "7d" }, "Asia/Kolkata", T("2026-03-27T12:00:00Z"));
    const o = await getOverview(db(), { ...admin, timeZone: "Asia/Kolkata" }, settings, week, { teamId: salesId }, T("2026-03-27T12:00:00Z"));
    expect(new Map(o.agents.filter((a) => a.messagesSent).map((a) => [a.id, a.messagesSent]))).toEqual(
      new Map((await direct(week.from, week.to)).map((r) => [r.author_id, r.n])),
    );
  });
});

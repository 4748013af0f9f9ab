import { beforeAll, describe, expect, it } from "vitest";
import { contacts, conversationEvents, conversations, conversationTags, messages, officeHours, tags, teams, users } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { EventType } from "@/lib/conversations/events";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { getOverview, type Overview } from "@/lib/stats/overview";
import { parseStatsParams } from "@/lib/stats/params";
import { getProductivity } from "@/lib/stats/productivity";
import { offsetPieces, resolveSpan } from "@/lib/stats/span";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser, updateSettings } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();

const T = (iso: string) => new Date(iso);
const AMS = "Europe/Amsterdam";
const NYC = "America/New_York";
// The clock the figures are read at: Monday 30 March 2026, 14:00 in Amsterdam.
const NOW = T("2026-03-30T12:00:00Z");

/*
 * A hand-built week end around the European change to summer time (Sunday 29 March 2026, 02:00 CET →
 * 03:00 CEST), with every time chosen so the expected figures can be worked out by hand:
 *
 * conv  channel   team    agent  started (UTC)        local (Amsterdam)   first reply  archived
 * C1    webchat   Support A      28 Mar 09:00          Sat 28 10:00 CET    +60 s        +1 h
 * C2    webchat   Support A      28 Mar 23:30          Sun 29 00:30 CET    +120 s       +2 h
 * C3    whatsapp  Sales   B      29 Mar 01:30          Sun 29 03:30 CEST   +300 s       (open)
 * C4    whatsapp  Sales   B      29 Mar 22:30          Mon 30 00:30 CEST   +600 s       archived, reopened, archived 30 Mar 09:00
 * C5    webchat   Support –      30 Mar 10:00          Mon 30 12:00 CEST   none         (new, waiting)
 * C6    webchat   Support –      30 Mar 11:00          Mon 30 13:00 CEST   none         rejected 11:05
 * C7    whatsapp  Sales   A      30 Mar 22:30          Tue 31 00:30 CEST   +1200 s      (open) — after the span
 * C8    whatsapp  Sales   A      10 Feb 10:00          February            +60 s        +1 h
 * C9    webchat   Support A      20 Feb 10:00          February (new customer)
 */
let agentA: CurrentUser;
let agentB: CurrentUser;
let admin: CurrentUser;
let supportId: string;
let salesId: string;
let webchatId: string;
let whatsappId: string;
let billingId: string;
let refundId: string;

async function conversation(values: {
  channelId: string;
  teamId: string;
  assigneeId?: string;
  createdAt: Date;
  firstResponseAt?: Date;
  closedAt?: Date;
  closedReason?: "archived" | "rejected";
  status: "new" | "open" | "waiting" | "closed";
  contactCreatedAt?: Date;
}) {
  const [contact] = await db()
    .insert(contacts)
    .values({ name: "Customer", createdAt: values.contactCreatedAt ?? T("2025-06-01T00:00:00Z") })
    .returning();
  const [row] = await db()
    .insert(conversations)
    .values({
      contactId: contact.id,
      channelId: values.channelId,
      teamId: values.teamId,
      assigneeId: values.assigneeId ?? null,
      status: values.status,
      closedReason: values.closedReason ?? null,
      createdAt: values.createdAt,
      firstResponseAt: values.firstResponseAt ?? null,
      closedAt: values.closedAt ?? null,
      lastMessageAt: values.createdAt,
      waitingSince: values.status === "new" ? values.createdAt : null,
    })
    .returning();
  await event(row.id, "created", null, values.createdAt);
  return row.id;
}

async function event(conversationId: string, type: EventType, actorId: string | null, at: Date) {
  await db().insert(conversationEvents).values({ conversationId, type, actorId, createdAt: at });
}

async function message(conversationId: string, channelId: string, direction: "in" | "out", at: Date, authorId?: string) {
  await db()
    .insert(messages)
    .values({ conversationId, channelId, direction, authorId: authorId ?? null, body: "x", status: direction === "in" ? "received" : "sent", createdAt: at });
}

async function tag(conversationId: string, tagId: string, at: Date) {
  await db().insert(conversationTags).values({ conversationId, tagId, createdAt: at });
}

beforeAll(async () => {
  supportId = (await ensureDefaultTeam(db())).id;
  [{ id: salesId }] = await db().insert(teams).values({ name: "Sales" }).returning();
  webchatId = (await makeChannel(db(), "webchat", { name: "Site chat", teamId: supportId })).id;
  whatsappId = (await makeChannel(db(), "whatsapp", { name: "Shop WhatsApp", teamId: salesId })).id;
  agentA = await makeUser(db(), "agent", { name: "Alice", teamIds: [salesId] });
  agentB = await makeUser(db(), "agent", { name: "Bob", teamIds: [salesId] });
  admin = await makeUser(db(), "admin", { name: "Ada" });
  await db().update(users).set({ lastSeenAt: T("2026-03-30T11:59:30Z") }).where(eq(users.id, agentA.id));
  await db().update(users).set({ lastSeenAt: T("2026-03-30T11:00:00Z") }).where(eq(users.id, agentB.id));
  [{ id: billingId }, { id: refundId }] = await db().insert(tags).values([{ name: "billing" }, { name: "refund" }]).returning();
  await updateSettings(db(), { responseTargetMinutes: 60 });

  const c1 = await conversation({
    channelId: webchatId, teamId: supportId, assigneeId: agentA.id, status: "closed", closedReason: "archived",
    createdAt: T("2026-03-28T09:00:00Z"), firstResponseAt: T("2026-03-28T09:01:00Z"), closedAt: T("2026-03-28T10:00:00Z"),
    contactCreatedAt: T("2026-03-28T09:00:00Z"),
  });
  await message(c1, webchatId, "in", T("2026-03-28T09:00:00Z"));
  await message(c1, webchatId, "out", T("2026-03-28T09:01:00Z"), agentA.id);
  await message(c1, webchatId, "out", T("2026-03-28T09:30:00Z"), agentA.id);
  await event(c1, "archived", agentA.id, T("2026-03-28T10:00:00Z"));
  await tag(c1, billingId, T("2026-03-28T09:50:00Z"));

  const c2 = await conversation({
    channelId: webchatId, teamId: supportId, assigneeId: agentA.id, status: "closed", closedReason: "archived",
    createdAt: T("2026-03-28T23:30:00Z"), firstResponseAt: T("2026-03-28T23:32:00Z"), closedAt: T("2026-03-29T01:30:00Z"),
  });
  await message(c2, webchatId, "out", T("2026-03-28T23:32:00Z"), agentA.id);
  await event(c2, "archived", agentA.id, T("2026-03-29T01:30:00Z"));
  await tag(c2, billingId, T("2026-03-29T01:00:00Z"));
  await tag(c2, refundId, T("2026-03-29T01:10:00Z"));

  const c3 = await conversation({
    channelId: whatsappId, teamId: salesId, assigneeId: agentB.id, status: "open",
    createdAt: T("2026-03-29T01:30:00Z"), firstResponseAt: T("2026-03-29T01:35:00Z"), contactCreatedAt: T("2026-03-29T01:30:00Z"),
  });
  await message(c3, whatsappId, "out", T("2026-03-29T01:35:00Z"), agentB.id);
  await tag(c3, refundId, T("2026-03-29T02:00:00Z"));

  const c4 = await conversation({
    channelId: whatsappId, teamId: salesId, assigneeId: agentB.id, status: "closed", closedReason: "archived",
    createdAt: T("2026-03-29T22:30:00Z"), firstResponseAt: T("2026-03-29T22:40:00Z"), closedAt: T("2026-03-30T09:00:00Z"),
  });
  await message(c4, whatsappId, "out", T("2026-03-29T22:40:00Z"), agentB.id);
  await event(c4, "archived", agentB.id, T("2026-03-29T23:00:00Z"));
  await event(c4, "reopened", null, T("2026-03-30T08:00:00Z"));
  await event(c4, "archived", agentB.id, T("2026-03-30T09:00:00Z"));

  await conversation({ channelId: webchatId, teamId: supportId, status: "new", createdAt: T("2026-03-30T10:00:00Z") });
  const c6 = await conversation({
    channelId: webchatId, teamId: supportId, status: "closed", closedReason: "rejected",
    createdAt: T("2026-03-30T11:00:00Z"), closedAt: T("2026-03-30T11:05:00Z"),
  });
  await event(c6, "rejected", admin.id, T("2026-03-30T11:05:00Z"));

  const c7 = await conversation({
    channelId: whatsappId, teamId: salesId, assigneeId: agentA.id, status: "open",
    createdAt: T("2026-03-30T22:30:00Z"), firstResponseAt: T("2026-03-30T22:50:00Z"), contactCreatedAt: T("2026-03-30T22:30:00Z"),
  });
  await message(c7, whatsappId, "out", T("2026-03-30T22:50:00Z"), agentA.id);

  await conversation({
    channelId: whatsappId, teamId: salesId, assigneeId: agentA.id, status: "closed", closedReason: "archived",
    createdAt: T("2026-02-10T10:00:00Z"), firstResponseAt: T("2026-02-10T10:01:00Z"), closedAt: T("2026-02-10T11:00:00Z"),
  });
  await conversation({
    channelId: webchatId, teamId: supportId, assigneeId: agentA.id, status: "closed", closedReason: "archived",
    createdAt: T("2026-02-20T10:00:00Z"), contactCreatedAt: T("2026-02-20T10:00:00Z"),
  });
});

const weekend = (timeZone = AMS) => parseStatsParams({ span: "custom", from: "2026-03-28", to: "2026-03-30" }, timeZone, NOW);

async function overview(timeZone = AMS, extra: Record<string, string> = {}, viewer = admin): Promise<Overview> {
  const { span, filters } = parseStatsParams({ span: "custom", from: "2026-03-28", to: "2026-03-30", ...extra }, timeZone, NOW);
  return getOverview(db(), { ...viewer, timeZone }, await getSettings(db()), span, filters, NOW);
}

describe("spans in the viewer's time zone", () => {
  it("runs from local midnight to local midnight, across a daylight-saving change", () => {
    const { span } = weekend();
    expect(span.from.toISOString()).toBe("2026-03-27T23:00:00.000Z");
    expect(span.to.toISOString()).toBe("2026-03-30T22:00:00.000Z");
    expect(span.bucket).toBe("day");
    expect(offsetPieces(span.from, span.to, AMS)).toEqual([
      { start: span.from, offsetSeconds: 3600 },
      { start: T("2026-03-29T01:00:00Z"), offsetSeconds: 7200 },
    ]);
  });

  it("resolves the presets from the local date", () => {
    const late = T("2026-03-31T23:30:00Z"); // already 1 April in Amsterdam, still 31 March in New York
    expect(resolveSpan({ span: "today" }, AMS, late).fromDate).toBe("2026-04-01");
    expect(resolveSpan({ span: "today" }, NYC, late).fromDate).toBe("2026-03-31");
    const last = resolveSpan({ span: "last-month" }, AMS, late);
    expect([last.fromDate, last.toDate, last.bucket]).toEqual(["2026-03-01", "2026-03-31", "day"]);
    expect(resolveSpan({ span: "90d" }, AMS, late).bucket).toBe("week");
    expect(resolveSpan({ span: "today" }, AMS, late).bucket).toBe("hour");
    expect(resolveSpan({ span: "nonsense" }, AMS, late).preset).toBe("30d");
    const reversed = resolveSpan({ span: "custom", from: "2026-03-10", to: "2026-03-01" }, AMS, late);
    expect([reversed.fromDate, reversed.toDate]).toEqual(["2026-03-01", "2026-03-10"]);
  });
});

describe("the statistics page on a hand-built data set", () => {
  it("counts conversations started, closed and reopened per local day", async () => {
    const o = await overview();
    expect(o.volume.map((v) => [v.key, v.new, v.closed, v.reopened])).toEqual([
      ["2026-03-28T00:00", 1, 1, 0],
      ["2026-03-29T00:00", 2, 1, 0],
      ["2026-03-30T00:00", 3, 3, 1],
    ]);
    expect(o.totals).toEqual({ new: 6, closed: 5, reopened: 1 });
  });

  it("buckets the same data by the New York viewer's days", async () => {
    const o = await overview(NYC);
    expect(o.volume.map((v) => [v.key, v.new])).toEqual([
      ["2026-03-28T00:00", 3],
      ["2026-03-29T00:00", 1],
      ["2026-03-30T00:00", 3],
    ]);
  });

  it("uses local hours on the 23-hour day of the change to summer time", async () => {
    const { span, filters } = parseStatsParams({ span: "today" }, AMS, T("2026-03-29T12:00:00Z"));
    const o = await getOverview(db(), admin, await getSettings(db()), span, filters, NOW);
    expect(o.volume).toHaveLength(24);
    const started = Object.fromEntries(o.volume.filter((v) => v.new).map((v) => [v.label, v.new]));
    expect(started).toEqual({ "00:00": 1, "03:00": 1 });
    expect(o.volume.find((v) => v.label === "02:00")?.new).toBe(0);
  });

  it("ranks tags and follows them over time", async () => {
    const o = await overview();
    expect(o.tags.top.map((t) => [t.name, t.count])).toEqual([
      ["billing", 2],
      ["refund", 2],
    ]);
    expect(o.tags.overTime.map((p) => [p.values[billingId] ?? 0, p.values[refundId] ?? 0])).toEqual([
      [1, 0],
      [1, 2],
      [0, 0],
    ]);
  });

  it("shows channel use over time and as shares", async () => {
    const o = await overview();
    expect(o.channels.shares.map((s) => [s.name, s.count, Number(s.share.toFixed(3))])).toEqual([
      ["Site chat", 4, 0.667],
      ["Shop WhatsApp", 2, 0.333],
    ]);
    expect(o.channels.overTime.map((p) => [p.values[webchatId] ?? 0, p.values[whatsappId] ?? 0])).toEqual([
      [1, 0],
      [1, 1],
      [2, 1],
    ]);
  });

  it("computes first-response and resolution times, and the share within the target", async () => {
    const o = await overview();
    // First replies 60, 120, 300, 600 s; archived after 3600, 7200 and 37800 s (C4: 22:30 → 09:00).
    expect(o.service.firstResponse).toEqual({ count: 4, median: 210, p90: 510 });
    expect(o.service.resolution).toEqual({ count: 3, median: 7200, p90: 31680 });
    // Four answered within the hour; C5 has waited two hours unanswered; C6 was rejected (not counted).
    expect([o.service.withinTarget, o.service.eligible]).toEqual([4, 5]);
    expect(o.service.targetMinutes).toBe(60);
    expect(o.service.officeHours.configured).toBe(false);
  });

  it("reports activity per agent", async () => {
    const o = await overview();
    expect(o.agents.map((a) => [a.name, a.handled, a.messagesSent, a.medianFirstResponse, a.medianResolution, a.open])).toEqual([
      ["Alice", 2, 3, 90, 5400, 1],
      ["Bob", 2, 2, 450, 37800, 1],
    ]);
  });

  it("shows the occupancy right now", async () => {
    const o = await overview();
    expect(o.occupancy.online.map((u) => u.name)).toEqual(["Alice"]);
    expect(o.occupancy.waiting).toEqual([{ teamId: supportId, team: "Support", count: 1, oldestSince: "2026-03-30T10:00:00.000Z" }]);
    expect(o.occupancy.openPerAgent.map((a) => [a.name, a.count])).toEqual([
      ["Alice", 1],
      ["Bob", 1],
    ]);
  });

  it("maps conversations started onto a weekday × hour heat map (Monday first)", async () => {
    const o = await overview();
    const cells = o.heatmap.flatMap((hours, day) => hours.map((n, hour) => (n ? [day, hour, n] : null)).filter(Boolean));
    expect(cells).toEqual([
      [0, 0, 1],
      [0, 12, 1],
      [0, 13, 1],
      [5, 10, 1],
      [6, 0, 1],
      [6, 3, 1],
    ]);
  });

  it("narrows by team, channel account and agent", async () => {
    const sales = await overview(AMS, { team: salesId });
    expect(sales.totals).toEqual({ new: 2, closed: 2, reopened: 1 });
    // Alice handled nothing of Sales' in the span but still has a Sales conversation open.
    expect(sales.agents.map((a) => [a.name, a.handled, a.open])).toEqual([
      ["Bob", 2, 1],
      ["Alice", 0, 1],
    ]);
    expect(sales.occupancy.waiting).toEqual([]);

    const chat = await overview(AMS, { channel: webchatId });
    expect(chat.totals.new).toBe(4);
    expect(chat.agents.map((a) => [a.name, a.messagesSent])).toEqual([["Alice", 3]]);

    const alice = await overview(AMS, { agent: agentA.id });
    expect(alice.totals).toEqual({ new: 2, closed: 2, reopened: 0 });
    expect(alice.agents.map((a) => [a.name, a.handled, a.messagesSent])).toEqual([["Alice", 2, 3]]);
    expect(alice.service.firstResponse.median).toBe(90);
  });

  it("splits service levels inside and outside the team's office hours", async () => {
    // Sales works Monday to Friday, 09:00–17:00 Amsterdam time; Support has no office hours (always open).
    await db().update(teams).set({ timeZone: AMS }).where(eq(teams.id, salesId));
    await db().insert(officeHours).values([1, 2, 3, 4, 5].map((weekday) => ({ teamId: salesId, weekday, startMinute: 540, endMinute: 1020 })));
    try {
      const o = await overview();
      const oh = o.service.officeHours;
      expect(oh.configured).toBe(true);
      // Inside: C1, C2 (Support), C5 and C6; outside: C3 (Sunday night) and C4 (Monday 00:30), both Sales.
      expect(oh.inside.firstResponse).toEqual({ count: 2, median: 90, p90: 114 });
      expect(oh.outside.firstResponse).toEqual({ count: 2, median: 450, p90: 570 });
      expect([oh.inside.withinTarget, oh.inside.eligible, oh.outside.withinTarget, oh.outside.eligible]).toEqual([2, 3, 2, 2]);
      expect(o.service.firstResponse.median).toBe(210);
    } finally {
      await db().delete(officeHours).where(eq(officeHours.teamId, salesId));
    }
  });

  it("shows an empty span as zeros", async () => {
    const { span, filters } = parseStatsParams({ span: "custom", from: "2025-01-01", to: "2025-01-07" }, AMS, NOW);
    const o = await getOverview(db(), admin, await getSettings(db()), span, filters, NOW);
    expect(o.totals).toEqual({ new: 0, closed: 0, reopened: 0 });
    expect(o.volume).toHaveLength(7);
    expect(o.service.firstResponse).toEqual({ count: 0, median: null, p90: null });
    expect(o.agents.map((a) => [a.name, a.handled, a.open])).toEqual([
      ["Alice", 0, 1],
      ["Bob", 0, 1],
    ]);
  });
});

describe("agent productivity, month on month", () => {
  it("puts each agent's month beside the previous one", async () => {
    const p = await getProductivity(db(), admin, await getSettings(db()), AMS, {}, T("2026-03-31T10:00:00Z"));
    expect(p.current.label).toBe("March 2026");
    expect(p.previous.label).toBe("February 2026");
    expect(p.kinds).toEqual(["whatsapp", "webchat"]);
    const table = p.rows.map((r) => [r.name, r.current.requests, r.current.newContacts, r.current.byKind, r.previous.requests, r.previous.newContacts, r.previous.byKind]);
    expect(table).toEqual([
      ["Alice", 3, 2, { webchat: 2, whatsapp: 1 }, 2, 1, { webchat: 1, whatsapp: 1 }],
      ["Bob", 2, 1, { whatsapp: 2 }, 0, 0, {}],
      ["Not assigned", 2, 0, { webchat: 2 }, 0, 0, {}],
    ]);
    expect(p.totals.current.requests).toBe(7);
    expect(p.totals.previous.requests).toBe(2);
  });

  it("counts this month up to now only", async () => {
    const p = await getProductivity(db(), admin, await getSettings(db()), AMS, {}, T("2026-03-29T02:00:00Z"));
    expect(p.rows.find((r) => r.name === "Alice")?.current.requests).toBe(2);
    expect(p.rows.find((r) => r.name === "Bob")?.current.requests).toBe(1);
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { conversations, teams } from "@/db/schema";
import { archive, pickUp } from "@/lib/conversations/lifecycle";
import { filtersToSearchParams, parseFilters, type ConversationFilters } from "@/lib/conversations/filters";
import { listConversations } from "@/lib/conversations/queries";
import { addTag } from "@/lib/conversations/tags";
import type { View } from "@/lib/conversations/views";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

describe("filters in the URL", () => {
  it("round-trips every filter and the sort", () => {
    const filters: ConversationFilters = {
      channels: ["whatsapp", "3f0c4b8e-1d2a-4c5b-9e6f-7a8b9c0d1e2f"],
      agent: "none",
      tags: ["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"],
      team: "11111111-2222-4333-8444-555555555555",
      states: ["open", "waiting"],
      customer: "+31 6 1234 5678",
      number: 1042,
      language: "nl",
      sentiment: "negative",
      from: "2026-01-01",
      to: "2026-01-31",
      sort: "last",
      dir: "asc",
    };
    const url = `/inbox/all?${filtersToSearchParams(filters)}`;
    expect(parseFilters(new URL(url, "http://x").searchParams)).toEqual(filters);
  });

  it("leaves out what it cannot read instead of refusing the link", () => {
    const params = new URLSearchParams("channel=fax,sms&agent=bob&tag=x&state=open,gone&number=12a&from=2026-02-30&to=2026-03-01&sort=size");
    expect(parseFilters(params)).toEqual({ channels: ["sms"], states: ["open"], to: "2026-03-01" });
  });

  it("puts a reversed time span the right way round and defaults the direction to newest first", () => {
    expect(parseFilters(new URLSearchParams("from=2026-05-10&to=2026-05-01&sort=created"))).toEqual({
      from: "2026-05-01",
      to: "2026-05-10",
      sort: "created",
      dir: "desc",
    });
  });

  it("writes nothing for the default view, so the plain inbox URL stays plain", () => {
    expect(filtersToSearchParams({ sort: "queue" }).toString()).toBe("");
  });
});

describe("list filters and sorts against the database", () => {
  const db = setupTestDb();
  let agent: CurrentUser;
  let colleague: CurrentUser;
  let supervisor: CurrentUser;
  let teamB: string;
  const ids: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  let tagId: string;
  let smsChannelId: string;

  const list = async (actor: CurrentUser, view: View, filters: ConversationFilters) => {
    const { rows } = await listConversations(db(), actor, await getSettings(db()), { view, filters, limit: 200 });
    return rows.map((r) => r.number);
  };
  const only = (...keys: string[]) => keys.map((k) => numbers[k]).sort();

  beforeAll(async () => {
    await updateSettings(db(), { defaultRegion: "NL" });
    const support = await ensureDefaultTeam(db());
    [{ id: teamB }] = await db().insert(teams).values({ name: "Filters B" }).returning({ id: teams.id });
    agent = await makeUser(db(), "agent", { teamIds: [support.id] });
    colleague = await makeUser(db(), "agent", { teamIds: [support.id] });
    supervisor = await makeUser(db(), "supervisor", { teamIds: [support.id, teamB] });
    const web = await makeChannel(db(), "webchat", { teamId: support.id });
    const sms = await makeChannel(db(), "sms", { teamId: support.id });
    smsChannelId = sms.id;
    const whatsapp = await makeChannel(db(), "whatsapp", { teamId: teamB });

    const write = async (key: string, ...args: Parameters<typeof customerWrites>) => {
      const outcome = await customerWrites(...args);
      if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
      ids[key] = outcome.conversationId;
      const [row] = await db().select({ number: conversations.number }).from(conversations).where(eq(conversations.id, outcome.conversationId));
      numbers[key] = row.number;
    };
    await write("anna", db(), web, "visitor-anna-0001", "Where is my order?", { profileName: "Anna Berg", contact: { email: "anna@example.org" } });
    await write("sms", db(), sms, "+31612345678", "Hoi, mijn pakket is zoek", { handle: "+31612345678" });
    await write("teamB", db(), whatsapp, "4915112345678", "Rechnung bitte", { handle: "+4915112345678", profileName: "Jonas Weber" });
    await write("closed", db(), web, "visitor-closed-0001", "Thanks, all good", { profileName: "Carla Closed" });
    await write("colleague", db(), web, "visitor-colleague-01", "Can someone call me?", { profileName: "Dirk Dijkstra" });

    await pickUp(db(), agent, ids.anna);
    await pickUp(db(), colleague, ids.colleague);
    await pickUp(db(), agent, ids.closed);
    await archive(db(), agent, ids.closed);
    tagId = (await addTag(db(), supervisor, ids.teamB, { name: "Invoice" })).id;

    // Known dates: anna ran 1–3 March, sms 10–12 March, teamB 20 March, closed 1 Feb, colleague 5 March – today.
    const set = (key: string, created: string, last: string) =>
      db()
        .update(conversations)
        .set({ createdAt: sql`${created}::timestamptz`, lastMessageAt: sql`${last}::timestamptz` })
        .where(eq(conversations.id, ids[key]));
    await set("anna", "2026-03-01T09:00:00Z", "2026-03-03T09:00:00Z");
    await set("sms", "2026-03-10T09:00:00Z", "2026-03-12T09:00:00Z");
    await set("teamB", "2026-03-20T09:00:00Z", "2026-03-20T10:00:00Z");
    await set("closed", "2026-02-01T09:00:00Z", "2026-02-01T10:00:00Z");
    await set("colleague", "2026-03-05T09:00:00Z", "2026-04-30T09:00:00Z");
  });

  it("narrows by channel kind and by channel account", async () => {
    expect((await list(supervisor, "all", { channels: ["sms"] })).sort()).toEqual(only("sms"));
    expect((await list(supervisor, "all", { channels: [smsChannelId] })).sort()).toEqual(only("sms"));
    expect((await list(supervisor, "all", { channels: ["sms", "whatsapp"] })).sort()).toEqual(only("sms", "teamB"));
  });

  it("narrows by agent, and by unassigned", async () => {
    expect((await list(supervisor, "all", { agent: agent.id })).sort()).toEqual(only("anna", "closed"));
    expect((await list(supervisor, "assigned", { agent: agent.id })).sort()).toEqual(only("anna"));
    expect((await list(supervisor, "all", { agent: "none" })).sort()).toEqual(only("sms", "teamB"));
  });

  it("narrows by tag and by team, within what the viewer may see", async () => {
    expect(await list(supervisor, "all", { tags: [tagId] })).toEqual(only("teamB"));
    expect((await list(supervisor, "all", { team: teamB })).sort()).toEqual(only("teamB"));
    // The agent is not in team B: filtering for it shows nothing rather than someone else's work.
    expect(await list(agent, "all", { tags: [tagId] })).toEqual([]);
    expect(await list(agent, "all", { team: teamB })).toEqual([]);
  });

  it("narrows by state", async () => {
    expect(await list(supervisor, "all", { states: ["closed"] })).toEqual(only("closed"));
    expect((await list(supervisor, "all", { states: ["new"] })).sort()).toEqual(only("sms", "teamB"));
    expect(await list(supervisor, "new", { states: ["closed"] })).toEqual([]);
  });

  it("narrows by customer name, e-mail, handle and a phone number in any notation", async () => {
    expect(await list(supervisor, "all", { customer: "anna" })).toEqual(only("anna"));
    expect(await list(supervisor, "all", { customer: "anna@example.org" })).toEqual(only("anna"));
    expect(await list(supervisor, "all", { customer: "Jonas Weber" })).toEqual(only("teamB"));
    for (const notation of ["+31 6 12345678", "0031612345678", "06-1234 5678", "(06) 12 34 56 78", "6 1234 5678"]) {
      expect(await list(supervisor, "all", { customer: notation }), notation).toEqual(only("sms"));
    }
    expect(await list(supervisor, "all", { customer: "+49 151 1234 5678" })).toEqual(only("teamB"));
    expect(await list(supervisor, "all", { customer: "nobody-like-this" })).toEqual([]);
  });

  it("narrows by conversation number", async () => {
    expect(await list(supervisor, "all", { number: numbers.sms })).toEqual(only("sms"));
    expect(await list(agent, "all", { number: numbers.teamB })).toEqual([]);
  });

  it("narrows by time span: conversations going on at some point in it", async () => {
    expect((await list(supervisor, "all", { from: "2026-03-04", to: "2026-03-11" })).sort()).toEqual(only("sms", "colleague"));
    expect((await list(supervisor, "all", { to: "2026-02-28" })).sort()).toEqual(only("closed"));
    expect((await list(supervisor, "all", { from: "2026-03-15" })).sort()).toEqual(only("teamB", "colleague"));
  });

  it("narrows by the customer's language and mood", async () => {
    await db().update(conversations).set({ language: "nl", sentiment: "negative" }).where(eq(conversations.id, ids.sms));
    await db().update(conversations).set({ language: "nl", sentiment: "positive" }).where(eq(conversations.id, ids.teamB));
    expect((await list(supervisor, "all", { language: "nl" })).sort()).toEqual(only("sms", "teamB"));
    expect(await list(supervisor, "all", { language: "nl", sentiment: "negative" })).toEqual(only("sms"));
    expect(await list(supervisor, "all", { sentiment: "positive" })).toEqual(only("teamB"));
  });

  it("combines filters", async () => {
    expect(await list(supervisor, "all", { channels: ["webchat"], states: ["open", "waiting"], agent: colleague.id })).toEqual(only("colleague"));
    expect(await list(supervisor, "all", { channels: ["webchat"], customer: "anna", states: ["closed"] })).toEqual([]);
  });

  it("sorts by conversation date and by last message date, both ways", async () => {
    const all = ["anna", "sms", "teamB", "closed", "colleague"];
    const byCreated = ["closed", "anna", "colleague", "sms", "teamB"].map((k) => numbers[k]);
    const byLast = ["closed", "anna", "sms", "teamB", "colleague"].map((k) => numbers[k]);
    const mine = (rows: number[]) => rows.filter((n) => all.some((k) => numbers[k] === n));
    expect(mine(await list(supervisor, "all", { sort: "created", dir: "asc" }))).toEqual(byCreated);
    expect(mine(await list(supervisor, "all", { sort: "created", dir: "desc" }))).toEqual([...byCreated].reverse());
    expect(mine(await list(supervisor, "all", { sort: "last", dir: "asc" }))).toEqual(byLast);
    expect(mine(await list(supervisor, "all", { sort: "last", dir: "desc" }))).toEqual([...byLast].reverse());
    // Work queues sort too (their branches are merged in the same order).
    expect(await list(supervisor, "new", { sort: "created", dir: "desc" })).toEqual([numbers.teamB, numbers.sms]);
  });

  it("pages through a sorted, filtered list without gaps or repeats", async () => {
    const settings = await getSettings(db());
    const filters: ConversationFilters = { channels: ["webchat", "sms", "whatsapp"], sort: "last", dir: "desc" };
    const seen: number[] = [];
    for (let offset = 0; offset < 10; offset += 2) {
      const page = await listConversations(db(), supervisor, settings, { view: "all", filters, offset, limit: 2 });
      seen.push(...page.rows.map((r) => r.number));
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(await list(supervisor, "all", filters));
    expect(new Set(seen).size).toBe(5);
  });
});

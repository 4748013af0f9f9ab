import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { conversations, messages, teams } from "@/db/schema";
import { pickUp } from "@/lib/conversations/lifecycle";
import { addNote } from "@/lib/conversations/notes";
import { searchConversations, type SearchOptions } from "@/lib/conversations/search";
import { addTag } from "@/lib/conversations/tags";
import { classifyQuery, headlineParts, MARK_END, MARK_START, tsQueryText } from "@/lib/search/keys";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

describe("reading the search box", () => {
  it("reads a phone number in every common notation as the same E.164 number", () => {
    for (const notation of ["+31 6 12345678", "+31612345678", "0031612345678", "0031 6 1234 5678", "06-12345678", "(06) 12 34 56 78", "06 1234 5678", "+31-612345678"]) {
      expect(classifyQuery(notation, "NL"), notation).toEqual({ kind: "phone", e164: "+31612345678" });
    }
    expect(classifyQuery("(415) 555-2671", "US")).toEqual({ kind: "phone", e164: "+14155552671" });
    expect(classifyQuery("+1 415 555 2671", "NL")).toEqual({ kind: "phone", e164: "+14155552671" });
  });

  it("reads e-mail addresses, handles and conversation numbers as exact keys", () => {
    expect(classifyQuery("  Maria@Example.com ", "NL")).toEqual({ kind: "email", email: "maria@example.com" });
    expect(classifyQuery("@Jonas_W", "NL")).toEqual({ kind: "handle", handle: "@jonas_w" });
    expect(classifyQuery("#1042", "NL")).toEqual({ kind: "number", number: 1042 });
  });

  it("reads anything else as words; a bare number is also tried as a conversation number", () => {
    expect(classifyQuery("Refund, please!", "NL")).toEqual({ kind: "words", words: ["refund", "please"] });
    expect(classifyQuery("1042", "NL")).toEqual({ kind: "words", words: ["1042"], number: 1042 });
    expect(classifyQuery("12 34", "NL")).toEqual({ kind: "words", words: ["12", "34"] });
    expect(classifyQuery("  ", "NL")).toBeNull();
    expect(classifyQuery("!!!", "NL")).toBeNull();
  });

  it("quotes every word of the text query and reads only a longer last word as a prefix", () => {
    expect(tsQueryText(["it's", "refu"])).toBe("'it''s' & 'refu':*");
    expect(tsQueryText(["zo"])).toBe("'zo'");
  });

  it("cuts a headline into text and matches without reading it as HTML", () => {
    const headline = `<b>hi</b> ${MARK_START}zipper${MARK_END} broke ${MARK_START}again${MARK_END}`;
    expect(headlineParts(headline)).toEqual([
      { text: "<b>hi</b> ", match: false },
      { text: "zipper", match: true },
      { text: " broke ", match: false },
      { text: "again", match: true },
    ]);
  });
});

describe("searching conversations", () => {
  const db = setupTestDb();
  let agent: CurrentUser;
  let supervisor: CurrentUser;
  let teamB: string;
  const ids: Record<string, string> = {};
  const numbers: Record<string, number> = {};
  let zipperMessageId: string;
  let tagId: string;

  const search = async (actor: CurrentUser, q: string, rest: Omit<SearchOptions, "q"> = {}) =>
    searchConversations(db(), actor, await getSettings(db()), { q, ...rest });
  const found = async (actor: CurrentUser, q: string, rest: Omit<SearchOptions, "q"> = {}) =>
    (await search(actor, q, rest)).rows.map((r) => r.number).sort();
  const only = (...keys: string[]) => keys.map((k) => numbers[k]).sort();

  beforeAll(async () => {
    await updateSettings(db(), { defaultRegion: "NL" });
    const support = await ensureDefaultTeam(db());
    [{ id: teamB }] = await db().insert(teams).values({ name: "Search B" }).returning({ id: teams.id });
    agent = await makeUser(db(), "agent", { teamIds: [support.id] });
    supervisor = await makeUser(db(), "supervisor", { teamIds: [support.id, teamB] });
    const sms = await makeChannel(db(), "sms", { teamId: support.id });
    const email = await makeChannel(db(), "email", { teamId: support.id });
    const telegram = await makeChannel(db(), "telegram", { teamId: teamB });
    const web = await makeChannel(db(), "webchat", { teamId: support.id });

    const write = async (key: string, ...args: Parameters<typeof customerWrites>) => {
      const outcome = await customerWrites(...args);
      if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
      ids[key] = outcome.conversationId;
      const [row] = await db().select({ number: conversations.number }).from(conversations).where(eq(conversations.id, outcome.conversationId));
      numbers[key] = row.number;
      return outcome.messageId;
    };
    await write("sms", db(), sms, "+31612345678", "Hoi, mijn pakket is zoek", { handle: "+31612345678", contact: { phone: "+31612345678" } });
    await write("mail", db(), email, "maria@example.com", "Hello, I need help with an order", { handle: "maria@example.com", contact: { email: "maria@example.com" } });
    zipperMessageId = await write("mail", db(), email, "maria@example.com", "Refund request for order NW-4711: the <b>zipper</b> broke after one week.", {
      handle: "maria@example.com",
    });
    await write("mail", db(), email, "maria@example.com", "Any news?", { handle: "maria@example.com" });
    await write("tg", db(), telegram, "5550001", "Where is my refund?", { handle: "@jonas_w", profileName: "Jonas Weber" });
    await write("note", db(), web, "visitor-note-00001", "hello there", { profileName: "Nora Note" });
    await write("name", db(), web, "visitor-name-00001", "hi", { profileName: "Griselda Quartermaine" });
    await addNote(db(), supervisor, ids.note, "Customer prefers a callback on Tuesday");
    await pickUp(db(), agent, ids.mail);
    tagId = (await addTag(db(), supervisor, ids.tg, { name: "Refunds" })).id;
    await db().update(conversations).set({ createdAt: sql`'2026-01-10T10:00:00Z'::timestamptz`, lastMessageAt: sql`'2026-01-10T11:00:00Z'::timestamptz` }).where(eq(conversations.id, ids.tg));
  });

  it("finds a conversation by the customer's phone number in any notation", async () => {
    for (const notation of ["+31 6 12345678", "0031612345678", "06-12345678", "(06) 12 34 56 78"]) {
      expect(await found(supervisor, notation), notation).toEqual(only("sms"));
    }
    expect(await found(supervisor, "+31 6 87654321")).toEqual([]);
  });

  it("finds by e-mail address, by handle and by conversation number", async () => {
    expect(await found(supervisor, "MARIA@example.com")).toEqual(only("mail"));
    expect(await found(supervisor, "@jonas_w")).toEqual(only("tg"));
    expect(await found(supervisor, `#${numbers.note}`)).toEqual(only("note"));
    const bare = await search(supervisor, String(numbers.sms));
    expect(bare.rows[0]?.number).toBe(numbers.sms);
  });

  it("finds words in messages with the match highlighted and the message to open", async () => {
    const result = await search(supervisor, "zipper");
    expect(result.rows.map((r) => r.number)).toEqual([numbers.mail]);
    const [row] = result.rows;
    expect(row.match.in).toBe("message");
    expect(row.match.messageId).toBe(zipperMessageId);
    const parts = headlineParts(row.match.headline ?? "");
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["zipper"]);
    expect(parts.map((p) => p.text).join("")).toMatch(/^Refund request for order NW-4711: the\s+zipper\s+broke/);
    expect(row.messageCount).toBe(3);
    expect(row.assigneeName).toBe(agent.name);
  });

  it("needs every word and reads the last one as a prefix", async () => {
    expect(await found(supervisor, "refund")).toEqual(only("mail", "tg"));
    expect(await found(supervisor, "refu")).toEqual(only("mail", "tg"));
    expect(await found(supervisor, "refund zipper")).toEqual(only("mail"));
    expect(await found(supervisor, "refund nothing-like-it")).toEqual([]);
  });

  it("finds words in notes and in customer names", async () => {
    const [note] = (await search(supervisor, "callback tuesday")).rows;
    expect(note.number).toBe(numbers.note);
    expect(note.match.in).toBe("note");
    expect(headlineParts(note.match.headline ?? "").filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(["callback", "tuesday"]);
    expect(await found(supervisor, "quartermaine")).toEqual(only("name"));
  });

  it("narrows by channel, tag, team, agent, state and date", async () => {
    expect(await found(supervisor, "refund", { filters: { channels: ["email"] } })).toEqual(only("mail"));
    expect(await found(supervisor, "refund", { filters: { tags: [tagId] } })).toEqual(only("tg"));
    expect(await found(supervisor, "refund", { filters: { team: teamB } })).toEqual(only("tg"));
    expect(await found(supervisor, "refund", { filters: { agent: agent.id } })).toEqual(only("mail"));
    expect(await found(supervisor, "refund", { filters: { states: ["new"] } })).toEqual(only("tg"));
    expect(await found(supervisor, "refund", { filters: { from: "2026-01-01", to: "2026-01-31" } })).toEqual(only("tg"));
    expect(await found(supervisor, "", { filters: { channels: ["telegram"] } })).toEqual(only("tg"));
  });

  it("never shows what the viewer may not see", async () => {
    expect(await found(agent, "refund")).toEqual(only("mail"));
    expect(await found(agent, "@jonas_w")).toEqual([]);
    expect(await found(agent, `#${numbers.tg}`)).toEqual([]);
  });

  it("takes any input without reading it as query syntax", async () => {
    for (const q of ["refund & | ! ' :* (", "')) or true --", "\\", "😀 refund"]) {
      await expect(search(supervisor, q), q).resolves.toBeTruthy();
    }
    expect(await found(supervisor, "😀 refund")).toEqual(only("mail", "tg"));
  });

  it("finds a common word by probing the newest conversations, with the matching message", async () => {
    const result = await search(supervisor, "refund", { denseHits: 1 });
    expect(result.rows.map((r) => r.number).sort()).toEqual(only("mail", "tg"));
    const mail = result.rows.find((r) => r.number === numbers.mail)!;
    expect(mail.match.messageId).toBe(zipperMessageId);
    const [m] = await db().select({ body: messages.body }).from(messages).where(eq(messages.id, mail.match.messageId!));
    expect(m.body).toContain("Refund");
  });

  it("fills a page of a common word from the newest conversations first", async () => {
    const page = await search(supervisor, "refund", { limit: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.hasMore).toBe(true);
    expect(page.rows[0].match.messageId).toBeTruthy();
  });

  it("reads order numbers and addresses the way the messages were read", async () => {
    expect(await found(supervisor, "NW-4711")).toEqual(only("mail"));
    expect(await found(supervisor, "order nw-47")).toEqual(only("mail"));
    expect(await found(supervisor, "NW-4712")).toEqual([]);
  });

  it("pages through results", async () => {
    const first = await search(supervisor, "", { limit: 2 });
    const second = await search(supervisor, "", { limit: 2, offset: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.rows.map((r) => r.id)).not.toContain(second.rows[0]?.id);
  });
});

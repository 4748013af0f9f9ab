import fs from "node:fs";
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import * as fontkit from "fontkit";
import { conversations, messages, notes, tags, conversationTags } from "@/db/schema";
import { renderConversationPdf } from "@/components/export/conversation-pdf";
import { getSettings } from "@/lib/settings";
import { neutralise } from "@/lib/export/cells";
import { conversationCsv, conversationWorkbook } from "@/lib/export/conversation-files";
import { loadConversationExport, type ConversationExport } from "@/lib/export/conversation";
import { emojiCode, fontFiles, prepareEmoji } from "@/lib/export/pdf-fonts";
import { pdfText } from "@/lib/export/testing";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();

// Customer-written text in many scripts, with emoji, and cells a spreadsheet would run as formulas.
const lines = {
  latin: "Hello, my parcel NW-100234 has not arrived — can you check? Grüße, Zoë",
  cyrillic: "Здравствуйте, где мой заказ?",
  greek: "Γεια σας, πού είναι η παραγγελία μου;",
  arabic: "مرحبا، أين طلبي؟",
  hebrew: "שלום, איפה ההזמנה שלי?",
  devanagari: "नमस्ते, मेरा ऑर्डर कहाँ है?",
  thai: "สวัสดีครับ พัสดุของฉันอยู่ที่ไหน",
  chinese: "你好，我的包裹在哪里？",
  japanese: "こんにちは、荷物はどこですか？",
  korean: "안녕하세요, 제 주문은 어디에 있나요?",
  emoji: "Thanks a lot 👍🏽 see you 🏔️🚵 ❤️ 👨‍👩‍👧",
};
const formulas = ["=HYPERLINK(\"http://evil.test\",\"click\")", "+1 555 0100 is my number", "-5 items missing", "@SUM(A1:A2)", "\tTabbed", "\rCarriage"];

let agent: CurrentUser;
let watcher: CurrentUser;
let data: ConversationExport;
let number: number;
const tz = "America/New_York";

beforeAll(async () => {
  const channel = await makeChannel(db(), "webchat", { name: "Site chat" });
  agent = await makeUser(db(), "agent", { name: "Alex Agent" });
  watcher = { ...(await makeUser(db(), "watcher", { name: "Wendy Watcher" })), timeZone: tz };
  const first = await customerWrites(db(), channel, "visitor-export-0001", lines.latin, { profileName: "Zoë Müller" });
  if (first.result !== "stored") throw new Error("not stored");
  const id = first.conversationId;
  const base = new Date("2026-03-08T06:30:00Z").getTime(); // the US change to summer time is at 07:00 UTC that day
  await db().update(messages).set({ createdAt: new Date(base) }).where(eq(messages.conversationId, id));
  const all = [...Object.values(lines).slice(1), ...formulas];
  for (const [i, body] of all.entries()) {
    const out = i % 2 === 1;
    await db()
      .insert(messages)
      .values({
        conversationId: id,
        channelId: channel.id,
        direction: out ? "out" : "in",
        authorId: out ? agent.id : null,
        body,
        status: out ? "read" : "received",
        createdAt: new Date(base + (i + 1) * 60_000),
      });
  }
  await db().insert(messages).values({
    conversationId: id, channelId: channel.id, direction: "out", authorId: agent.id, body: "This one bounced", status: "failed",
    errorText: "The visitor left the page", createdAt: new Date(base + 40 * 60_000),
  });
  await db().insert(notes).values([
    { conversationId: id, authorId: agent.id, body: "Refund approved by finance — don't issue a second one.", createdAt: new Date(base + 5 * 60_000 + 30_000) },
    { conversationId: id, authorId: agent.id, body: "=cmd|' /C calc'!A0", createdAt: new Date(base + 41 * 60_000) },
  ]);
  const [tag] = await db().insert(tags).values({ name: "refund" }).returning();
  await db().insert(conversationTags).values({ conversationId: id, tagId: tag.id });
  await db().update(conversations).set({ assigneeId: agent.id, status: "open", firstResponseAt: new Date(base + 120_000) }).where(eq(conversations.id, id));
  const [row] = await db().select({ number: conversations.number }).from(conversations).where(eq(conversations.id, id));
  number = row.number;
  const loaded = await loadConversationExport(db(), watcher, await getSettings(db()), number);
  if (!loaded) throw new Error("not visible");
  data = loaded;
});

describe("the export's data", () => {
  it("holds every message and note in order, with authors and statuses", () => {
    expect(data.messages).toHaveLength(1 + Object.keys(lines).length - 1 + formulas.length + 1);
    expect(data.notes.map((n) => n.author)).toEqual(["Alex Agent", "Alex Agent"]);
    expect(data.customer).toBe("Zoë Müller");
    expect(data.agent).toBe("Alex Agent");
    expect(data.tags).toEqual(["refund"]);
    expect(data.messages.at(-1)).toMatchObject({ status: "Failed", error: "The visitor left the page", author: "Alex Agent" });
  });

  it("is refused to someone who may not see the conversation", async () => {
    const otherTeamAgent = await makeUser(db(), "agent");
    const settings = await getSettings(db());
    // An agent outside the conversation's team sees nothing (the default team holds the conversation, so
    // move it away first).
    const { teams } = await import("@/db/schema");
    const [elsewhere] = await db().insert(teams).values({ name: "Elsewhere" }).returning();
    await db().update(conversations).set({ teamId: elsewhere.id }).where(eq(conversations.number, number));
    expect(await loadConversationExport(db(), { ...otherTeamAgent, teamIds: [] }, settings, number)).toBeNull();
    await db().update(conversations).set({ teamId: otherTeamAgent.teamIds[0] }).where(eq(conversations.number, number));
  });
});

describe("the CSV", () => {
  it("parses back to the conversation, notes included and marked, times in the requester's zone", () => {
    const csv = conversationCsv(data, tz);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    expect(rows).toHaveLength(data.messages.length + data.notes.length);
    const time = `Time (${tz})`;
    // 06:30 UTC is 01:30 EST; after 07:00 UTC New York is on EDT (UTC−4).
    expect(rows[0]).toMatchObject({ Type: "Message", From: "Zoë Müller", [time]: "2026-03-08 01:30", Text: lines.latin });
    expect(rows.find((r) => r.Text === lines.korean)?.[time]).toBe("2026-03-08 01:39");
    const notesRows = rows.filter((r) => r.Type === "Internal note");
    expect(notesRows.map((r) => r.Text)).toEqual(["Refund approved by finance — don't issue a second one.", "'=cmd|' /C calc'!A0"]);
    expect(notesRows[0].Direction).toMatch(/not seen by the customer/);
    for (const line of Object.values(lines)) expect(rows.some((r) => r.Text === line)).toBe(true);
    for (const f of formulas) expect(rows.some((r) => r.Text === `'${f}`)).toBe(true);
    expect(rows.find((r) => r.Text === "This one bounced")?.["Delivery status"]).toBe("Failed: The visitor left the page");
  });
});

describe("the workbook", () => {
  it("reads back with exceljs: details, messages and notes as sheets, no formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await conversationWorkbook(data, tz)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Conversation", "Messages", "Notes"]);
    const values = (name: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    expect(values("Conversation")).toContainEqual(["Conversation", number]);
    expect(values("Conversation")).toContainEqual(["Agent", "Alex Agent"]);
    const msgs = values("Messages");
    expect(msgs[0]).toEqual([`Time (${tz})`, "From", "Direction", "Channel", "Delivery status", "Attachments", "Text"]);
    expect(msgs).toHaveLength(data.messages.length + 1);
    for (const line of Object.values(lines)) expect(msgs.some((r) => r[6] === line)).toBe(true);
    // XML turns a carriage return into a line feed; the apostrophe in front is what matters.
    for (const f of formulas) expect(msgs.some((r) => r[6] === `'${f}`.replace("\r", "\n"))).toBe(true);
    expect(values("Notes").slice(1).map((r) => r[2])).toEqual(["Refund approved by finance — don't issue a second one.", "'=cmd|' /C calc'!A0"]);
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
  });
});

describe("the PDF", () => {
  it("extracts to the conversation: header, every message, notes marked, in every script", async () => {
    const started = performance.now();
    const buffer = await renderConversationPdf(data, { timeZone: tz, exportedBy: "Wendy Watcher" });
    const took = performance.now() - started;
    if (process.env.EXPORT_PDF_OUT) fs.writeFileSync(process.env.EXPORT_PDF_OUT, buffer);
    expect(buffer.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(buffer);
    const flat = text.replace(/\s+/g, "");
    expect(text).toContain(`Conversation #${number}`);
    expect(text).toContain("Zoë Müller");
    expect(text).toContain("Alex Agent");
    expect(text).toContain("refund");
    expect(text).toContain("INTERNAL NOTE");
    expect(flat).toContain("Refundapprovedbyfinance".replace(/\s/g, ""));
    expect(text).toContain("8 Mar 2026, 01:30");
    expect(text).toContain("Not delivered: The visitor left the page");
    // Left-to-right scripts come back as written; right-to-left ones are checked by their letters.
    for (const key of ["latin", "cyrillic", "greek", "chinese", "japanese", "korean"] as const) {
      expect(flat).toContain(lines[key].replace(/\s+/g, ""));
    }
    for (const key of ["arabic", "hebrew"] as const) {
      for (const word of lines[key].replace(/[،,؟?]/g, "").split(" ")) expect(flat.includes(word) || flat.includes([...word].reverse().join(""))).toBe(true);
    }
    expect(took).toBeGreaterThan(0);
  });

  it("has a font with a glyph for every script of the conversation", () => {
    const fonts = fontFiles()
      .filter((f) => /Regular|400/.test(f.file))
      .map((f) => fontkit.openSync(f.file));
    const text = Object.values(lines).join("") + formulas.join("");
    const emoji = /\p{Extended_Pictographic}|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]/u;
    const missing = [...text].filter((ch) => !emoji.test(ch) && !/\s/.test(ch) && !fonts.some((f) => f.hasGlyphForCodePoint(ch.codePointAt(0)!)));
    expect(missing).toEqual([]);
  });

  it("draws emoji from the shipped Twemoji images", async () => {
    await prepareEmoji([lines.emoji]);
    // Code points as react-pdf names them; skin tones, ZWJ families and FE0F sequences all resolve.
    expect(["1f44d-1f3fd", "1f3d4", "1f6b5", "2764", "1f468-200d-1f469-200d-1f467"].map((c) => c)).toEqual(
      ["👍🏽", "🏔️", "🚵", "❤️", "👨‍👩‍👧"].map(emojiCode),
    );
  });
});

describe("neutralising formula cells", () => {
  it("prefixes what a spreadsheet would run, and nothing else", () => {
    expect(["=1+1", "+31 6", "-2", "@A1", "\tx", "\rx"].map(neutralise)).toEqual(["'=1+1", "'+31 6", "'-2", "'@A1", "'\tx", "'\rx"]);
    expect(["hello", "1+1", " =x", "", "€5"].map(neutralise)).toEqual(["hello", "1+1", " =x", "", "€5"]);
  });
});

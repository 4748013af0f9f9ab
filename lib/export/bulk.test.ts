import v8 from "node:v8";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts, conversations, messages, teams } from "@/db/schema";
import { can, type Role } from "@/lib/auth/permissions";
import { bulkExportStream, bulkFileName, bulkHeader } from "@/lib/export/bulk";
import { getSettings } from "@/lib/settings";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser, updateSettings } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();

let admin: CurrentUser;
let agent: CurrentUser;
let channelId: string;
let otherTeamId: string;

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksOf(stream)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  admin = { ...(await makeUser(db(), "admin", { name: "Ada Admin" })), timeZone: "Asia/Tokyo" };
  agent = await makeUser(db(), "agent", { name: "Alex Agent" });
  channelId = (await makeChannel(db(), "whatsapp", { name: "Shop" })).id;
  [{ id: otherTeamId }] = await db().insert(teams).values({ name: "Elsewhere" }).returning();
  const [own] = await db().insert(contacts).values({ name: "=1+2 Evil" }).returning();
  const [other] = await db().insert(contacts).values({ name: "Other team customer" }).returning();
  const [mine] = await db()
    .insert(conversations)
    .values({ contactId: own.id, teamId: agent.teamIds[0], channelId, status: "open", assigneeId: agent.id, createdAt: new Date("2026-03-30T00:30:00Z"), messageCount: 2 })
    .returning();
  await db().insert(conversations).values({ contactId: other.id, teamId: otherTeamId, channelId, status: "new" });
  await db().insert(messages).values([
    { conversationId: mine.id, channelId, direction: "in", body: "@SUM(A1) hello 👋", status: "received", createdAt: new Date("2026-03-30T00:30:00Z") },
    { conversationId: mine.id, channelId, direction: "out", authorId: agent.id, body: "Hi! -how can I help?", status: "read", createdAt: new Date("2026-03-30T00:31:00Z") },
  ]);
});

describe("who may export", () => {
  const roles: Role[] = ["admin", "supervisor", "agent", "watcher", "disabled"];
  it("follows the permission table, and the service setting for agents", async () => {
    const settings = await getSettings(db());
    const table = (s: typeof settings) =>
      Object.fromEntries(
        roles.map((role) => {
          const actor = { id: "x", role, teamIds: [] };
          return [role, [can(actor, "statistics.read", s), can(actor, "statistics.export", s), can(actor, "conversation.export", s)]];
        }),
      );
    expect(table({ ...settings, agentsCanExport: false })).toEqual({
      admin: [true, true, true],
      supervisor: [true, true, true],
      agent: [false, false, false],
      watcher: [true, true, true],
      disabled: [false, false, false],
    });
    expect(table({ ...settings, agentsCanExport: true }).agent).toEqual([false, false, true]);
  });

  it("exports only what the requester may see", async () => {
    await updateSettings(db(), { agentsCanExport: true });
    const settings = await getSettings(db());
    const csv = (await readAll(bulkExportStream(db(), agent, settings, { view: "all", rows: "conversations", format: "csv" }))).toString("utf8");
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.Customer)).toEqual(["'=1+2 Evil"]);
    const everything = (await readAll(bulkExportStream(db(), admin, settings, { view: "all", rows: "conversations", format: "csv" }))).toString("utf8");
    expect(everything).toContain("Other team customer");
  });
});

describe("bulk exports", () => {
  it("writes one row per message, in the requester's time zone, formulas neutralised", async () => {
    const settings = await getSettings(db());
    const csv = (await readAll(bulkExportStream(db(), admin, settings, { view: "mine", rows: "messages", format: "csv" }))).toString("utf8");
    expect(csv).toBe("\uFEFF" + bulkHeader("messages", "Asia/Tokyo").join(",") + "\r\n");
    const all = (await readAll(bulkExportStream(db(), agent, settings, { view: "mine", rows: "messages", format: "csv" }))).toString("utf8");
    const rows = Papa.parse<Record<string, string>>(all.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.From, r["Time (UTC)"], r.Text])).toEqual([
      ["'=1+2 Evil", "2026-03-30 00:30", "'@SUM(A1) hello 👋"],
      ["Alex Agent", "2026-03-30 00:31", "Hi! -how can I help?"],
    ]);
  });

  it("streams a workbook that exceljs reads back", async () => {
    const settings = await getSettings(db());
    const buffer = await readAll(bulkExportStream(db(), admin, settings, { view: "all", rows: "conversations", format: "xlsx" }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Conversations")!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(10).value).toBe("Started (Asia/Tokyo)");
    const started = sheet.getColumn(10).values.slice(2);
    expect(started).toContain("2026-03-30 09:30");
    expect(sheet.getColumn(2).values).toContain("'=1+2 Evil");
  });

  it("names the file after the view, the kind of row and the day", () => {
    expect(bulkFileName({ view: "mine", rows: "messages", format: "xlsx" }, "UTC")).toMatch(/^inbox-assigned-to-me-messages-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it("streams 100,000 rows with bounded memory", { timeout: 300_000 }, async () => {
    const [customer] = await db().insert(contacts).values({ name: "Bulk customer" }).returning();
    // 100,000 closed conversations, each with a 600-character last message: ~70 MB of CSV in all.
    await db().execute(sql`
      insert into conversations (contact_id, team_id, channel_id, status, closed_reason, created_at, last_message_at, closed_at, last_message_preview, message_count)
      select ${customer.id}::uuid, ${agent.teamIds[0]}::uuid, ${channelId}::uuid, 'closed', 'archived',
             now() - g * interval '1 minute', now() - g * interval '1 minute', now(), repeat('All good, thanks! ', 33) || g, 3
      from generate_series(1, 100000) g`);
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const settings = await getSettings(db());
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    for await (const chunk of chunksOf(bulkExportStream(db(), admin, settings, { view: "all", rows: "conversations", format: "csv" }))) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
      if (++chunks % 20 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    const [{ n }] = await db().select({ n: sql<number>`count(*)::int` }).from(conversations).where(eq(conversations.contactId, customer.id));
    expect(n).toBe(100_000);
    expect(lines).toBe(100_000 + 2 + 1); // the two others, and the header
    expect(bytes).toBeGreaterThan(60 * 1024 * 1024);
    // Held all at once, the file alone would be over 60 MB; streamed, what is live stays a few batches.
    expect(peak).toBeLessThan(24 * 1024 * 1024);
    console.info(`bulk export: ${(bytes / 1024 / 1024).toFixed(0)} MB streamed, live heap grew by at most ${(peak / 1024 / 1024).toFixed(1)} MB`);
  });
});

import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { exportStatistics } from "@/lib/export/statistics-export";
import { pdfText } from "@/lib/export/testing";
import { getSettings } from "@/lib/settings";
import { parseStatsParams } from "@/lib/stats/params";
import { chartTitles } from "@/lib/stats/tables";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();
let watcher: CurrentUser;

beforeAll(async () => {
  watcher = { ...(await makeUser(db(), "watcher", { name: "Wendy Watcher" })), timeZone: "Europe/Amsterdam" };
  const channel = await makeChannel(db(), "webchat", { name: "Site chat" });
  await customerWrites(db(), channel, "visitor-stats-export-1", "Hello");
  await customerWrites(db(), channel, "visitor-stats-export-2", "=2+3 is my question");
});

const request = (format: "csv" | "xlsx" | "pdf", chart?: "volume" | "channels") => ({ ...parseStatsParams({ span: "7d" }, watcher.timeZone), format, chart });

describe("statistics exports", () => {
  it("gives one chart as CSV, named after the chart and the span", async () => {
    const file = await exportStatistics(db(), watcher, await getSettings(db()), request("csv", "volume"));
    expect(file.fileName).toMatch(/^statistics-volume-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<string[]>(file.content.toString("utf8").slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(["Day", "New", "Closed", "Reopened"]);
    expect(rows).toHaveLength(8);
    expect(rows.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(2);
    const shares = await exportStatistics(db(), watcher, await getSettings(db()), request("csv", "channels"));
    expect(shares.content.toString("utf8")).toContain("Web chat,Site chat,2,100%");
  });

  it("gives the whole page as a workbook, one sheet per chart", async () => {
    const file = await exportStatistics(db(), watcher, await getSettings(db()), request("xlsx"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names[0]).toBe("About");
    for (const title of Object.values(chartTitles)) expect(names).toContain(title.slice(0, 31).trim());
    const about = workbook.getWorksheet("About")!;
    expect(about.getCell("B2").value).toBe("All teams");
  });

  it("gives a PDF report with every chart's data", async () => {
    const file = await exportStatistics(db(), watcher, await getSettings(db()), request("pdf"));
    const text = await pdfText(new Uint8Array(file.content));
    for (const title of ["Conversations over time", "Channel shares", "Activity per agent", "Agent productivity, month on month"]) expect(text).toContain(title);
    expect(text).toContain("Site chat");
  });

  it("records every export in the audit log", async () => {
    const entries = await db().select().from(auditLog).where(eq(auditLog.actorId, watcher.id));
    expect(entries.map((e) => e.action)).toEqual(Array(4).fill("export.statistics"));
    expect(entries.map((e) => e.target)).toContain(entries.find((e) => e.target?.endsWith(".pdf"))?.target);
  });
});

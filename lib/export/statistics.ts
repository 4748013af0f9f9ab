import ExcelJS from "exceljs";
import { safeCell } from "@/lib/export/cells";
import { csvFile } from "@/lib/export/csv";
import type { StatTable } from "@/lib/stats/tables";

/** One chart's data as CSV. */
export function statisticsCsv(table: StatTable): string {
  return csvFile(table.columns, table.rows);
}

/** Every chart of the page, one sheet each, with the span and filters on a first sheet. */
export async function statisticsWorkbook(tables: StatTable[], about: [string, string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Switchboard";
  const cover = workbook.addWorksheet("About");
  cover.columns = [{ width: 24 }, { width: 60 }];
  for (const [label, value] of about) cover.addRow([label, safeCell(value)]).getCell(1).font = { bold: true };
  const used = new Set<string>(["About"]);
  for (const table of tables) {
    // Excel caps sheet names at 31 characters and forbids a few characters.
    let name = table.title.replace(/[\\/?*[\]:]/g, " ").slice(0, 31).trim();
    for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((c, i) => ({ header: c, width: i === 0 ? 26 : Math.max(10, Math.min(28, c.length + 2)) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(safeCell));
    if (table.note) {
      sheet.addRow([]);
      sheet.addRow([safeCell(table.note)]).font = { italic: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

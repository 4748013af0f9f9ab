import Papa from "papaparse";
import { safeCell, type ExportCell } from "@/lib/export/cells";

/** Excel opens a UTF-8 CSV correctly only with a byte-order mark. */
export const BOM = "\uFEFF";

function text(value: ExportCell): string | number | boolean | null {
  const cell = safeCell(value);
  return cell instanceof Date ? cell.toISOString() : cell;
}

/** Rows as CSV (RFC 4180 quoting by papaparse), formula-looking cells neutralised; no header unless given. */
export function csvLines(rows: ExportCell[][], header?: string[]): string {
  const data = rows.map((r) => r.map(text));
  return Papa.unparse(header ? { fields: header.map((h) => String(text(h))), data } : data, { newline: "\r\n" });
}

/** A whole small CSV file: BOM, header, rows, final newline. */
export function csvFile(header: string[], rows: ExportCell[][]): string {
  return `${BOM}${csvLines(rows, header)}\r\n`;
}

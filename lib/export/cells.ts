/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and some also treat a
 * leading tab or carriage return that way ("CSV injection"). Customer-written text goes into exports, so
 * such a cell gets a leading apostrophe: spreadsheets show the text as it was and never evaluate it.
 * Numbers stay numbers (a negative number is not text a customer wrote).
 */
const formulaStart = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

export type ExportCell = string | number | boolean | Date | null | undefined;

/** A cell ready for a CSV or workbook: text neutralised, nothing else touched. */
export function safeCell(value: ExportCell): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? neutralise(value) : value;
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-29 14:05" on the wall clock of `timeZone`: sortable, and read the same by every spreadsheet. */
export function localStamp(date: Date | null, timeZone: string): string {
  if (!date) return "";
  let f = stampFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    stampFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

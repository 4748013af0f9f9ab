import Papa from "papaparse";

/**
 * Reads an uploaded CSV's bytes as text. Spreadsheets save CSV as UTF-8 (with or without a byte-order
 * mark), UTF-16 ("Unicode text") or, in older Excel, Windows-1252: a BOM decides, then strict UTF-8,
 * and bytes that are not UTF-8 are read as Windows-1252 so "Müller" does not become "M�ller".
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 is Latin-1 except for 0x80–0x9F (€, ‚, „, …, smart quotes, Š, Ž…). Node's TextDecoder
// treats the label as Latin-1, so those 27 characters are mapped here.
const cp1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const slice = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...slice.map((b) => b)).replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]);
  }
  return out;
}

/**
 * The rows of a CSV (any delimiter papaparse recognises). Blank lines are kept (as empty rows) so row
 * numbers in a report match the rows a spreadsheet shows; only trailing ones are dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] }).data;
  while (rows.length && isBlankRow(rows[rows.length - 1])) rows.pop();
  return rows;
}

export function isBlankRow(row: string[]): boolean {
  return row.every((cell) => cell.trim() === "");
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: "CSV injection") gets a
 * leading apostrophe, so it opens as text. Plain numbers such as +31 6 1234 5678 stay as they are.
 */
export function safeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d\s().]+$/.test(text)) return `'${text}`;
  return text;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  // CRLF and a BOM: what Excel expects to open UTF-8 CSV with the right characters.
  return `\uFEFF${Papa.unparse(rows.map((r) => r.map(safeCell)), { newline: "\r\n" })}\r\n`;
}

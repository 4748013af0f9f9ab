import { parsePhone } from "@/lib/contacts/contact.validation";

/**
 * What a search box entry is: an exact key (conversation number, phone number, e-mail address, handle) or
 * words to look for in messages and notes. Pure, so it is tested on its own and the page can say what it
 * searched for.
 *
 * A phone number is read in any common notation (+31 6 1234 5678, 0031612345678, 06-12345678, (06) 12 34
 * 56 78) with the service's default region for numbers without a country code, and matched in E.164, the
 * form contacts and identities store.
 */
export type SearchKey =
  | { kind: "number"; number: number }
  | { kind: "phone"; e164: string }
  | { kind: "email"; email: string }
  | { kind: "handle"; handle: string }
  | { kind: "words"; words: string[]; number?: number };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /^[\d\s+().\-/]+$/;
const MAX_WORDS = 8;

/**
 * The words of a query: what is between spaces, without punctuation at either end. Punctuation inside
 * stays ("NW-4711", "it's", "anna@example.org"), so Postgres' parser reads the word exactly as it read the
 * messages (tsQueryText).
 */
export function wordsOf(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

export function classifyQuery(input: string, region: string): SearchKey | null {
  const text = input.trim().slice(0, 200);
  if (!text) return null;
  const hashed = /^#\s*(\d{1,15})$/.exec(text);
  if (hashed) return { kind: "number", number: Number(hashed[1]) };
  if (EMAIL.test(text)) return { kind: "email", email: text.toLowerCase() };
  if (/^@[\w.]{2,64}$/.test(text)) return { kind: "handle", handle: text.toLowerCase() };
  const digits = text.replace(/\D/g, "");
  if (PHONE_CHARS.test(text) && digits.length >= 7) {
    const phone = parsePhone(text, region);
    if (phone.ok) return { kind: "phone", e164: phone.e164 };
  }
  const words = wordsOf(text);
  if (!words.length) return null;
  // A bare number may be a conversation number as well as something said in a message.
  const number = /^\d{1,15}$/.test(text) ? Number(text) : undefined;
  return number ? { kind: "words", words, number } : { kind: "words", words };
}

/**
 * A `to_tsquery('simple', …)` text for the words: all of them must occur, the last one (of three characters
 * or more) as a prefix, the word still being typed or its beginning: "refun" finds "refund". Every word is
 * quoted, so nothing in the input is read as tsquery syntax, and Postgres' parser splits it as it split the
 * messages ("NW-4711" becomes the phrase 'nw' <-> '-4711').
 */
export function tsQueryText(words: string[]): string {
  // A prefix of one or two characters would match most of the index: only longer ones are read as prefixes.
  const quote = (w: string) => `'${w.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  return words.map((w, i) => `${quote(w)}${i === words.length - 1 && w.length >= 3 ? ":*" : ""}`).join(" & ");
}

/** Marks around a match in ts_headline's output: control characters that never occur in what people write. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

/** A headline cut into plain text and matches, for rendering as text with <mark> (never as HTML). */
export function headlineParts(headline: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let rest = headline;
  while (rest) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const inner = rest.slice(start + 1, end < 0 ? undefined : end);
    if (inner) parts.push({ text: inner, match: true });
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\u0002\u0003]/g, "") }));
}

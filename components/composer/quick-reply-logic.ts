/**
 * The composer's quick-reply rules, pure so they are tested on their own: finding a `!group` being typed,
 * which replies Ctrl+1…9 insert, putting a reply into the text, and the placeholders still unfilled (which
 * hold Send back).
 */
import { fill, parts, type PlaceholderValues } from "@/lib/quick-replies/placeholders";
import type { QuickReply, QuickReplyGroup } from "@/lib/quick-replies/quick-replies";

/** Placeholders still written as `{{…}}` in the text, each once. While there are any, Send stays off. */
export function unfilledPlaceholders(text: string): string[] {
  return fill(text, {}).missing;
}

/** The text cut into plain runs and unfilled placeholders, for showing the latter in red. */
export function markUnfilled(text: string): { text: string; missing: boolean }[] {
  return parts(text, {}).map((p) => ({ text: p.text, missing: p.kind === "missing" }));
}

/** A reply as it goes into the composer: placeholders filled where the conversation knows the value. */
export function fillReply(body: string, values: PlaceholderValues): { text: string; missing: string[] } {
  return fill(body, values);
}

/** The `!…` being typed right before the caret: where it starts and what follows the `!`. */
export type Bang = { start: number; end: number; typed: string };

export function bangAt(text: string, caret: number): Bang | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)!([^\n!]{0,60})$/.exec(before);
  if (!match) return null;
  const start = before.length - match[2].length - 1;
  return { start, end: caret, typed: match[2] };
}

/**
 * What `!typed` points at: the group whose name it starts with (the longest such name, so "!Opening hours"
 * beats "!Opening"), and the rest as words to narrow its replies; or, while the name is still being typed,
 * the groups whose names start with it.
 */
export function resolveBang(groups: QuickReplyGroup[], typed: string): { group: QuickReplyGroup | null; filter: string; groups: QuickReplyGroup[] } {
  const lower = typed.toLowerCase();
  const named = groups
    .filter((g) => {
      const name = g.name.toLowerCase();
      return lower.startsWith(name) && (lower.length === name.length || /\s/.test(lower[name.length]));
    })
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (named) return { group: named, filter: typed.slice(named.name.length).trim(), groups: [named] };
  const trimmed = lower.trim();
  return { group: null, filter: "", groups: groups.filter((g) => g.name.toLowerCase().startsWith(trimmed)) };
}

/** Replies containing every word of `filter` (any case). */
export function matchReplies(replies: QuickReply[], filter: string): QuickReply[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return replies;
  return replies.filter((r) => {
    const body = r.body.toLowerCase();
    return words.every((w) => body.includes(w));
  });
}

/** The replies Ctrl+1…9 insert: the first nine in the order of the settings page (groups, then replies). */
export function firstNine(groups: QuickReplyGroup[]): QuickReply[] {
  return groups.flatMap((g) => g.replies).slice(0, 9);
}

/** The digit of Ctrl+1…9 (1-based), or null. Reads the physical key so other layouts work too. */
export function quickReplyDigit(event: { ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; key: string; code?: string }): number | null {
  if (!event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return null;
  const fromCode = event.code ? /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] : undefined;
  const digit = fromCode ?? (/^[1-9]$/.test(event.key) ? event.key : undefined);
  return digit ? Number(digit) : null;
}

/** `text` with `[start, end)` replaced by `insert`, and where the caret goes (after the insert). */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/**
 * Reading key presses against the shortcut registry (lib/shortcuts.ts). Pure, so the rules are tested on
 * their own: "Mod" is ⌘ on a Mac and Ctrl elsewhere; a letter matches with exactly the modifiers written
 * ("Shift A" is not "a"); a symbol like "?" or "/" matches whatever Shift it took to type it.
 */
import { shortcuts, type Shortcut } from "@/lib/shortcuts";

export function shortcutById(id: string): Shortcut | undefined {
  return shortcuts.find((s) => s.id === id);
}

export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean };

const modifiers = new Set(["Mod", "Ctrl", "Shift", "Alt", "Meta"]);

export function matchesKeys(event: KeyPress, keys: string[], isMac: boolean): boolean {
  const wanted = new Set(keys.filter((k) => modifiers.has(k)));
  const key = keys.find((k) => !modifiers.has(k));
  if (!key) return false;
  const ctrl = wanted.has("Ctrl") || (wanted.has("Mod") && !isMac);
  const meta = wanted.has("Meta") || (wanted.has("Mod") && isMac);
  if (event.ctrlKey !== ctrl || event.metaKey !== meta || event.altKey !== wanted.has("Alt")) return false;
  const letter = /^[a-z]$/i.test(key);
  if (letter) return event.shiftKey === wanted.has("Shift") && event.key.toLowerCase() === key.toLowerCase();
  if (wanted.has("Shift") && !event.shiftKey) return false;
  return event.key === key;
}

/** The registered shortcut a key press means, if any. */
export function shortcutFor(event: KeyPress, isMac: boolean, scopes: readonly Shortcut["scope"][]): Shortcut | undefined {
  return shortcuts.find((s) => scopes.includes(s.scope) && [s.keys, ...(s.alternatives ?? [])].some((keys) => matchesKeys(event, keys, isMac)));
}

/** Is the person typing? Then single-key shortcuts stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
  if (element.tagName !== "INPUT") return false;
  const type = (element as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(type);
}

import { describe, expect, it } from "vitest";
import { isTyping, matchesKeys, shortcutFor } from "@/components/shortcuts/keys";
import { shortcuts } from "@/lib/shortcuts";

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("keyboard shortcuts", () => {
  it("reads Mod as ⌘ on a Mac and Ctrl elsewhere", () => {
    expect(matchesKeys(press("k", { ctrlKey: true }), ["Mod", "k"], false)).toBe(true);
    expect(matchesKeys(press("k", { metaKey: true }), ["Mod", "k"], true)).toBe(true);
    expect(matchesKeys(press("k", { ctrlKey: true }), ["Mod", "k"], true)).toBe(false);
    expect(matchesKeys(press("k"), ["Mod", "k"], false)).toBe(false);
  });

  it("tells a from Shift+A, and lets a symbol take the Shift it needs", () => {
    expect(matchesKeys(press("a"), ["a"], false)).toBe(true);
    expect(matchesKeys(press("A", { shiftKey: true }), ["a"], false)).toBe(false);
    expect(matchesKeys(press("A", { shiftKey: true }), ["Shift", "A"], false)).toBe(true);
    expect(matchesKeys(press("?", { shiftKey: true }), ["?"], false)).toBe(true);
    expect(matchesKeys(press("a", { ctrlKey: true }), ["a"], false)).toBe(false);
  });

  it("finds the shortcut of a key press within the scopes asked", () => {
    expect(shortcutFor(press("e"), false, ["conversation"])?.id).toBe("conversation.archive");
    expect(shortcutFor(press("e"), false, ["global"])).toBeUndefined();
    expect(shortcutFor(press("k", { metaKey: true }), true, ["global", "conversation"])?.id).toBe("palette.open");
    expect(shortcutFor(press("k"), true, ["global", "conversation"])?.id).toBe("conversation.previous");
  });

  it("gives every registered combination to one shortcut only, within the keyboard-wide scopes", () => {
    const wide = shortcuts.filter((s) => ["global", "conversation", "inbox"].includes(s.scope) && !s.keys.includes("Enter") && !s.keys[0].startsWith("Arrow"));
    const seen = new Map<string, string>();
    for (const s of wide) {
      const combo = s.keys.join("+").toLowerCase() + (s.keys.some((k) => /^[A-Z]$/.test(k)) ? "(shift)" : "");
      expect(seen.get(combo), `${s.id} and ${seen.get(combo)}`).toBeUndefined();
      seen.set(combo, s.id);
    }
  });

  it("knows when someone is typing", () => {
    const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
    expect(isTyping(el("TEXTAREA"))).toBe(true);
    expect(isTyping(el("INPUT", { type: "text" }))).toBe(true);
    expect(isTyping(el("INPUT", { type: "checkbox" }))).toBe(false);
    expect(isTyping(el("DIV", { isContentEditable: true }))).toBe(true);
    expect(isTyping(el("BUTTON"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

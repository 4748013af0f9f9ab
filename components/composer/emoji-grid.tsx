"use client";

import { useId, useMemo, useRef, useState } from "react";
import emojiGroups from "unicode-emoji-json/data-by-group.json";
import { cn } from "@/lib/utils";

// Loaded on demand (emoji-picker.tsx imports this file dynamically): the data never weighs on the inbox.

type Emoji = { emoji: string; name: string };

const RECENT_KEY = "switchboard:recent-emoji";
const COLUMNS = 8;
/** Emoji newer than this do not draw on many phones and computers still in use: left out. */
const MAX_VERSION = 14;

const groups: { name: string; emojis: Emoji[] }[] = emojiGroups.map((g) => ({
  name: g.name,
  emojis: g.emojis.filter((e) => Number(e.emoji_version) <= MAX_VERSION).map((e) => ({ emoji: e.emoji, name: e.name })),
}));
const all = groups.flatMap((g) => g.emojis);

function readRecent(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? "[]") as unknown;
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string").slice(0, COLUMNS * 2) : [];
  } catch {
    return [];
  }
}

function remember(emoji: string) {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([emoji, ...readRecent().filter((e) => e !== emoji)].slice(0, COLUMNS * 2)));
  } catch {
    // Without storage there is just no "recently used".
  }
}

/**
 * The standard emoji set by category, with search by name and the recently used first. Arrow keys move
 * through the grid; Enter picks.
 */
export function EmojiGrid({ onPick }: { onPick: (emoji: string) => void }) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [recent] = useState(readRecent);
  const grid = useRef<HTMLDivElement>(null);
  const q = query.trim().toLowerCase();
  const sections = useMemo(() => {
    if (q) return [{ name: "Results", emojis: all.filter((e) => e.name.includes(q)).slice(0, 200) }];
    const recentEmojis = recent.map((emoji) => all.find((e) => e.emoji === emoji)).filter((e): e is Emoji => Boolean(e));
    return [...(recentEmojis.length ? [{ name: "Recently used", emojis: recentEmojis }] : []), ...groups];
  }, [q, recent]);

  const pick = (emoji: string) => {
    remember(emoji);
    onPick(emoji);
  };

  const move = (from: HTMLElement, step: number) => {
    const buttons = Array.from(grid.current?.querySelectorAll<HTMLButtonElement>("button[data-emoji]") ?? []);
    const index = buttons.indexOf(from as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, index + step))]?.focus();
  };

  return (
    <div className="grid gap-2">
      <input
        autoFocus
        type="search"
        aria-label="Find an emoji"
        placeholder="Find an emoji…"
        className="h-8 w-full rounded-md border border-input bg-transparent px-2.5 text-sm outline-hidden focus-visible:ring-[3px] focus-visible:ring-ring/50"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            grid.current?.querySelector<HTMLButtonElement>("button[data-emoji]")?.focus();
          } else if (e.key === "Enter") {
            e.preventDefault();
            const first = sections[0]?.emojis[0];
            if (first) pick(first.emoji);
          }
        }}
      />
      <div
        ref={grid}
        className="h-64 overflow-y-auto pr-1"
        onKeyDown={(e) => {
          const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
          const step = steps[e.key];
          if (step && e.target instanceof HTMLElement) {
            e.preventDefault();
            move(e.target, step);
          }
        }}
      >
        {sections.map((section) => (
          <section key={section.name} aria-labelledby={`${id}-${section.name}`}>
            <h3 id={`${id}-${section.name}`} className="sticky top-0 z-10 bg-popover py-1 text-[11px] font-medium text-muted-foreground">
              {section.name}
            </h3>
            {section.emojis.length === 0 ? (
              <p className="py-2 text-sm text-muted-foreground">No emoji is called that.</p>
            ) : (
              <div className="grid grid-cols-8">
                {section.emojis.map((e) => (
                  <button
                    key={`${section.name}-${e.emoji}`}
                    type="button"
                    data-emoji
                    title={e.name}
                    aria-label={e.name}
                    onClick={() => pick(e.emoji)}
                    className={cn("flex aspect-square items-center justify-center rounded text-xl outline-hidden hover:bg-accent focus-visible:bg-accent focus-visible:ring-2 focus-visible:ring-ring")}
                  >
                    {e.emoji}
                  </button>
                ))}
              </div>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

"use client";

import { useCallback, useSyncExternalStore } from "react";

const PREFIX = "switchboard:draft:";
/** Drafts nobody came back to for this long are dropped, so the browser's storage does not fill up. */
const KEEP_MS = 30 * 86_400_000;

type Stored = { text: string; at: number };

const listeners = new Set<() => void>();
const memory = new Map<string, string>();

function read(key: string): string {
  const known = memory.get(key);
  if (known !== undefined) return known;
  let text = "";
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? "null") as Stored | null;
    if (stored && typeof stored.text === "string") text = stored.text;
  } catch {
    // Storage off or a value not written by us: no draft.
  }
  memory.set(key, text);
  return text;
}

function write(key: string, text: string) {
  memory.set(key, text);
  try {
    if (text) localStorage.setItem(key, JSON.stringify({ text, at: Date.now() } satisfies Stored));
    else localStorage.removeItem(key);
  } catch {
    // Full or disabled storage: the draft still lives for this page.
  }
  for (const listener of listeners) listener();
}

let pruned = false;
function pruneOldDrafts() {
  if (pruned) return;
  pruned = true;
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const stored = JSON.parse(localStorage.getItem(key) ?? "null") as Stored | null;
      if (!stored || Date.now() - stored.at > KEEP_MS) localStorage.removeItem(key);
    }
  } catch {
    // Nothing to tidy when storage is unavailable.
  }
}

function subscribe(listener: () => void) {
  pruneOldDrafts();
  listeners.add(listener);
  // Another tab typing in the same conversation: follow it.
  const onStorage = (event: StorageEvent) => {
    if (event.key?.startsWith(PREFIX)) memory.delete(event.key);
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * The reply box's text, kept per user and conversation in the browser's storage: it survives switching
 * conversations and reloading the page, and is gone once the reply is sent (set to ""). The server's
 * render has no draft, so the saved one appears right after hydration.
 */
export function useDraft(userId: string, conversationId: string): [string, (text: string) => void] {
  const key = `${PREFIX}${userId}:${conversationId}`;
  const text = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => "",
  );
  const setText = useCallback((next: string) => write(key, next), [key]);
  return [text, setText];
}

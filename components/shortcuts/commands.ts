"use client";

import { useEffect, useEffectEvent, useSyncExternalStore } from "react";

/**
 * What each shortcut does right now. Components register the actions they offer (the conversation's
 * buttons, the reply box, the list) under the shortcut's id while they are mounted and the action is
 * allowed; the keyboard listener and the command palette run whatever is registered. The newest
 * registration of an id wins, so a dialog's action shadows the page's while it is open.
 */
/** Returns false when it cannot act now (e.g. its control is hidden), so an older registration may. */
type Entry = { run: () => boolean | void };

const registry = new Map<string, Entry[]>();
const listeners = new Set<() => void>();
let snapshot: string[] = [];

function changed() {
  snapshot = [...registry.entries()].filter(([, entries]) => entries.length > 0).map(([id]) => id);
  for (const listener of listeners) listener();
}

export function registerCommand(id: string, run: () => boolean | void): () => void {
  const entry: Entry = { run };
  registry.set(id, [...(registry.get(id) ?? []), entry]);
  changed();
  return () => {
    registry.set(
      id,
      (registry.get(id) ?? []).filter((e) => e !== entry),
    );
    changed();
  };
}

/** Runs the newest action registered for `id` that can act; false when nothing offers it now. */
export function runCommand(id: string): boolean {
  const entries = registry.get(id) ?? [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].run() !== false) return true;
  }
  return false;
}

/** Offers `run` under the shortcut `id` while mounted and `enabled`. `run` may change on every render. */
export function useCommand(id: string, run: () => boolean | void, enabled = true): void {
  const handler = useEffectEvent(run);
  useEffect(() => {
    if (!enabled) return;
    return registerCommand(id, () => handler());
  }, [id, enabled]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const none: string[] = [];

/** The ids of the actions offered right now (for the command palette). */
export function useAvailableCommands(): string[] {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => none,
  );
}

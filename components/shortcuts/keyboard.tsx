"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { runCommand, useCommand } from "@/components/shortcuts/commands";
import { isTyping, shortcutFor } from "@/components/shortcuts/keys";
import type { PaletteLink } from "@/components/palette/command-palette";

// Both load on first use: neither is part of the inbox's first load.
const CommandPalette = dynamic(() => import("@/components/palette/command-palette").then((m) => m.CommandPalette));
const ShortcutsDialog = dynamic(() => import("@/components/shortcuts/shortcuts-dialog").then((m) => m.ShortcutsDialog));

const scopes = ["global", "conversation", "inbox"] as const;

function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** Opens the conversation after (or before) the selected one in the list, keeping the list's filters. */
function stepConversation(step: 1 | -1) {
  const rows = Array.from(document.querySelectorAll<HTMLAnchorElement>("a[data-row]"));
  if (!rows.length) return;
  const current = rows.findIndex((a) => a.getAttribute("aria-current") === "true");
  const next = rows[current < 0 ? (step === 1 ? 0 : rows.length - 1) : current + step];
  if (!next) return;
  next.focus();
  next.click();
}

/**
 * The workspace's keyboard: one listener that reads key presses against the shortcut registry and runs
 * what the page offers for them (see commands.ts), plus the shortcuts that are always there: the
 * command palette, the `?` overlay, search, start a conversation, the four views, next/previous
 * conversation. Single keys never fire while typing in a field; Esc leaves the reply box first.
 */
export function WorkspaceKeyboard({ links, canWork, canStart }: { links: PaletteLink[]; canWork: boolean; canStart: boolean }) {
  const router = useRouter();
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);
  const inbox = links.some((l) => l.href === "/inbox");

  useCommand("palette.open", () => setPalette((open) => !open));
  useCommand("shortcuts.help", () => setHelp(true));
  useCommand("go.search", () => router.push("/search"), inbox);
  useCommand("go.start", () => router.push("/inbox/start"), canStart);
  useCommand("view.new", () => router.push("/inbox/new"), inbox);
  useCommand("view.mine", () => router.push("/inbox/mine"), inbox && canWork);
  useCommand("view.assigned", () => router.push("/inbox/assigned"), inbox);
  useCommand("view.all", () => router.push("/inbox/all"), inbox);
  useCommand("conversation.next", () => stepConversation(1), inbox);
  useCommand("conversation.previous", () => stepConversation(-1), inbox);

  useEffect(() => {
    const mac = isMac();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutFor(event, mac, scopes);
      if (!shortcut) return;
      if (isTyping(event.target) && !shortcut.inInputs) return;
      // An open dialog or menu has the keyboard: only the palette's own shortcut reaches past it.
      const layer = document.querySelector('[role="dialog"][data-state="open"], [role="menu"][data-state="open"], [role="alertdialog"][data-state="open"]');
      if (layer && shortcut.id !== "palette.open") return;
      if (runCommand(shortcut.id)) event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <>
      {palette && <CommandPalette open={palette} onOpenChange={setPalette} links={links} onShowShortcuts={() => setHelp(true)} />}
      {help && <ShortcutsDialog open={help} onOpenChange={setHelp} />}
    </>
  );
}

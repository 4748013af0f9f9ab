"use client";

import { Command } from "cmdk";
import { ArrowRightIcon, HashIcon, KeyboardIcon, SearchIcon, ZapIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { runCommand, useAvailableCommands } from "@/components/shortcuts/commands";
import { shortcutById } from "@/components/shortcuts/keys";
import { ShortcutKeys } from "@/components/shortcuts/shortcut-keys";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";

/** A page the palette can open (the app's navigation plus a few more). */
export type PaletteLink = { href: string; label: string };

const goTo = new Set(["go.search", "go.start", "view.new", "view.mine", "view.assigned", "view.all"]);
const hidden = new Set(["palette.open"]);

const itemClass =
  "flex cursor-default items-center gap-2 rounded-md px-2 py-2 text-sm outline-hidden select-none data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground";
const groupClass = "[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground";

/**
 * Ctrl/⌘ K: every action the page offers right now (the same ones the shortcuts run) and every page, found
 * by typing; a number opens that conversation, and any text can be searched for.
 */
export function CommandPalette({
  open,
  onOpenChange,
  links,
  onShowShortcuts,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  links: PaletteLink[];
  onShowShortcuts: () => void;
}) {
  const router = useRouter();
  const available = useAvailableCommands();
  const [query, setQuery] = useState("");
  const number = /^#?\s*(\d{1,12})$/.exec(query.trim())?.[1];

  // Close first, then act, so focus goes back to the page before the action moves it on.
  const choose = (act: () => void) => {
    onOpenChange(false);
    setTimeout(act, 0);
  };
  const actions = available.filter((id) => !goTo.has(id) && !hidden.has(id) && id !== "shortcuts.help" && shortcutById(id));
  const pages = available.filter((id) => goTo.has(id));

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="top-[15%] translate-y-0 gap-0 overflow-hidden p-0 sm:max-w-xl" showCloseButton={false}>
        <DialogTitle className="sr-only">Command palette</DialogTitle>
        <DialogDescription className="sr-only">Type to find an action or a page; Enter runs it.</DialogDescription>
        <Command label="Command palette" loop className="flex max-h-[70dvh] flex-col">
          <div className="flex items-center gap-2 border-b px-3">
            <SearchIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder="Type an action, a page or a conversation number…"
              className="h-12 w-full bg-transparent text-sm outline-hidden placeholder:text-muted-foreground"
            />
          </div>
          <Command.List className="min-h-0 overflow-y-auto p-2">
            <Command.Empty className="px-2 py-6 text-center text-sm text-muted-foreground">Nothing matches. Enter searches the conversations.</Command.Empty>
            {number && (
              <Command.Group heading="Conversation" className={groupClass}>
                <Command.Item value={`open conversation ${number}`} className={itemClass} onSelect={() => choose(() => router.push(`/inbox/all/${number}`))}>
                  <HashIcon aria-hidden="true" />
                  Open conversation #{number}
                </Command.Item>
              </Command.Group>
            )}
            {actions.length > 0 && (
              <Command.Group heading="Actions" className={groupClass}>
                {actions.map((id) => (
                  <Command.Item key={id} value={shortcutById(id)!.description} className={itemClass} onSelect={() => choose(() => runCommand(id))}>
                    <ZapIcon aria-hidden="true" />
                    {shortcutById(id)!.description}
                    <ShortcutKeys id={id} />
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            <Command.Group heading="Go to" className={groupClass}>
              {pages.map((id) => (
                <Command.Item key={id} value={shortcutById(id)!.description} className={itemClass} onSelect={() => choose(() => runCommand(id))}>
                  <ArrowRightIcon aria-hidden="true" />
                  {shortcutById(id)!.description}
                  <ShortcutKeys id={id} />
                </Command.Item>
              ))}
              {links.map((link) => (
                <Command.Item key={link.href} value={`Go to ${link.label}`} className={itemClass} onSelect={() => choose(() => router.push(link.href))}>
                  <ArrowRightIcon aria-hidden="true" />
                  Go to {link.label}
                </Command.Item>
              ))}
              <Command.Item value="Keyboard shortcuts help overlay" className={itemClass} onSelect={() => choose(onShowShortcuts)}>
                <KeyboardIcon aria-hidden="true" />
                Show the keyboard shortcuts
                <ShortcutKeys id="shortcuts.help" />
              </Command.Item>
            </Command.Group>
            {query.trim() && (
              <Command.Group heading="Search" className={groupClass} forceMount>
                <Command.Item
                  value={`search conversations for ${query}`}
                  forceMount
                  className={itemClass}
                  onSelect={() => choose(() => router.push(`/search?q=${encodeURIComponent(query.trim())}`))}
                >
                  <SearchIcon aria-hidden="true" />
                  Search conversations for “{query.trim()}”
                </Command.Item>
              </Command.Group>
            )}
          </Command.List>
        </Command>
      </DialogContent>
    </Dialog>
  );
}

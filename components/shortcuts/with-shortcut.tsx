"use client";

import { useRef } from "react";
import { useCommand } from "@/components/shortcuts/commands";
import { isTyping, shortcutById } from "@/components/shortcuts/keys";
import { ariaKeyShortcuts, ShortcutKeys } from "@/components/shortcuts/shortcut-keys";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { Slot } from "radix-ui";

/**
 * Puts a control's keyboard shortcut where people look for it: a tooltip with the keys beside the action's
 * name, and `aria-keyshortcuts` for screen readers. With `run`, the shortcut (and the command palette)
 * works the control while it is on the page: a button is clicked, a text field focused; a hidden one
 * (the details panel on a phone) leaves the shortcut to another.
 */
export function WithShortcut({
  id,
  label,
  run = false,
  tooltip = true,
  children,
}: {
  id: string;
  label?: string;
  run?: boolean;
  tooltip?: boolean;
  children: React.ReactElement;
}) {
  const shortcut = shortcutById(id);
  const ref = useRef<HTMLButtonElement>(null);
  useCommand(
    id,
    () => {
      const element = ref.current;
      if (!element || !element.isConnected || element.getClientRects().length === 0) return false;
      if (isTyping(element)) element.focus();
      else element.click();
    },
    run && Boolean(shortcut),
  );
  if (!shortcut) return children;
  if (!tooltip) {
    return (
      <Slot.Root ref={ref as React.Ref<HTMLElement>} aria-keyshortcuts={ariaKeyShortcuts(id)}>
        {children}
      </Slot.Root>
    );
  }
  return (
    <Tooltip>
      <TooltipTrigger asChild ref={ref} aria-keyshortcuts={ariaKeyShortcuts(id)}>
        {children}
      </TooltipTrigger>
      <TooltipContent className="flex items-center gap-2">
        <span>{label ?? shortcut.description}</span>
        <ShortcutKeys id={id} />
      </TooltipContent>
    </Tooltip>
  );
}

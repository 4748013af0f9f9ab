"use client";

import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { useCallback, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

/**
 * Up/down buttons for an ordered list: keyboard- and screen-reader-friendly where drag and drop is not.
 * `label` names the item ("!returns", "reply 3") so each button has its own accessible name.
 */
export function MoveButtons({
  label,
  index,
  count,
  disabled,
  onMove,
}: {
  label: string;
  index: number;
  count: number;
  disabled?: boolean;
  onMove: (delta: -1 | 1, target: HTMLElement) => void;
}) {
  return (
    <div className="flex shrink-0">
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={`Move ${label} up`}
        data-move="up"
        disabled={disabled || index === 0}
        onClick={(e) => onMove(-1, e.currentTarget)}
      >
        <ArrowUpIcon />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label={`Move ${label} down`}
        data-move="down"
        disabled={disabled || index === count - 1}
        onClick={(e) => onMove(1, e.currentTarget)}
      >
        <ArrowDownIcon />
      </Button>
    </div>
  );
}

/**
 * An ordered list the user can rearrange: the new order shows at once and is saved in the background,
 * one save at a time with the latest order (quick repeated moves are never dropped); a refused save
 * (someone changed the list meanwhile) puts the server's order back. The moved item keeps keyboard focus,
 * so moving it several places is a matter of pressing the same button again.
 */
export function useReorder<T extends { id: string }>(items: T[], save: (ids: string[]) => Promise<ActionResult<unknown>>, onSaved: () => void) {
  const [local, setLocal] = useState<T[] | null>(null);
  const [seen, setSeen] = useState(items);
  if (items !== seen) {
    setSeen(items);
    setLocal(null);
  }
  const pending = useRef<string[] | null>(null);
  const saving = useRef(false);
  const list = local ?? items;

  const flush = useCallback(async () => {
    if (saving.current) return;
    saving.current = true;
    while (pending.current) {
      const ids = pending.current;
      pending.current = null;
      const result = await save(ids);
      if (!result.ok) {
        toast.error(result.error);
        pending.current = null;
        setLocal(null);
      }
    }
    saving.current = false;
    onSaved();
  }, [save, onSaved]);

  const move = useCallback(
    (id: string, delta: -1 | 1, button: HTMLElement) => {
      const from = list.findIndex((i) => i.id === id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= list.length) return;
      const next = [...list];
      [next[from], next[to]] = [next[to], next[from]];
      setLocal(next);
      const row = button.closest("[data-reorder-item]");
      const which = button.dataset.move;
      // React moves DOM nodes to reorder them, which can drop focus: put it back on the same button
      // (or its neighbour, once the item reached the end and that button is disabled).
      requestAnimationFrame(() => {
        const again = row?.querySelector<HTMLButtonElement>(`[data-move="${which}"]`);
        (again && !again.disabled ? again : row?.querySelector<HTMLButtonElement>("[data-move]:not(:disabled)"))?.focus();
      });
      pending.current = next.map((i) => i.id);
      void flush();
    },
    [list, flush],
  );

  return { list, move };
}

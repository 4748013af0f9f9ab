"use client";

import { ChevronLeftIcon, ChevronRightIcon, ZapIcon } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { firstNine, matchReplies } from "@/components/composer/quick-reply-logic";
import { loadQuickReplies, type QuickReplyData } from "@/components/composer/quick-replies-data";
import { ReplyOption } from "@/components/composer/reply-option";
import { WithShortcut } from "@/components/shortcuts/with-shortcut";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Spinner } from "@/components/ui/spinner";
import type { QuickReply, QuickReplyGroup } from "@/lib/quick-replies/quick-replies";
import { cn } from "@/lib/utils";

type Item = { kind: "group"; group: QuickReplyGroup } | { kind: "reply"; reply: QuickReply; groupName?: string };

function itemsFor(data: QuickReplyData, query: string, groupId: string | null): Item[] {
  const q = query.trim().toLowerCase();
  if (q) {
    const groups = data.groups.filter((g) => g.name.toLowerCase().includes(q)).map((group): Item => ({ kind: "group", group }));
    const replies = data.groups.flatMap((g) => matchReplies(g.replies, q).map((reply): Item => ({ kind: "reply", reply, groupName: g.name })));
    return [...groups, ...replies];
  }
  const open = data.groups.find((g) => g.id === groupId);
  if (open) return open.replies.map((reply) => ({ kind: "reply", reply }));
  return data.groups.map((group) => ({ kind: "group", group }));
}

/**
 * The lightning button: the quick replies by group, found by typing, chosen with ↑ ↓ (or Tab), Enter and
 * the mouse; → opens a group, ← goes back. Replies can also be dragged: into the reply box to edit, onto the
 * thread to send at once.
 */
export function QuickReplyPicker({
  conversationId,
  open,
  onOpenChange,
  onInsert,
  onClosed,
}: {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onInsert: (body: string) => void;
  /** Where the focus goes after the picker closes (the reply box, not the button). */
  onClosed: () => void;
}) {
  const id = useId();
  const [data, setData] = useState<QuickReplyData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [groupId, setGroupId] = useState<string | null>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    if (!open || data) return;
    let live = true;
    void loadQuickReplies(conversationId).then((result) => {
      if (!live) return;
      if ("error" in result) setError(result.error);
      else setData(result);
    });
    return () => {
      live = false;
    };
  }, [open, data, conversationId]);

  const items = data ? itemsFor(data, query, groupId) : [];
  const nine = data ? firstNine(data.groups).map((r) => r.id) : [];
  const openGroup = data?.groups.find((g) => g.id === groupId) ?? null;
  const current = Math.min(active, Math.max(0, items.length - 1));

  const choose = (item: Item | undefined) => {
    if (!item) return;
    if (item.kind === "group") {
      setGroupId(item.group.id);
      setQuery("");
      setActive(0);
      return;
    }
    onInsert(item.reply.body);
    onOpenChange(false);
  };
  const back = () => {
    setGroupId(null);
    setActive(0);
  };

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) {
          setQuery("");
          setGroupId(null);
          setActive(0);
        }
      }}
    >
      <WithShortcut id="conversation.quickReplies" label="Quick replies">
        <PopoverTrigger asChild>
          <Button variant="ghost" size="icon" aria-label="Quick replies">
            <ZapIcon />
          </Button>
        </PopoverTrigger>
      </WithShortcut>
      <PopoverContent
        align="start"
        side="top"
        className="w-[min(28rem,calc(100vw-1.5rem))] p-2"
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          onClosed();
        }}
      >
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-activedescendant={items.length ? `${id}-${current}` : undefined}
          aria-label="Find a quick reply"
          placeholder={openGroup ? `Search in !${openGroup.name}…` : "Type to find a quick reply…"}
          className="h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm outline-hidden focus-visible:ring-[3px] focus-visible:ring-ring/50"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            const step = e.key === "ArrowDown" || (e.key === "Tab" && !e.shiftKey) ? 1 : e.key === "ArrowUp" || (e.key === "Tab" && e.shiftKey) ? -1 : 0;
            if (step && items.length) {
              e.preventDefault();
              setActive((current + step + items.length) % items.length);
            } else if (e.key === "Enter") {
              e.preventDefault();
              choose(items[current]);
            } else if (e.key === "ArrowRight" && items[current]?.kind === "group" && !query) {
              e.preventDefault();
              choose(items[current]);
            } else if ((e.key === "ArrowLeft" || e.key === "Backspace") && !query && groupId) {
              e.preventDefault();
              back();
            }
          }}
        />
        {openGroup && !query && (
          <button type="button" onClick={back} className="mt-1 flex items-center gap-1 rounded px-1 text-xs text-muted-foreground hover:text-foreground">
            <ChevronLeftIcon className="size-3.5" aria-hidden="true" /> All groups · !{openGroup.name}
          </button>
        )}
        {!data && !error && (
          <div className="flex justify-center p-4">
            <Spinner label="Loading quick replies" />
          </div>
        )}
        {error && (
          <p className="p-3 text-sm text-destructive" role="alert">
            {error}
          </p>
        )}
        {data && (
          <ul id={`${id}-list`} role="listbox" aria-label="Quick replies" className="mt-1 grid max-h-72 gap-0.5 overflow-y-auto">
            {items.length === 0 && (
              <li className="p-3 text-sm text-muted-foreground">
                {data.groups.length === 0 ? "No quick replies yet. An administrator adds them in Settings → Quick replies." : "No quick reply matches."}
              </li>
            )}
            {items.map((item, i) =>
              item.kind === "group" ? (
                <li
                  key={`g-${item.group.id}`}
                  id={`${id}-${i}`}
                  role="option"
                  aria-selected={i === current}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(item)}
                  onMouseMove={() => setActive(i)}
                  className={cn("flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm", i === current && "bg-accent text-accent-foreground")}
                >
                  <span className="font-medium">!{item.group.name}</span>
                  <span className="text-xs text-muted-foreground">
                    {item.group.replies.length} repl{item.group.replies.length === 1 ? "y" : "ies"}
                  </span>
                  <ChevronRightIcon className="ml-auto size-4 text-muted-foreground" aria-hidden="true" />
                </li>
              ) : (
                <ReplyOption
                  key={`r-${item.reply.id}`}
                  id={`${id}-${i}`}
                  body={item.reply.body}
                  values={data.values}
                  groupName={item.groupName}
                  active={i === current}
                  shortcut={nine.includes(item.reply.id) ? nine.indexOf(item.reply.id) + 1 : undefined}
                  onChoose={() => choose(item)}
                  onHover={() => setActive(i)}
                />
              ),
            )}
          </ul>
        )}
        <p className="mt-2 border-t px-1 pt-2 text-[11px] text-muted-foreground">
          ↑ ↓ or Tab to move · Enter to insert · drag onto the thread to send at once · type ! and a group name in the reply box
        </p>
      </PopoverContent>
    </Popover>
  );
}

"use client";

import { AlertTriangleIcon } from "lucide-react";
import { useEffect, useEffectEvent, useId, useState } from "react";
import { toast } from "sonner";
import { QuickReplyPicker } from "@/components/composer/quick-reply-picker";
import {
  bangAt,
  firstNine,
  markUnfilled,
  matchReplies,
  quickReplyDigit,
  replaceRange,
  resolveBang,
  unfilledPlaceholders,
} from "@/components/composer/quick-reply-logic";
import { loadQuickReplies, type QuickReplyData } from "@/components/composer/quick-replies-data";
import { ReplyOption } from "@/components/composer/reply-option";
import { useCommand } from "@/components/shortcuts/commands";
import { isTyping } from "@/components/shortcuts/keys";
import { fill } from "@/lib/quick-replies/placeholders";
import type { QuickReply, QuickReplyGroup } from "@/lib/quick-replies/quick-replies";
import { cn } from "@/lib/utils";

type BangItem = { kind: "group"; group: QuickReplyGroup } | { kind: "reply"; reply: QuickReply };

/**
 * Quick replies in the reply box: the lightning picker, `!group` typed in the text (a list above the box,
 * driven from the keyboard without leaving it), Ctrl+1…9, and the rule that a reply with a placeholder the
 * conversation cannot fill holds Send back until the agent edits it (the placeholder is selected right
 * after inserting, so typing replaces it). Also offers the conversation shortcuts R (write a reply) and Q
 * (quick replies), and Esc to leave the box.
 */
export function useQuickReplies({
  conversationId,
  text,
  setText,
  textarea,
  enabled,
}: {
  conversationId: string;
  text: string;
  setText: (text: string) => void;
  textarea: React.RefObject<HTMLTextAreaElement | null>;
  enabled: boolean;
}) {
  const id = useId();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [data, setData] = useState<QuickReplyData | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [closedBang, setClosedBang] = useState<number | null>(null);
  const missing = unfilledPlaceholders(text);

  const ensureData = async (): Promise<QuickReplyData | null> => {
    if (data) return data;
    const result = await loadQuickReplies(conversationId);
    if ("error" in result) {
      toast.error(result.error);
      return null;
    }
    setData(result);
    return result;
  };

  /** Puts a reply in the box (over `range`, else over the selection), then selects its first unfilled placeholder. */
  const insert = (body: string, values: QuickReplyData["values"], range?: { start: number; end: number }) => {
    const node = textarea.current;
    const start = range?.start ?? node?.selectionStart ?? text.length;
    const end = range?.end ?? node?.selectionEnd ?? text.length;
    const filled = fill(body, values).text;
    const next = replaceRange(text, start, end, filled);
    setText(next.text);
    const hole = /\{\{[^{}]*\}\}/.exec(filled);
    requestAnimationFrame(() => {
      if (!node) return;
      node.focus();
      if (hole) node.setSelectionRange(start + hole.index, start + hole.index + hole[0].length);
      else node.setSelectionRange(next.caret, next.caret);
      setCaret(node.selectionStart);
    });
  };

  // The `!group` list belongs to the box: it goes when the focus leaves it (its options keep the focus).
  useEffect(() => {
    const node = textarea.current;
    if (!node || !enabled) return;
    const onBlur = () => setCaret(null);
    node.addEventListener("blur", onBlur);
    return () => node.removeEventListener("blur", onBlur);
  }, [textarea, enabled]);

  // `!group` being typed at the caret, unless the agent closed this one with Esc.
  const bang = caret !== null ? bangAt(text, caret) : null;
  const bangOpen = Boolean(enabled && bang && bang.start !== closedBang);
  const resolved = bangOpen && data && bang ? resolveBang(data.groups, bang.typed) : null;
  const bangItems: BangItem[] = resolved
    ? resolved.group
      ? matchReplies(resolved.group.replies, resolved.filter).map((reply) => ({ kind: "reply", reply }))
      : resolved.groups.map((group) => ({ kind: "group", group }))
    : [];
  const current = Math.min(active, Math.max(0, bangItems.length - 1));

  const chooseBang = (item: BangItem | undefined) => {
    if (!item || !bang || !data) return;
    if (item.kind === "group") {
      const next = replaceRange(text, bang.start, bang.end, `!${item.group.name} `);
      setText(next.text);
      setActive(0);
      requestAnimationFrame(() => {
        textarea.current?.setSelectionRange(next.caret, next.caret);
        setCaret(next.caret);
      });
      return;
    }
    insert(item.reply.body, data.values, { start: bang.start, end: bang.end });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (bangOpen && bangItems.length) {
      const step = event.key === "ArrowDown" || (event.key === "Tab" && !event.shiftKey) ? 1 : event.key === "ArrowUp" || (event.key === "Tab" && event.shiftKey) ? -1 : 0;
      if (step) {
        event.preventDefault();
        setActive((current + step + bangItems.length) % bangItems.length);
        return true;
      }
      if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
        event.preventDefault();
        chooseBang(bangItems[current]);
        return true;
      }
    }
    if (event.key === "Escape") {
      event.preventDefault();
      if (bangOpen && bang) setClosedBang(bang.start);
      else event.currentTarget.blur();
      return true;
    }
    return false;
  };

  // Ctrl+1…9 anywhere in the conversation except another text field.
  const onDigit = useEffectEvent((event: KeyboardEvent) => {
    const digit = quickReplyDigit(event);
    if (!digit || !enabled) return;
    if (isTyping(event.target) && event.target !== textarea.current) return;
    event.preventDefault();
    void ensureData().then((loaded) => {
      const reply = loaded ? firstNine(loaded.groups)[digit - 1] : undefined;
      if (!loaded) return;
      if (!reply) toast.info(`There is no quick reply number ${digit}.`);
      else insert(reply.body, loaded.values);
    });
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onDigit(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  useCommand("conversation.reply", () => textarea.current?.focus(), enabled);
  useCommand("conversation.quickReplies", () => setPickerOpen(true), enabled);

  const button = (
    <QuickReplyPicker
      conversationId={conversationId}
      open={pickerOpen}
      onOpenChange={(open) => {
        setPickerOpen(open);
        if (open) void ensureData();
      }}
      onInsert={(body) => {
        void ensureData().then((loaded) => loaded && insert(body, loaded.values));
      }}
      onClosed={() => textarea.current?.focus()}
    />
  );

  const menu = bangOpen ? (
    <div className="absolute right-0 bottom-1 left-0 z-20 rounded-md border bg-popover p-1 text-popover-foreground shadow-md">
      {!data ? (
        <p className="px-2 py-1.5 text-sm text-muted-foreground">Loading quick replies…</p>
      ) : bangItems.length === 0 ? (
        <p className="px-2 py-1.5 text-sm text-muted-foreground">
          {resolved?.group ? `No reply in !${resolved.group.name} has “${resolved.filter}”.` : "No quick-reply group starts with that. Esc closes this list."}
        </p>
      ) : (
        <>
          <p className="px-2 pt-1 pb-0.5 text-[11px] text-muted-foreground" id={`${id}-hint`}>
            {resolved?.group ? `!${resolved.group.name}: ↑ ↓ choose · Enter inserts · Esc closes` : "Quick-reply groups: ↑ ↓ choose · Enter opens"}
          </p>
          <ul role="listbox" id={`${id}-bang`} aria-label="Quick replies" className="grid max-h-60 gap-0.5 overflow-y-auto">
            {bangItems.map((item, i) =>
              item.kind === "group" ? (
                <li
                  key={item.group.id}
                  id={`${id}-b${i}`}
                  role="option"
                  aria-selected={i === current}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => chooseBang(item)}
                  onMouseMove={() => setActive(i)}
                  className={cn("cursor-pointer rounded-md px-2 py-1.5 text-sm font-medium", i === current && "bg-accent text-accent-foreground")}
                >
                  !{item.group.name}
                  <span className="ml-2 text-xs font-normal text-muted-foreground">{item.group.replies.length} replies</span>
                </li>
              ) : (
                <ReplyOption
                  key={item.reply.id}
                  id={`${id}-b${i}`}
                  body={item.reply.body}
                  values={data.values}
                  active={i === current}
                  onChoose={() => chooseBang(item)}
                  onHover={() => setActive(i)}
                />
              ),
            )}
          </ul>
        </>
      )}
    </div>
  ) : null;

  const warning = missing.length ? (
    <div role="alert" className="grid gap-1 rounded-md border border-destructive/40 bg-destructive/5 p-2.5 text-sm">
      <p className="flex items-center gap-1.5 font-medium text-destructive">
        <AlertTriangleIcon className="size-4 shrink-0" aria-hidden="true" />
        Fill in {missing.map((m) => `{{${m}}}`).join(", ")} before sending: this conversation does not know {missing.length === 1 ? "it" : "them"}.
      </p>
      <p className="line-clamp-4 break-words whitespace-pre-wrap text-muted-foreground">
        {markUnfilled(text).map((part, i) =>
          part.missing ? (
            <mark key={i} className="rounded-sm bg-destructive/15 px-0.5 font-medium text-destructive">
              {part.text}
            </mark>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
    </div>
  ) : null;

  /** For the textarea: where the caret is, so a `!group` before it can be found. */
  const trackCaret = (node: HTMLTextAreaElement) => {
    setCaret(node.selectionStart === node.selectionEnd ? node.selectionStart : null);
    const typing = bangAt(node.value, node.selectionStart);
    if (typing && enabled) void ensureData();
    if (closedBang !== null && !typing) setClosedBang(null);
  };

  const comboboxProps = bangOpen
    ? ({
        role: "combobox",
        "aria-expanded": true,
        "aria-controls": `${id}-bang`,
        "aria-activedescendant": bangItems.length ? `${id}-b${current}` : undefined,
        "aria-autocomplete": "list",
      } as const)
    : {};

  return { missing, onKeyDown, trackCaret, button, menu, warning, comboboxProps };
}

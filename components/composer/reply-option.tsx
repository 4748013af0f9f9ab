"use client";

import { markUnfilled } from "@/components/composer/quick-reply-logic";
import { fill, type PlaceholderValues } from "@/lib/quick-replies/placeholders";
import { cn } from "@/lib/utils";

/** The drag-and-drop type of a quick reply: dropped on the thread it is sent at once (quick-reply-drop.tsx). */
export const QUICK_REPLY_MIME = "application/x-switchboard-quick-reply";
export type DraggedReply = { text: string; missing: string[] };

/** A reply as it would be inserted, placeholders filled, the ones that cannot be marked in red. */
export function FilledText({ body, values, className }: { body: string; values: PlaceholderValues; className?: string }) {
  return (
    <span className={cn("break-words whitespace-pre-wrap", className)}>
      {markUnfilled(fill(body, values).text).map((part, i) =>
        part.missing ? (
          <mark key={i} className="rounded-sm bg-destructive/15 px-0.5 text-destructive">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

/**
 * One option of the quick-reply lists. Draggable: into the reply box it lands as text to edit, onto the
 * thread it is sent as it is.
 */
export function ReplyOption({
  id,
  body,
  values,
  groupName,
  active,
  shortcut,
  onChoose,
  onHover,
}: {
  id: string;
  body: string;
  values: PlaceholderValues;
  groupName?: string;
  active: boolean;
  shortcut?: number;
  onChoose: () => void;
  onHover: () => void;
}) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      draggable
      onDragStart={(e) => {
        const filled = fill(body, values);
        e.dataTransfer.setData("text/plain", filled.text);
        e.dataTransfer.setData(QUICK_REPLY_MIME, JSON.stringify({ text: filled.text, missing: filled.missing } satisfies DraggedReply));
        e.dataTransfer.effectAllowed = "copy";
      }}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
      onMouseMove={onHover}
      className={cn("flex cursor-pointer gap-2 rounded-md px-2 py-1.5 text-sm", active && "bg-accent text-accent-foreground")}
    >
      <span className="line-clamp-3 min-w-0 flex-1">
        {groupName && <span className="mr-1 text-xs font-medium text-muted-foreground">!{groupName}</span>}
        <FilledText body={body} values={values} />
      </span>
      {shortcut && (
        <kbd className="h-5 shrink-0 rounded-sm border bg-muted px-1 text-[11px] text-muted-foreground" aria-label={`Control ${shortcut}`}>
          Ctrl {shortcut}
        </kbd>
      )}
    </li>
  );
}

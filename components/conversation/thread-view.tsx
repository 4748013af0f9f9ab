"use client";

import { AlertCircleIcon, CheckCheckIcon, CheckIcon, ClockIcon, RotateCwIcon } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { earlierMessagesAction, retryAction } from "@/app/(app)/inbox/actions";
import { EmailBody } from "@/components/conversation/email-body";
import { MessageContent } from "@/components/conversation/message-content";
import type { Extras, PendingMessage, Thread, ThreadMessage } from "@/components/conversation/types";
import { useMessageFocus } from "@/components/search/use-message-focus";
import { Button } from "@/components/ui/button";
import { describeEvent } from "@/lib/conversations/event-text";
import { outboundSender } from "@/lib/conversations/message-words";
import { formatDay, formatTime, sameDay } from "@/lib/format";
import { cn } from "@/lib/utils";

type Item =
  | { kind: "day"; key: string; at: Date }
  | { kind: "message"; key: string; at: Date; message: ThreadMessage }
  | { kind: "event"; key: string; at: Date; text: string };

const statusText = { received: "", queued: "Sending", sent: "Sent", delivered: "Delivered", read: "Read", failed: "Not delivered" } as const;

function DeliveryStatus({ message }: { message: ThreadMessage }) {
  const label = statusText[message.status];
  const icon =
    message.status === "queued" ? (
      <ClockIcon className="size-3.5" />
    ) : message.status === "sent" ? (
      <CheckIcon className="size-3.5" />
    ) : message.status === "delivered" ? (
      <CheckCheckIcon className="size-3.5" />
    ) : message.status === "read" ? (
      <CheckCheckIcon className="size-3.5 text-sky-300 dark:text-sky-400" />
    ) : message.status === "failed" ? (
      <AlertCircleIcon className="size-3.5" />
    ) : null;
  if (!icon) return null;
  return (
    <span className="inline-flex items-center" title={label}>
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}

/**
 * The whole thread: messages in and out, day separators, and a quiet line for every conversation event.
 * Stays pinned to the newest message unless the reader scrolled up.
 */
export function ThreadView({
  conversationId,
  thread,
  events,
  userNames,
  pending,
  timeZone,
  canRetry,
  onChanged,
}: {
  conversationId: string;
  thread: Thread;
  events: Extras["events"];
  userNames: Record<string, string>;
  pending: PendingMessage[];
  timeZone: string;
  canRetry: boolean;
  onChanged: () => void;
}) {
  const [earlier, setEarlier] = useState<ThreadMessage[]>([]);
  const [hasEarlier, setHasEarlier] = useState(thread.hasEarlier);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  const messages = useMemo(() => {
    const seen = new Set(thread.messages.map((m) => m.id));
    return [...earlier.filter((m) => !seen.has(m.id)), ...thread.messages];
  }, [earlier, thread.messages]);

  const items = useMemo(() => {
    const oldest = messages[0]?.createdAt;
    const timeline: Item[] = [
      ...messages.map((m): Item => ({ kind: "message", key: m.id, at: m.createdAt, message: m })),
      ...events
        .filter((e) => !hasEarlier || !oldest || e.createdAt >= oldest)
        .filter((e) => e.type !== "created")
        .map((e): Item => ({ kind: "event", key: `e${e.id}`, at: e.createdAt, text: describeEvent(e, userNames) })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    const withDays: Item[] = [];
    for (const item of timeline) {
      const previous = withDays[withDays.length - 1];
      if (!previous || !sameDay(previous.at, item.at, timeZone)) withDays.push({ kind: "day", key: `d${item.key}`, at: item.at });
      withDays.push(item);
    }
    return withDays;
  }, [messages, events, hasEarlier, userNames, timeZone]);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (node && pinned.current) node.scrollTop = node.scrollHeight;
  }, [items, pending]);

  useEffect(() => {
    pinned.current = true;
  }, [conversationId]);

  // Opened from search (?message=<id>): load back to that message if needed and show it, marked.
  const showEarlier = useCallback((older: ThreadMessage[], more: boolean) => {
    pinned.current = false;
    setEarlier((e) => [...older, ...e]);
    setHasEarlier(more);
  }, []);
  const unpin = useCallback(() => {
    pinned.current = false;
  }, []);
  const focused = useMessageFocus({ conversationId, messages, hasEarlier, onEarlier: showEarlier, onFocused: unpin });

  async function loadEarlier() {
    const oldest = messages[0];
    if (!oldest) return;
    setLoadingEarlier(true);
    const node = scroller.current;
    const before = node?.scrollHeight ?? 0;
    const result = await earlierMessagesAction({ conversationId, before: oldest.createdAt });
    setLoadingEarlier(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    pinned.current = false;
    setEarlier((e) => [...result.data.messages, ...e]);
    setHasEarlier(result.data.hasEarlier);
    // Keep the reader's place: the content grew above them.
    requestAnimationFrame(() => {
      if (node) node.scrollTop += node.scrollHeight - before;
    });
  }

  async function retry(messageId: string) {
    const result = await retryAction({ messageId });
    if (!result.ok) toast.error(result.error);
    else if (result.data.status === "failed") toast.error(result.data.error ?? "Still not delivered.");
    else toast.success("Sent");
    onChanged();
  }

  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const node = e.currentTarget;
        pinned.current = node.scrollHeight - node.scrollTop - node.clientHeight < 80;
      }}
      className="min-h-0 flex-1 overflow-y-auto bg-muted/30 px-3 py-4 md:px-6"
    >
      <ol className="mx-auto grid max-w-3xl gap-2" aria-label="Messages">
        {hasEarlier && (
          <li className="flex justify-center">
            <Button variant="ghost" size="sm" disabled={loadingEarlier} onClick={() => void loadEarlier()}>
              {loadingEarlier ? "Loading…" : "Load earlier messages"}
            </Button>
          </li>
        )}
        {items.map((item) => {
          if (item.kind === "day") {
            return (
              <li key={item.key} className="my-2 flex justify-center">
                <span className="rounded-full bg-background px-3 py-0.5 text-xs text-muted-foreground shadow-xs" suppressHydrationWarning>
                  {formatDay(item.at, timeZone)}
                </span>
              </li>
            );
          }
          if (item.kind === "event") {
            return (
              <li key={item.key} className="text-center text-xs text-muted-foreground">
                {item.text} · <time dateTime={item.at.toISOString()}>{formatTime(item.at, timeZone)}</time>
              </li>
            );
          }
          const m = item.message;
          const out = m.direction === "out";
          return (
            <li key={item.key} data-message-id={m.id} className={cn("flex", out ? "justify-end" : "justify-start")}>
              <div className={cn("max-w-[85%] md:max-w-[70%]", out && "items-end")}>
                <div
                  className={cn(
                    "rounded-2xl px-3.5 py-2 text-sm shadow-xs",
                    out ? "rounded-br-md bg-primary text-primary-foreground" : "rounded-bl-md bg-background",
                    m.status === "failed" && "bg-destructive/10 text-foreground ring-1 ring-destructive/40",
                    m.id === focused && "ring-3 ring-amber-400 dark:ring-amber-500",
                  )}
                >
                  {m.channelKind === "email" ? (
                    <EmailBody body={m.body} attachments={m.attachments} payload={m.payload} out={out && m.status !== "failed"} />
                  ) : (
                    <MessageContent body={m.body} attachments={m.attachments} payload={m.payload} out={out && m.status !== "failed"} />
                  )}
                  <p
                    className={cn(
                      "mt-1 flex items-center justify-end gap-1.5 text-[11px]",
                      out && m.status !== "failed" ? "text-primary-foreground/75" : "text-muted-foreground",
                    )}
                  >
                    {out && <span>{outboundSender(m.authorName, m.payload)}</span>}
                    <time dateTime={m.createdAt.toISOString()}>{formatTime(m.createdAt, timeZone)}</time>
                    {out && <DeliveryStatus message={m} />}
                  </p>
                </div>
                {m.status === "failed" && (
                  <div className="mt-1 flex flex-wrap items-center justify-end gap-2 text-xs text-destructive" role="status">
                    <AlertCircleIcon className="size-3.5" aria-hidden="true" />
                    <span>
                      Not delivered{m.errorText ? `: ${m.errorText}` : ""}
                      {m.errorCode ? ` (${m.errorCode})` : ""}
                    </span>
                    {canRetry && (
                      <Button size="sm" variant="outline" className="h-7" onClick={() => void retry(m.id)}>
                        <RotateCwIcon aria-hidden="true" />
                        Retry
                      </Button>
                    )}
                  </div>
                )}
              </div>
            </li>
          );
        })}
        {pending.map((p) => (
          <li key={p.clientId} className="flex justify-end">
            <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary/70 px-3.5 py-2 text-sm text-primary-foreground md:max-w-[70%]">
              <p className="break-words whitespace-pre-wrap">{p.body}</p>
              <p className="mt-1 flex items-center justify-end gap-1 text-[11px] text-primary-foreground/75">
                <ClockIcon className="size-3.5" aria-hidden="true" /> Sending…
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

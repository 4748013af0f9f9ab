"use client";

import { StarIcon, UserIcon } from "lucide-react";
import Link from "next/link";
import { ChannelIcon } from "@/components/channel-icon";
import { MoodIndicator } from "@/components/contacts/mood-indicator";
import { useNow } from "@/components/inbox/use-now";
import { Avatar, AvatarFallback, getInitials } from "@/components/ui/avatar";
import type { ConversationListRow } from "@/lib/conversations/queries";
import { customerLabel, formatDuration, formatListTime } from "@/lib/format";
import { cn } from "@/lib/utils";

const closedLabels: Record<string, string> = { archived: "Archived", rejected: "Rejected", inactive: "Closed", barred: "Barred", blocked: "Blocked" };

/** One line of the inbox: who, where from, what they said last, when, and who has it. */
export function ConversationRow({
  row,
  href,
  selected,
  timeZone,
  mine,
}: {
  row: ConversationListRow;
  href: string;
  selected: boolean;
  timeZone: string;
  mine: boolean;
}) {
  const now = useNow();
  const name = customerLabel(row.contactName, row.handle);
  const waitingMs = row.waitingSince ? now.getTime() - row.waitingSince.getTime() : 0;
  return (
    <Link
      href={href}
      data-row
      aria-current={selected ? "true" : undefined}
      className={cn(
        "flex gap-3 px-3 py-3 outline-hidden transition-colors hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset",
        selected && "bg-accent",
      )}
    >
      <Avatar className="size-9 shrink-0">
        <AvatarFallback className="text-xs">
          {row.contactName?.trim() ? getInitials(row.contactName) : <UserIcon className="size-4" aria-hidden="true" />}
        </AvatarFallback>
      </Avatar>
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <ChannelIcon kind={row.channelKind} className="size-4 shrink-0" />
          {row.vip && <StarIcon className="size-3.5 shrink-0 fill-amber-400 text-amber-500" aria-label="VIP" role="img" />}
          <span className="truncate text-sm font-medium">{name}</span>
          <time
            className="ml-auto shrink-0 text-xs text-muted-foreground tabular-nums"
            dateTime={row.lastMessageAt.toISOString()}
            suppressHydrationWarning
          >
            {formatListTime(row.lastMessageAt, timeZone, now)}
          </time>
        </div>
        <p className="mt-0.5 truncate text-sm text-muted-foreground">
          {row.previewDirection === "out" && (
            <span className="text-foreground/70">{mine ? "You" : (row.assigneeName?.split(" ")[0] ?? "Team")}: </span>
          )}
          {row.preview || <span className="italic">No messages</span>}
        </p>
        <div className="mt-1 flex items-center gap-2 text-xs">
          <span className="text-muted-foreground">#{row.number}</span>
          <MoodIndicator language={row.language} sentiment={row.sentiment} />
          {row.status === "closed" ? (
            <span className="rounded bg-muted px-1.5 py-0.5 text-muted-foreground">{closedLabels[row.closedReason ?? ""] ?? "Closed"}</span>
          ) : row.assigneeName ? (
            <span className={cn("truncate", mine ? "font-medium text-primary" : "text-muted-foreground")}>
              {mine ? "You" : row.assigneeName}
            </span>
          ) : (
            <span className="text-muted-foreground">Unassigned</span>
          )}
          {row.waitingSince && row.status !== "closed" && (
            <span
              className={cn(
                "ml-auto shrink-0 rounded px-1.5 py-0.5 tabular-nums",
                waitingMs > 60 * 60_000 ? "bg-destructive/10 text-destructive" : "bg-warning/15 text-warning",
              )}
              suppressHydrationWarning
            >
              waiting {formatDuration(waitingMs)}
            </span>
          )}
        </div>
      </div>
    </Link>
  );
}

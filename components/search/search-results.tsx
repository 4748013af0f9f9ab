import { StarIcon } from "lucide-react";
import Link from "next/link";
import { ChannelIcon } from "@/components/channel-icon";
import { Highlight } from "@/components/search/highlight";
import { Badge } from "@/components/ui/badge";
import type { SearchRow } from "@/lib/conversations/search";
import { formatDateTime, formatDuration } from "@/lib/format";

const closedLabels: Record<string, string> = { archived: "Archived", rejected: "Rejected", inactive: "Closed (inactive)", barred: "Closed (barred)", blocked: "Closed (blocked)" };
const stateLabels: Record<string, string> = { new: "New", open: "Open", waiting: "Waiting", blocked: "Blocked" };

function duration(row: SearchRow): string {
  const ms = row.endedAt.getTime() - row.createdAt.getTime();
  return ms < 60_000 ? "< 1 min" : formatDuration(ms);
}

function stateOf(row: SearchRow): string {
  return row.status === "closed" ? (closedLabels[row.closedReason ?? ""] ?? "Closed") : (stateLabels[row.status] ?? row.status);
}

/** Where a result opens: the conversation in All, scrolled to the matching message when there is one. */
export function resultHref(row: SearchRow): string {
  return `/inbox/all/${row.number}${row.match.messageId ? `?message=${row.match.messageId}` : ""}`;
}

function Customer({ row, timeZone }: { row: SearchRow; timeZone: string }) {
  return (
    <div className="min-w-0">
      <Link
        href={resultHref(row)}
        className="flex items-center gap-1.5 font-medium underline-offset-4 outline-hidden hover:underline focus-visible:rounded-sm focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <ChannelIcon kind={row.channelKind} className="size-4 shrink-0" />
        {row.vip && <StarIcon className="size-3.5 shrink-0 fill-amber-400 text-amber-500" role="img" aria-label="VIP" />}
        <span className="truncate">{row.customer}</span>
        <span className="shrink-0 font-normal text-muted-foreground">#{row.number}</span>
      </Link>
      <p className="text-xs text-muted-foreground">Started {formatDateTime(row.createdAt, timeZone)}</p>
      {row.match.headline && (
        <p className="mt-1 line-clamp-2 text-sm break-words text-muted-foreground">
          <span className="mr-1 text-xs font-medium text-foreground/70">{row.match.in === "note" ? "Note:" : "Message:"}</span>
          <Highlight headline={row.match.headline} />
        </p>
      )}
    </div>
  );
}

/**
 * The reference's conversation overview: customer (with when it started and, for word searches, the
 * excerpt that matched), duration, message count, agent and team, state. A table on wide screens, cards
 * on phones.
 */
export function SearchResults({ rows, timeZone }: { rows: SearchRow[]; timeZone: string }) {
  return (
    <>
      <table className="hidden w-full text-sm md:table">
        <thead className="border-b text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Conversation
            </th>
            <th scope="col" className="w-24 py-2 pr-4 font-medium">
              Duration
            </th>
            <th scope="col" className="w-24 py-2 pr-4 text-right font-medium">
              Messages
            </th>
            <th scope="col" className="w-48 py-2 pr-4 font-medium">
              Agent
            </th>
            <th scope="col" className="w-32 py-2 font-medium">
              State
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((row) => (
            <tr key={row.id} className="align-top">
              <td className="max-w-0 py-3 pr-4">
                <Customer row={row} timeZone={timeZone} />
              </td>
              <td className="py-3 pr-4 tabular-nums">{duration(row)}</td>
              <td className="py-3 pr-4 text-right tabular-nums">{row.messageCount}</td>
              <td className="py-3 pr-4">
                <span className="block truncate">{row.assigneeName ?? <span className="text-muted-foreground">Unassigned</span>}</span>
                <span className="block truncate text-xs text-muted-foreground">{row.teamName}</span>
              </td>
              <td className="py-3">
                <Badge variant={row.status === "closed" ? "secondary" : "outline"}>{stateOf(row)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="divide-y md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="grid gap-1.5 py-3">
            <Customer row={row} timeZone={timeZone} />
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
              <Badge variant={row.status === "closed" ? "secondary" : "outline"}>{stateOf(row)}</Badge>
              <span>{duration(row)}</span>
              <span aria-hidden="true">·</span>
              <span>
                {row.messageCount} message{row.messageCount === 1 ? "" : "s"}
              </span>
              <span aria-hidden="true">·</span>
              <span>
                {row.assigneeName ?? "Unassigned"} ({row.teamName})
              </span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

"use client";

import { InboxIcon } from "lucide-react";
import Link from "next/link";
import { useParams, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { InboxExportMenu } from "@/components/export/inbox-export-menu";
import { ConversationRow } from "@/components/inbox/conversation-row";
import { TriageButtons } from "@/components/inbox/triage-buttons";
import { customerLabel } from "@/lib/format";
import { InboxFilters } from "@/components/inbox/filters";
import { TeamOpenStates, type TeamHours } from "@/components/settings/office-hours/team-open-states";
import { TeamSwitcher } from "@/components/settings/teams/team-switcher";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { filterQuery, isDefaultView, parseFilters } from "@/lib/conversations/filters";
import type { ConversationListRow } from "@/lib/conversations/queries";
import { COUNT_CAP, viewLabels, views, type View } from "@/lib/conversations/views";
import { useRealtime } from "@/lib/realtime/use-realtime";
import { cn } from "@/lib/utils";

type ListState = { rows: ConversationListRow[]; hasMore: boolean; counts: Record<View, number> };

const emptyStates: Record<View, { title: string; description: string }> = {
  new: { title: "Nothing new", description: "New conversations for your teams land here. Nobody is waiting right now." },
  mine: { title: "Nothing assigned to you", description: "Pick up a conversation from New and it will wait for you here." },
  assigned: { title: "Nothing assigned", description: "Conversations your teams are working on show up here." },
  all: { title: "No conversations yet", description: "When customers write on any channel, their conversations appear here." },
};

function formatCount(n: number) {
  return n > COUNT_CAP ? "10k+" : n.toLocaleString("en");
}

/** `query` is the list filters' URL query ("?channel=…" or ""). */
async function fetchList(view: View, offset: number, limit: number, query = ""): Promise<ListState> {
  const filters = query ? `&${query.slice(1)}` : "";
  const res = await fetch(`/api/conversations?view=${view}&offset=${offset}&limit=${limit}${filters}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`List failed: ${res.status}`);
  const data = (await res.json()) as ListState;
  // JSON turns dates into strings; the rows use Dates everywhere else.
  for (const row of data.rows) {
    row.createdAt = new Date(row.createdAt);
    row.lastMessageAt = new Date(row.lastMessageAt);
    row.waitingSince = row.waitingSince ? new Date(row.waitingSince) : null;
  }
  return data;
}

/**
 * The inbox: view tabs with live counts and the conversation list on the left, the selected
 * conversation on the right (one at a time on phones). The list pages in 50 rows at a time and
 * refetches what it shows whenever realtime says a conversation changed.
 */
export function InboxColumns({
  view,
  initial,
  timeZone,
  userId,
  canBeAssigned,
  teamHours = [],
  teams = [],
  teamId = null,
  canExport = false,
  children,
}: {
  view: View;
  initial: ListState;
  timeZone: string;
  userId: string;
  canBeAssigned: boolean;
  /** The viewer's teams with their office hours, for the "Open now / Closed until …" line. */
  teamHours?: TeamHours[];
  /** The viewer's teams and the one the team switcher narrows the inbox to (null: all of them). */
  teams?: { id: string; name: string }[];
  teamId?: string | null;
  /** Whether the viewer may export conversations (the view's export menu). */
  canExport?: boolean;
  children: React.ReactNode;
}) {
  const params = useParams<{ number?: string }>();
  const selected = params.number ? Number(params.number) : null;
  // The filters live in the URL; the server renders the unfiltered list, so a filtered one is fetched here.
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = filterQuery(filters);
  const filtered = !isDefaultView(filters);
  // What the list fetches: the filters, within the switcher's team unless a team filter overrides it.
  const listQuery = teamId && !filters.team ? `${query || "?"}${query ? "&" : ""}team=${teamId}` : query;
  const [shownQuery, setShownQuery] = useState("");
  const [state, setState] = useState(initial);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(initial.rows.length);
  useEffect(() => {
    loaded.current = state.rows.length;
  }, [state.rows.length]);

  // A server re-render (a refresh after an action) brings fresh data: it replaces what the list shows.
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    if (!filtered) setState(initial);
  }

  const refresh = useCallback(async () => {
    try {
      const next = await fetchList(view, 0, Math.max(50, Math.min(loaded.current, 200)), listQuery);
      setState(next);
      setShownQuery(query);
      setError(null);
    } catch {
      setError("The list could not be refreshed. It will try again on the next change.");
    }
  }, [view, query, listQuery]);
  // New filters (or a server re-render under filters, which brings the unfiltered list) mean a refetch.
  useEffect(() => {
    if (query || shownQuery) void refresh();
  }, [query, seenInitial]); // eslint-disable-line react-hooks/exhaustive-deps -- refetch on these changes only
  const stale = query !== shownQuery;

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime(["inbox"], () => {
    // Bursts of changes (a busy webhook) collapse into one refetch.
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void refresh();
    }, 250);
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const loadMore = useCallback(async () => {
    if (loadingMore || !state.hasMore) return;
    setLoadingMore(true);
    try {
      const next = await fetchList(view, state.rows.length, 50, listQuery);
      setState((s) => {
        const seen = new Set(s.rows.map((r) => r.id));
        return { rows: [...s.rows, ...next.rows.filter((r) => !seen.has(r.id))], hasMore: next.hasMore, counts: next.counts };
      });
    } catch {
      setError("More conversations could not be loaded.");
    } finally {
      setLoadingMore(false);
    }
  }, [loadingMore, state.hasMore, state.rows.length, view, listQuery]);

  const sentinel = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => entries[0]?.isIntersecting && void loadMore(), { rootMargin: "400px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [loadMore]);

  const onListKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-row]"));
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[index + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  const visibleViews = views.filter((v) => canBeAssigned || v !== "mine");

  return (
    <div className="flex h-full min-h-0">
      <section
        aria-label="Conversations"
        className={cn("flex min-h-0 w-full flex-col border-r md:w-80 lg:w-[25rem]", selected !== null && "hidden md:flex")}
      >
        <TeamSwitcher teams={teams} teamId={teamId} />
        <TeamOpenStates teams={teamHours} viewerTimeZone={timeZone} />
        <nav aria-label="Inbox views" className="flex shrink-0 items-center border-b">
          <ul className="flex min-w-0 flex-1 overflow-x-auto px-1.5">
            {visibleViews.map((v) => (
              <li key={v}>
                <Link
                  href={`/inbox/${v}${query}`}
                  aria-current={v === view ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-1.5 border-b-2 border-transparent px-2 py-3 text-[13px] font-medium whitespace-nowrap text-muted-foreground outline-hidden hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    v === view && "border-primary text-foreground",
                  )}
                >
                  {viewLabels[v]}
                  <span
                    className={cn(
                      "rounded-full bg-muted px-1.5 text-xs tabular-nums",
                      v === view && "bg-primary text-primary-foreground",
                      v === "new" && state.counts.new > 0 && v !== view && "bg-primary/15 text-primary",
                    )}
                    aria-label={`${formatCount(state.counts[v])} conversations`}
                  >
                    {formatCount(state.counts[v])}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {canExport && <InboxExportMenu view={view} query={listQuery} />}
        </nav>
        <InboxFilters filters={filters} busy={stale} canStart={canBeAssigned} />
        {error && (
          <p role="status" className="border-b bg-warning/10 px-3 py-2 text-xs text-warning">
            {error}
          </p>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto">
          {stale ? (
            <div className="flex justify-center p-6">
              <Spinner label="Loading the filtered conversations" />
            </div>
          ) : state.rows.length === 0 && filtered ? (
            <EmptyState icon={InboxIcon} title="No conversations match" description="Nothing in this view matches the filters. Change or clear them to see more." />
          ) : state.rows.length === 0 ? (
            <EmptyState icon={InboxIcon} title={emptyStates[view].title} description={emptyStates[view].description} />
          ) : (
            <ul className="divide-y" onKeyDown={onListKeyDown}>
              {state.rows.map((row) => (
                <li key={row.id} className="group relative">
                  <ConversationRow
                    row={row}
                    href={`/inbox/${view}/${row.number}${query}`}
                    selected={row.number === selected}
                    timeZone={timeZone}
                    mine={row.assigneeId === userId}
                  />
                  {view === "new" && canBeAssigned && row.status === "new" && (
                    // Shown on hover and keyboard focus (always on phones); a sibling of the row's link, never
                    // inside it. Its own background covers the row's time, which the waiting badge repeats.
                    <div
                      className={cn(
                        "absolute top-1.5 right-2 rounded-md pl-2 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 max-md:opacity-100",
                        // Solid: the hovered row's accent/60 mixed over the page, so the time beneath does not show through.
                        row.number === selected ? "bg-accent" : "bg-background group-hover:bg-[color-mix(in_oklab,var(--accent)_60%,var(--background))]",
                      )}
                    >
                      <TriageButtons
                        conversationId={row.id}
                        number={row.number}
                        customer={customerLabel(row.contactName, row.handle)}
                        openHref={`/inbox/mine/${row.number}`}
                      />
                    </div>
                  )}
                </li>
              ))}
              {state.hasMore && (
                <li ref={sentinel} className="flex justify-center p-4">
                  {loadingMore ? (
                    <Spinner label="Loading more conversations" />
                  ) : (
                    <button type="button" className="text-sm text-primary underline-offset-4 hover:underline" onClick={() => void loadMore()}>
                      Load more
                    </button>
                  )}
                </li>
              )}
            </ul>
          )}
        </div>
      </section>
      <div className={cn("min-h-0 min-w-0 flex-1", selected === null && "hidden md:block")}>{children}</div>
    </div>
  );
}

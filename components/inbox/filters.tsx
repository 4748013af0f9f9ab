"use client";

import { ListFilterIcon, SquarePenIcon, XIcon } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { filterOptionsAction } from "@/app/(app)/inbox/workspace-actions";
import { NotificationPrompt } from "@/components/notifications/permission-prompt";
import { WithShortcut } from "@/components/shortcuts/with-shortcut";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { channelLabels } from "@/lib/channels/labels";
import type { ChannelKind } from "@/lib/channels/types";
import type { FilterOptions } from "@/lib/conversations/filters-options";
import {
  activeFilterCount,
  filterQuery,
  sortLabels,
  stateLabels,
  UNASSIGNED,
  type ConversationFilters,
  type SortDirection,
  type SortKey,
} from "@/lib/conversations/filters";
import { cn } from "@/lib/utils";

// The dialog is opened now and then; its code loads when first needed, not with the inbox.
const FiltersDialog = dynamic(() => import("@/components/inbox/filters-dialog").then((m) => m.FiltersDialog));

let optionsRequest: Promise<FilterOptions | null> | null = null;

/** The filter choices, fetched once per page load (they change rarely; a reload brings new ones). */
export function loadFilterOptions(): Promise<FilterOptions | null> {
  optionsRequest ??= filterOptionsAction({}).then((r) => (r.ok ? r.data : null));
  return optionsRequest;
}

export function useFilterOptions(wanted: boolean): FilterOptions | null {
  const [options, setOptions] = useState<FilterOptions | null>(null);
  useEffect(() => {
    if (!wanted || options) return;
    let live = true;
    void loadFilterOptions().then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, [wanted, options]);
  return options;
}

const sortChoices: { value: string; label: string; sort: SortKey; dir: SortDirection }[] = [
  { value: "queue", label: sortLabels.queue, sort: "queue", dir: "desc" },
  { value: "created-desc", label: "Newest conversations first", sort: "created", dir: "desc" },
  { value: "created-asc", label: "Oldest conversations first", sort: "created", dir: "asc" },
  { value: "last-desc", label: "Latest message first", sort: "last", dir: "desc" },
  { value: "last-asc", label: "Oldest message first", sort: "last", dir: "asc" },
];

type Chip = { key: string; label: string; without: ConversationFilters };

function chipsFor(filters: ConversationFilters, options: FilterOptions | null): Chip[] {
  const name = (list: { id: string; name: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? "…";
  const chips: Chip[] = [];
  for (const channel of filters.channels ?? []) {
    const label = channel in channelLabels ? channelLabels[channel as ChannelKind] : name(options?.channels, channel);
    chips.push({ key: `channel-${channel}`, label, without: { ...filters, channels: filters.channels?.filter((c) => c !== channel) } });
  }
  if (filters.agent) {
    const label = filters.agent === UNASSIGNED ? "Unassigned" : name(options?.agents, filters.agent);
    chips.push({ key: "agent", label: `Agent: ${label}`, without: { ...filters, agent: undefined } });
  }
  for (const tag of filters.tags ?? []) {
    chips.push({ key: `tag-${tag}`, label: `Tag: ${name(options?.tags, tag)}`, without: { ...filters, tags: filters.tags?.filter((t) => t !== tag) } });
  }
  if (filters.team) chips.push({ key: "team", label: `Team: ${name(options?.teams, filters.team)}`, without: { ...filters, team: undefined } });
  for (const state of filters.states ?? []) {
    chips.push({ key: `state-${state}`, label: stateLabels[state], without: { ...filters, states: filters.states?.filter((s) => s !== state) } });
  }
  if (filters.customer) chips.push({ key: "customer", label: `Customer: ${filters.customer}`, without: { ...filters, customer: undefined } });
  if (filters.number) chips.push({ key: "number", label: `#${filters.number}`, without: { ...filters, number: undefined } });
  if (filters.from || filters.to) {
    const label = filters.from && filters.to ? `${filters.from} – ${filters.to}` : filters.from ? `From ${filters.from}` : `Until ${filters.to}`;
    chips.push({ key: "span", label, without: { ...filters, from: undefined, to: undefined } });
  }
  return chips;
}

/**
 * The list's filter bar: the Filter button (with how many filters are on), the sort, and one removable
 * chip per filter. Every change is a navigation to the same page with a new query, so Back undoes it.
 */
export function InboxFilters({ filters, busy, canStart }: { filters: ConversationFilters; busy?: boolean; canStart?: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const count = activeFilterCount(filters);
  const options = useFilterOptions(count > 0 || open);
  const apply = (next: ConversationFilters) => router.push(`${pathname}${filterQuery(next)}`, { scroll: false });
  const sortValue = !filters.sort || filters.sort === "queue" ? "queue" : `${filters.sort}-${filters.dir ?? "desc"}`;
  const chips = chipsFor(filters, options);

  return (
    <>
      <div className="shrink-0 border-b px-2 py-1.5" aria-busy={busy || undefined}>
        <div className="flex items-center gap-2">
          <WithShortcut id="list.filter" run>
            <Button
              variant={count ? "secondary" : "ghost"}
              size="sm"
              onClick={() => setOpen(true)}
              aria-label={count ? `Filter conversations (${count} on)` : "Filter conversations"}
            >
              <ListFilterIcon aria-hidden="true" />
              Filter
              {count > 0 && <span className="rounded-full bg-primary px-1.5 text-xs text-primary-foreground tabular-nums">{count}</span>}
            </Button>
          </WithShortcut>
          {canStart && (
            <WithShortcut id="go.start">
              <Button asChild variant="ghost" size="icon-sm">
                <Link href="/inbox/start" aria-label="Start a conversation">
                  <SquarePenIcon />
                </Link>
              </Button>
            </WithShortcut>
          )}
          <label className="ml-auto flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
            <span className="shrink-0">Sort</span>
            <NativeSelect
              className="h-8 w-auto max-w-44 min-w-0 px-2 text-xs text-foreground"
              value={sortValue}
              onChange={(e) => {
                const choice = sortChoices.find((c) => c.value === e.target.value) ?? sortChoices[0];
                apply({ ...filters, sort: choice.sort, dir: choice.dir });
              }}
            >
              {sortChoices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </label>
        </div>
        {chips.length > 0 && (
          <ul className="mt-1.5 flex flex-wrap items-center gap-1" aria-label="Filters on">
            {chips.map((chip) => (
              <li key={chip.key}>
                <span className="inline-flex max-w-56 items-center gap-0.5 rounded-md bg-muted py-0.5 pr-0.5 pl-2 text-xs">
                  <span className="truncate">{chip.label}</span>
                  <button
                    type="button"
                    onClick={() => apply(chip.without)}
                    className="rounded p-0.5 outline-hidden hover:bg-foreground/10 focus-visible:ring-2 focus-visible:ring-ring"
                    aria-label={`Remove filter ${chip.label}`}
                  >
                    <XIcon className="size-3" aria-hidden="true" />
                  </button>
                </span>
              </li>
            ))}
            <li>
              <button
                type="button"
                className={cn("rounded px-1.5 py-0.5 text-xs text-primary underline-offset-4 outline-hidden hover:underline focus-visible:ring-2 focus-visible:ring-ring")}
                onClick={() => apply({ sort: filters.sort, dir: filters.dir })}
              >
                Clear filters
              </button>
            </li>
          </ul>
        )}
      </div>
      <NotificationPrompt />
      {open && <FiltersDialog open={open} onOpenChange={setOpen} filters={filters} options={options} onApply={apply} />}
    </>
  );
}

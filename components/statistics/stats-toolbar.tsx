"use client";

import { DownloadIcon, FileSpreadsheetIcon, FileTextIcon } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { channelLabels } from "@/lib/channels/labels";
import type { ChannelKind } from "@/lib/channels/types";
import type { FilterOptions } from "@/lib/stats/options";
import type { StatsFilters } from "@/lib/stats/params";
import { statsQuery } from "@/lib/stats/params";
import { describeSpan, spanPresetLabels, spanPresets, type SpanPreset } from "@/lib/stats/span";

type SpanState = { preset: SpanPreset; fromDate: string; toDate: string };

const ALL = "all";

/**
 * The span picker (presets or a custom range of local dates), the filters, and the page's exports. A
 * change navigates to the new URL, so the server computes the page again and the URL can be shared.
 */
export function StatsToolbar({
  span,
  filters,
  options,
  timeZone,
  exports = true,
  showSpan = true,
}: {
  span: SpanState;
  filters: StatsFilters;
  options: FilterOptions;
  timeZone: string;
  exports?: boolean;
  showSpan?: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [custom, setCustom] = useState({ from: span.fromDate, to: span.toDate });
  const [showCustom, setShowCustom] = useState(span.preset === "custom");

  const go = (next: SpanState, nextFilters: StatsFilters) =>
    startTransition(() => router.push(`${pathname}?${statsQuery(next, nextFilters)}`, { scroll: false }));

  const onPreset = (value: string) => {
    const preset = value as SpanPreset;
    if (preset === "custom") {
      setShowCustom(true);
      return;
    }
    setShowCustom(false);
    go({ ...span, preset }, filters);
  };

  const onFilter = (key: keyof StatsFilters) => (value: string) => go(span, { ...filters, [key]: value === ALL ? undefined : value });

  const query = statsQuery(span, filters);
  const isOverview = pathname === "/statistics";

  return (
    <div className="grid gap-3 rounded-lg border bg-card p-3" aria-busy={pending}>
      <div className="flex flex-wrap items-end gap-3">
        {showSpan && (
          <div className="grid gap-1.5">
            <Label htmlFor="stats-span">Time span</Label>
            <Select value={showCustom ? "custom" : span.preset} onValueChange={onPreset}>
              <SelectTrigger id="stats-span" className="w-44">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {spanPresets.map((p) => (
                  <SelectItem key={p} value={p}>
                    {spanPresetLabels[p]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        )}
        {showSpan && showCustom && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              if (custom.from && custom.to) go({ preset: "custom", fromDate: custom.from, toDate: custom.to }, filters);
            }}
          >
            <div className="grid gap-1.5">
              <Label htmlFor="stats-from">From</Label>
              <Input id="stats-from" type="date" required value={custom.from} max={custom.to} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} className="w-40" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="stats-to">To</Label>
              <Input id="stats-to" type="date" required value={custom.to} min={custom.from} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} className="w-40" />
            </div>
            <Button type="submit" variant="secondary">
              Apply
            </Button>
          </form>
        )}
        <FilterSelect id="stats-team" label="Team" value={filters.teamId} all="All teams" onChange={onFilter("teamId")} items={options.teams} />
        <FilterSelect
          id="stats-channel"
          label="Channel account"
          value={filters.channelId}
          all="All channels"
          onChange={onFilter("channelId")}
          items={options.channels.map((c) => ({ id: c.id, name: `${channelLabels[c.kind as ChannelKind] ?? c.kind} · ${c.name}` }))}
        />
        <FilterSelect id="stats-agent" label="Agent" value={filters.agentId} all="All agents" onChange={onFilter("agentId")} items={options.agents} />
        {exports && isOverview && (
          <div className="ml-auto">
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="outline">
                  <DownloadIcon aria-hidden="true" />
                  Export
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem asChild>
                  <a href={`/api/export/statistics?format=xlsx&${query}`} download>
                    <FileSpreadsheetIcon aria-hidden="true" />
                    Excel workbook (every chart)
                  </a>
                </DropdownMenuItem>
                <DropdownMenuItem asChild>
                  <a href={`/api/export/statistics?format=pdf&${query}`} download>
                    <FileTextIcon aria-hidden="true" />
                    PDF report
                  </a>
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          </div>
        )}
      </div>
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        {pending ? <Spinner label="Updating the statistics" /> : null}
        <span>
          {showSpan ? describeSpan(span) : "This month so far, beside all of last month"} · times in {timeZone.replace(/_/g, " ")}
        </span>
      </p>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  value,
  all,
  items,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  all: string;
  items: { id: string; name: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select value={value ?? ALL} onValueChange={onChange}>
        <SelectTrigger id={id} className="w-48 max-w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{all}</SelectItem>
          {items.map((item) => (
            <SelectItem key={item.id} value={item.id}>
              {item.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

import { channelLabels } from "@/lib/channels/labels";
import { formatDateTime } from "@/lib/format";
import type { Overview } from "@/lib/stats/overview";
import type { MonthFigures, Productivity } from "@/lib/stats/productivity";

/*
 * Every chart of the statistics page as a plain table: the accessible alternative under each chart and
 * the content of every statistics export (CSV per chart, one workbook sheet per chart, the PDF report).
 * Pure, so the browser and the export routes share it.
 */

export type Cell = string | number | null;
export type StatTable = { id: ChartId; title: string; columns: string[]; rows: Cell[][]; note?: string };

export const chartIds = ["volume", "tags", "tags-over-time", "channels", "channels-over-time", "agents", "occupancy", "service", "heatmap", "productivity"] as const;
export type ChartId = (typeof chartIds)[number];

export const chartTitles: Record<ChartId, string> = {
  volume: "Conversations over time",
  tags: "Most used tags",
  "tags-over-time": "Tag use over time",
  channels: "Channel shares",
  "channels-over-time": "Channel use over time",
  agents: "Activity per agent",
  occupancy: "Occupancy now",
  service: "Service levels",
  heatmap: "Conversations started by weekday and hour",
  productivity: "Agent productivity, month on month",
};

export const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h"; "–" when there is nothing to measure. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function formatShare(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 1000) / 10}%` : "–";
}

/** "+3 (+50%)", "−2 (−20%)", "0", "+4 (new)". */
export function formatChange(current: number, previous: number): string {
  const diff = current - previous;
  if (diff === 0) return "0";
  const sign = diff > 0 ? "+" : "−";
  const pct = previous ? ` (${sign}${Math.round((Math.abs(diff) / previous) * 100)}%)` : " (new)";
  return `${sign}${Math.abs(diff)}${pct}`;
}

function volumeTable(o: Overview): StatTable {
  return {
    id: "volume",
    title: chartTitles.volume,
    columns: [o.span.bucket === "hour" ? "Hour" : o.span.bucket === "week" ? "Week" : "Day", "New", "Closed", "Reopened"],
    rows: o.volume.map((v) => [v.key.replace("T", " "), v.new, v.closed, v.reopened]),
  };
}

function seriesTable(id: ChartId, o: Overview, series: Overview["tags"]["overTime"], names: { id: string; name: string }[]): StatTable {
  return {
    id,
    title: chartTitles[id],
    columns: [o.span.bucket === "hour" ? "Hour" : o.span.bucket === "week" ? "Week" : "Day", ...names.map((n) => n.name)],
    rows: series.map((p) => [p.key.replace("T", " "), ...names.map((n) => p.values[n.id] ?? 0)]),
  };
}

const figuresRow = (label: string, f: Overview["service"]["officeHours"]["inside"]): Cell[] => [
  label,
  f.firstResponse.count,
  formatSeconds(f.firstResponse.median),
  formatSeconds(f.firstResponse.p90),
  formatSeconds(f.resolution.median),
  formatSeconds(f.resolution.p90),
  formatShare(f.withinTarget, f.eligible),
];

export function overviewTables(o: Overview): StatTable[] {
  const service = o.service;
  return [
    volumeTable(o),
    {
      id: "tags",
      title: chartTitles.tags,
      columns: ["Tag", "Conversations tagged"],
      rows: o.tags.top.map((t) => [t.name, t.count]),
    },
    seriesTable("tags-over-time", o, o.tags.overTime, o.tags.top.slice(0, 5)),
    {
      id: "channels",
      title: chartTitles.channels,
      columns: ["Channel", "Account", "Conversations", "Share"],
      rows: o.channels.shares.map((c) => [channelLabels[c.kind], c.name, c.count, formatShare(c.count, o.totals.new)]),
    },
    seriesTable("channels-over-time", o, o.channels.overTime, o.channels.list.map((c) => ({ id: c.id, name: `${channelLabels[c.kind]} · ${c.name}` }))),
    {
      id: "agents",
      title: chartTitles.agents,
      columns: ["Agent", "Conversations handled", "Messages sent", "Median first response", "Median resolution", "Open now"],
      rows: o.agents.map((a) => [a.name, a.handled, a.messagesSent, formatSeconds(a.medianFirstResponse), formatSeconds(a.medianResolution), a.open]),
    },
    {
      id: "occupancy",
      title: chartTitles.occupancy,
      columns: ["What", "Who or where", "Count", "Waiting since"],
      rows: [
        ...o.occupancy.online.map((u): Cell[] => ["Agent online", u.name, 1, null]),
        ...o.occupancy.waiting.map((w): Cell[] => ["Waiting in New", w.team, w.count, w.oldestSince && formatDateTime(new Date(w.oldestSince), o.span.timeZone)]),
        ...o.occupancy.openPerAgent.map((a): Cell[] => ["Open conversations", a.name, a.count, null]),
      ],
      note: `As of ${formatDateTime(new Date(o.occupancy.at), o.span.timeZone)}`,
    },
    {
      id: "service",
      title: chartTitles.service,
      columns: ["Conversations", "Answered", "First response, median", "First response, 90th percentile", "Resolution, median", "Resolution, 90th percentile", `Answered within ${service.targetMinutes} min`],
      rows: [
        figuresRow("All", service),
        ...(service.officeHours.configured
          ? [figuresRow("Inside office hours", service.officeHours.inside), figuresRow("Outside office hours", service.officeHours.outside)]
          : []),
      ],
      note: service.officeHours.configured ? undefined : "No office hours are set up, so every conversation counts as inside office hours.",
    },
    {
      id: "heatmap",
      title: chartTitles.heatmap,
      columns: ["Weekday", ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)],
      rows: o.heatmap.map((hours, day) => [weekdays[day], ...hours]),
    },
  ];
}

export function productivityTable(p: Productivity): StatTable {
  const kinds = p.kinds;
  const triple = (label: string): string[] => [`${label}, ${p.current.label}`, `${label}, ${p.previous.label}`, `${label}, change`];
  const values = (pick: (m: MonthFigures) => number, row: { current: MonthFigures; previous: MonthFigures }): Cell[] => {
    const current = pick(row.current);
    const previous = pick(row.previous);
    return [current, previous, formatChange(current, previous)];
  };
  const line = (name: string, row: { current: MonthFigures; previous: MonthFigures }): Cell[] => [
    name,
    ...values((m) => m.requests, row),
    ...values((m) => m.newContacts, row),
    ...kinds.flatMap((k) => values((m) => m.byKind[k] ?? 0, row)),
  ];
  return {
    id: "productivity",
    title: chartTitles.productivity,
    columns: ["Agent", ...triple("Requests"), ...triple("New contacts"), ...kinds.flatMap((k) => triple(channelLabels[k]))],
    rows: [...p.rows.map((r) => line(r.name, r)), line("Total", p.totals)],
    note: `${p.current.label} so far, compared with all of ${p.previous.label}.`,
  };
}

import { renderStatisticsPdf } from "@/components/export/statistics-pdf";
import type { ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { recordExport, type ExportFormat } from "@/lib/export/files";
import { statisticsCsv, statisticsWorkbook } from "@/lib/export/statistics";
import { filterOptions } from "@/lib/stats/options";
import { getOverview } from "@/lib/stats/overview";
import type { StatsFilters } from "@/lib/stats/params";
import { getProductivity } from "@/lib/stats/productivity";
import { describeSpan, spanFileTag, type Span } from "@/lib/stats/span";
import { overviewTables, productivityTable, type ChartId } from "@/lib/stats/tables";
import type { CurrentUser } from "@/lib/users";

/**
 * The statistics of a span as a file: one chart as CSV, or the whole page as a workbook (one sheet per
 * chart, the month-on-month dashboard included) or a PDF report. Recorded in the audit log.
 */
export async function exportStatistics(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  request: { span: Span; filters: StatsFilters; format: ExportFormat; chart?: ChartId },
): Promise<{ fileName: string; content: Buffer }> {
  const { span, filters, format, chart } = request;
  const needsOverview = chart !== "productivity";
  const needsProductivity = format !== "csv" || chart === "productivity";
  const [overview, productivity, options] = await Promise.all([
    needsOverview ? getOverview(db, actor, settings, span, filters) : null,
    needsProductivity ? getProductivity(db, actor, settings, actor.timeZone, filters) : null,
    filterOptions(db),
  ]);
  const tables = [...(overview ? overviewTables(overview) : []), ...(productivity ? [productivityTable(productivity)] : [])];
  const tag = spanFileTag(span);
  const named = (list: { id: string; name: string }[], id: string | undefined, all: string) => (id ? (list.find((x) => x.id === id)?.name ?? "Unknown") : all);
  const about: [string, string][] = [
    ["Time span", `${describeSpan(span)} (${span.timeZone})`],
    ["Team", named(options.teams, filters.teamId, "All teams")],
    ["Channel account", named(options.channels, filters.channelId, "All channels")],
    ["Agent", named(options.agents, filters.agentId, "All agents")],
    ["Exported", `${formatDateTime(new Date(), actor.timeZone)} by ${actor.name}`],
  ];

  let fileName: string;
  let content: Buffer;
  if (format === "csv") {
    const table = tables.find((t) => t.id === (chart ?? "volume")) ?? tables[0];
    fileName = chart === "productivity" ? `statistics-productivity-${productivity?.current.fromDate.slice(0, 7)}.csv` : `statistics-${table.id}-${tag}.csv`;
    content = Buffer.from(statisticsCsv(table), "utf8");
  } else if (format === "xlsx") {
    fileName = `statistics-${tag}.xlsx`;
    content = await statisticsWorkbook(tables, about);
  } else {
    fileName = `statistics-${tag}.pdf`;
    content = await renderStatisticsPdf(tables, about, `Statistics, ${describeSpan(span)}`);
  }
  await recordExport(db, actor.id, "export.statistics", fileName, { format, chart: chart ?? null, from: span.fromDate, to: span.toDate, ...filters });
  return { fileName, content };
}

import type { Metadata } from "next";
import { ChartCard } from "@/components/statistics/chart-card";
import { RankingChart, SharesChart, TimeSeriesChart } from "@/components/statistics/charts";
import { Heatmap } from "@/components/statistics/heatmap";
import { LiveRefresh } from "@/components/statistics/live-refresh";
import { Occupancy } from "@/components/statistics/occupancy";
import { ServiceLevels, SummaryTiles } from "@/components/statistics/service-levels";
import { chartPalette, StatsTheme } from "@/components/statistics/stats-theme";
import { StatsToolbar } from "@/components/statistics/stats-toolbar";
import { channelLabels } from "@/lib/channels/labels";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { filterOptions } from "@/lib/stats/options";
import { getOverview } from "@/lib/stats/overview";
import { parseStatsParams, statsQuery } from "@/lib/stats/params";
import { overviewTables, type ChartId } from "@/lib/stats/tables";

export const metadata: Metadata = { title: "Statistics" };

const bucketWords = { hour: "Hour", day: "Day", week: "Week" } as const;

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("statistics.read");
  const settings = await getServiceSettings();
  const { span, filters } = parseStatsParams(await searchParams, user.timeZone);
  const db = getDb();
  const [o, options] = await Promise.all([getOverview(db, user, settings, span, filters), filterOptions(db)]);
  const tables = Object.fromEntries(overviewTables(o).map((t) => [t.id, t])) as Record<ChartId, ReturnType<typeof overviewTables>[number]>;
  const query = statsQuery(span, filters);
  const csv = (id: ChartId) => `/api/export/statistics?format=csv&chart=${id}&${query}`;
  const x = bucketWords[o.span.bucket];
  // Every charted series gets a value in every bucket, so lines run through the quiet days at zero.
  const points = (series: { label: string; values: Record<string, number> }[], keys: string[]) =>
    series.map((p) => ({ label: p.label, ...Object.fromEntries(keys.map((k) => [k, p.values[k] ?? 0])) }));
  const channelColor = new Map(o.channels.list.map((c, i) => [c.id, chartPalette[i % chartPalette.length]]));
  const tagColor = new Map(o.tags.top.slice(0, 5).map((t, i) => [t.id, chartPalette[i]]));

  return (
    <StatsTheme className="grid gap-4">
      <LiveRefresh seconds={60} />
      <StatsToolbar span={span} filters={filters} options={options} timeZone={user.timeZone} />
      <SummaryTiles overview={o} />

      <ChartCard
        table={tables.volume}
        csvHref={csv("volume")}
        empty={o.totals.new + o.totals.closed + o.totals.reopened === 0}
        description="New conversations by when they started; closings and reopenings by when they happened."
      >
        <TimeSeriesChart
          data={o.volume.map((v) => ({ label: v.label, new: v.new, closed: v.closed, reopened: v.reopened }))}
          series={[
            { key: "new", name: "New", color: "var(--stat-1)" },
            { key: "closed", name: "Closed", color: "var(--stat-5)" },
            { key: "reopened", name: "Reopened", color: "var(--stat-3)" },
          ]}
          xLabel={x}
          yLabel="Conversations"
        />
      </ChartCard>

      <div className="grid gap-4 lg:grid-cols-2">
        <ServiceLevels overview={o} table={tables.service} csvHref={csv("service")} />
        <Occupancy overview={o} table={tables.occupancy} csvHref={csv("occupancy")} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <ChartCard
          className="lg:col-span-2"
          table={tables["channels-over-time"]}
          csvHref={csv("channels-over-time")}
          empty={o.totals.new === 0}
          description="Conversations started per channel account."
        >
          <TimeSeriesChart
            kind="stacked"
            data={points(o.channels.overTime, o.channels.list.map((c) => c.id))}
            series={o.channels.list.map((c) => ({ key: c.id, name: `${channelLabels[c.kind]} · ${c.name}`, color: channelColor.get(c.id) ?? chartPalette[0] }))}
            xLabel={x}
            yLabel="Conversations"
          />
        </ChartCard>
        <ChartCard table={tables.channels} csvHref={csv("channels")} empty={o.totals.new === 0} description="Share of the conversations started.">
          <SharesChart
            data={o.channels.shares.map((c) => ({ name: `${channelLabels[c.kind]} · ${c.name}`, count: c.count, color: channelColor.get(c.id) ?? chartPalette[0] }))}
          />
        </ChartCard>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard table={tables.tags} csvHref={csv("tags")} empty={o.tags.top.length === 0} emptyText="No conversation was tagged in this time span." description="Tags added in this time span.">
          <RankingChart data={o.tags.top.map((t) => ({ name: t.name, count: t.count }))} xLabel="Conversations tagged" />
        </ChartCard>
        <ChartCard
          table={tables["tags-over-time"]}
          csvHref={csv("tags-over-time")}
          empty={o.tags.top.length === 0}
          emptyText="No conversation was tagged in this time span."
          description="The five most used tags."
        >
          <TimeSeriesChart
            data={points(o.tags.overTime, o.tags.top.slice(0, 5).map((t) => t.id))}
            series={o.tags.top.slice(0, 5).map((t) => ({ key: t.id, name: t.name, color: tagColor.get(t.id) ?? chartPalette[0] }))}
            xLabel={x}
            yLabel="Conversations tagged"
          />
        </ChartCard>
      </div>

      <ChartCard
        table={tables.agents}
        csvHref={csv("agents")}
        empty={o.agents.length === 0}
        emptyText="No agent handled a conversation in this time span."
        description="Handled: conversations started in the span and assigned to the agent. Times run from the conversation's start."
      />

      <ChartCard
        table={tables.heatmap}
        csvHref={csv("heatmap")}
        empty={o.totals.new === 0}
        description="When customers start conversations, in your time zone. Plan the rota around the dark cells."
      >
        <Heatmap cells={o.heatmap} />
      </ChartCard>
    </StatsTheme>
  );
}

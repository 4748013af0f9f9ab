import type { Metadata } from "next";
import { ChartCard } from "@/components/statistics/chart-card";
import { ProductivityTable } from "@/components/statistics/productivity-table";
import { StatsTheme } from "@/components/statistics/stats-theme";
import { StatsToolbar } from "@/components/statistics/stats-toolbar";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { filterOptions } from "@/lib/stats/options";
import { parseStatsParams, statsQuery } from "@/lib/stats/params";
import { getProductivity } from "@/lib/stats/productivity";
import { productivityTable } from "@/lib/stats/tables";

export const metadata: Metadata = { title: "Agent productivity" };

export default async function ProductivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("statistics.read");
  const settings = await getServiceSettings();
  const { span, filters } = parseStatsParams(await searchParams, user.timeZone);
  const db = getDb();
  const [p, options] = await Promise.all([getProductivity(db, user, settings, user.timeZone, filters), filterOptions(db)]);
  const table = productivityTable(p);
  return (
    <StatsTheme className="grid gap-4">
      <StatsToolbar span={span} filters={filters} options={options} timeZone={user.timeZone} showSpan={false} />
      <ChartCard
        table={table}
        csvHref={`/api/export/statistics?format=csv&chart=productivity&${statsQuery(span, filters)}`}
        empty={p.rows.length === 0}
        emptyText={`No conversations in ${p.previous.label} or ${p.current.label} yet.`}
        description={`Requests: conversations started in the month and handled by the agent. New contacts: customers first seen that month. ${p.current.label} so far, beside all of ${p.previous.label}.`}
      >
        <ProductivityTable productivity={p} />
      </ChartCard>
    </StatsTheme>
  );
}

import { ChartCard } from "@/components/statistics/chart-card";
import type { Overview } from "@/lib/stats/overview";
import { formatSeconds, formatShare, type StatTable } from "@/lib/stats/tables";

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border bg-card p-3">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail && <dd className="text-xs text-muted-foreground">{detail}</dd>}
    </div>
  );
}

/** The span at a glance. */
export function SummaryTiles({ overview: o }: { overview: Overview }) {
  const s = o.service;
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" aria-label="Summary">
      <Tile label="New conversations" value={o.totals.new.toLocaleString("en")} />
      <Tile label="Closed" value={o.totals.closed.toLocaleString("en")} />
      <Tile label="Reopened" value={o.totals.reopened.toLocaleString("en")} />
      <Tile label="First response (median)" value={formatSeconds(s.firstResponse.median)} detail={`90% within ${formatSeconds(s.firstResponse.p90)}`} />
      <Tile label={`Answered within ${s.targetMinutes} min`} value={formatShare(s.withinTarget, s.eligible)} detail={`${s.withinTarget} of ${s.eligible}`} />
    </dl>
  );
}

function Meter({ label, part, whole }: { label: string; part: number; whole: number }) {
  const pct = whole ? Math.round((part / whole) * 100) : 0;
  return (
    <div className="grid gap-1">
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="tabular-nums">{formatShare(part, whole)}</span>
      </div>
      <div className="h-2 rounded-full bg-muted" title={`${part} of ${whole} answered within the target`}>
        <div className="h-2 rounded-full bg-[var(--stat-5)]" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** First-response and resolution times, the share answered on time, inside versus outside office hours. */
export function ServiceLevels({ overview: o, table, csvHref }: { overview: Overview; table: StatTable; csvHref: string }) {
  const s = o.service;
  const oh = s.officeHours;
  return (
    <ChartCard
      table={table}
      csvHref={csvHref}
      empty={s.eligible === 0 && s.firstResponse.count === 0}
      description={`Target: a first answer within ${s.targetMinutes} minutes (set by an admin in the service settings).`}
    >
      <div className="grid gap-4">
        <dl className="grid grid-cols-2 gap-3">
          <Tile label="First response, median" value={formatSeconds(s.firstResponse.median)} detail={`90th percentile ${formatSeconds(s.firstResponse.p90)}`} />
          <Tile label="Resolution, median" value={formatSeconds(s.resolution.median)} detail={`90th percentile ${formatSeconds(s.resolution.p90)}`} />
        </dl>
        <div className="grid gap-3">
          <Meter label="All conversations" part={s.withinTarget} whole={s.eligible} />
          {oh.configured ? (
            <>
              <Meter label="Started inside office hours" part={oh.inside.withinTarget} whole={oh.inside.eligible} />
              <Meter label="Started outside office hours" part={oh.outside.withinTarget} whole={oh.outside.eligible} />
            </>
          ) : (
            <p className="text-xs text-muted-foreground">No office hours are set up, so there is no inside/outside split yet.</p>
          )}
        </div>
      </div>
    </ChartCard>
  );
}

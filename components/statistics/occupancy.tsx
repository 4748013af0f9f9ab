import { ChartCard } from "@/components/statistics/chart-card";
import { formatDuration } from "@/lib/format";
import type { Overview } from "@/lib/stats/overview";
import type { StatTable } from "@/lib/stats/tables";

/** Right now, whatever the span: who is online, who waits in New and for how long, who holds what. */
export function Occupancy({ overview: o, table, csvHref }: { overview: Overview; table: StatTable; csvHref: string }) {
  const at = new Date(o.occupancy.at).getTime();
  const maxOpen = Math.max(1, ...o.occupancy.openPerAgent.map((a) => a.count));
  return (
    <ChartCard table={table} csvHref={csvHref} description="Live; refreshed every minute.">
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid content-start gap-2">
          <h3 className="text-sm font-medium">Agents online ({o.occupancy.online.length})</h3>
          {o.occupancy.online.length ? (
            <ul className="flex flex-wrap gap-1.5">
              {o.occupancy.online.map((u) => (
                <li key={u.id} className="flex items-center gap-1.5 rounded-full bg-muted px-2 py-0.5 text-sm">
                  <span className="size-2 rounded-full bg-success" aria-hidden="true" />
                  {u.name}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Nobody is online.</p>
          )}
          <h3 className="mt-2 text-sm font-medium">Waiting in New</h3>
          {o.occupancy.waiting.length ? (
            <ul className="grid gap-1 text-sm">
              {o.occupancy.waiting.map((w) => (
                <li key={w.teamId} className="flex justify-between gap-2">
                  <span>{w.team}</span>
                  <span className="tabular-nums" title={w.oldestSince ?? undefined}>
                    {w.count} · oldest {w.oldestSince ? formatDuration(at - new Date(w.oldestSince).getTime()) : "–"}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">Nobody is waiting.</p>
          )}
        </div>
        <div className="grid content-start gap-2">
          <h3 className="text-sm font-medium">Open conversations per agent</h3>
          {o.occupancy.openPerAgent.length ? (
            <ul className="grid gap-1.5 text-sm">
              {o.occupancy.openPerAgent.map((a) => (
                <li key={a.id} className="grid grid-cols-[minmax(0,8rem)_1fr_auto] items-center gap-2" title={`${a.name}: ${a.count} open`}>
                  <span className="truncate">{a.name}</span>
                  <span className="h-2 rounded-full bg-[var(--stat-1)]" style={{ width: `${Math.max(4, (a.count / maxOpen) * 100)}%` }} />
                  <span className="tabular-nums">{a.count}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No open conversations.</p>
          )}
        </div>
      </div>
    </ChartCard>
  );
}

import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import { channelLabels } from "@/lib/channels/labels";
import type { MonthFigures, Productivity } from "@/lib/stats/productivity";
import { formatChange } from "@/lib/stats/tables";
import { cn } from "@/lib/utils";

function Figure({ current, previous }: { current: number; previous: number }) {
  const diff = current - previous;
  return (
    <td className="px-2 py-2 text-right align-top whitespace-nowrap tabular-nums">
      <span className="block text-base font-semibold">{current}</span>
      <span className="block text-xs text-muted-foreground">was {previous}</span>
      <span
        className={cn("inline-flex items-center gap-0.5 text-xs", diff > 0 && "text-success", diff < 0 && "text-destructive", diff === 0 && "text-muted-foreground")}
        aria-label={`change ${formatChange(current, previous)}`}
      >
        {diff > 0 ? <ArrowUpIcon className="size-3" aria-hidden="true" /> : diff < 0 ? <ArrowDownIcon className="size-3" aria-hidden="true" /> : null}
        {formatChange(current, previous)}
      </span>
    </td>
  );
}

/** Each agent's month beside the previous one: requests, new contacts, and requests per channel. */
export function ProductivityTable({ productivity: p }: { productivity: Productivity }) {
  const columns: { key: string; label: string; pick: (m: MonthFigures) => number }[] = [
    { key: "requests", label: "Requests", pick: (m) => m.requests },
    { key: "contacts", label: "New contacts", pick: (m) => m.newContacts },
    ...p.kinds.map((k) => ({ key: k, label: channelLabels[k], pick: (m: MonthFigures) => m.byKind[k] ?? 0 })),
  ];
  const rows = [...p.rows, { id: "total", name: "Total", ...p.totals }];
  return (
    <div className="max-w-full overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b">
            <th scope="col" className="px-2 py-2 text-left font-medium text-muted-foreground">
              Agent
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap text-muted-foreground">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id ?? "unassigned"} className={cn("border-b last:border-0", r.id === "total" && "bg-muted/50 font-medium")}>
              <th scope="row" className="px-2 py-2 text-left align-top font-normal whitespace-nowrap">
                {r.name}
              </th>
              {columns.map((c) => (
                <Figure key={c.key} current={c.pick(r.current)} previous={c.pick(r.previous)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

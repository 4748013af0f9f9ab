import type { StatTable as Table } from "@/lib/stats/tables";
import { cn } from "@/lib/utils";

/** A statistics table: the accessible alternative to a chart, and the page's own tables. */
export function StatTable({ table, className, caption = true }: { table: Table; className?: string; caption?: boolean }) {
  return (
    <div className={cn("max-w-full overflow-x-auto", className)}>
      <table className="w-full border-collapse text-sm">
        {caption && <caption className="sr-only">{table.title}</caption>}
        <thead>
          <tr className="border-b text-left">
            {table.columns.map((c, i) => (
              <th key={i} scope="col" className={cn("px-2 py-1.5 font-medium whitespace-nowrap text-muted-foreground", i > 0 && "text-right")}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className="border-b last:border-0">
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-2 py-1.5 text-left font-normal whitespace-nowrap">
                    {cell ?? "–"}
                  </th>
                ) : (
                  <td key={i} className="px-2 py-1.5 text-right whitespace-nowrap tabular-nums">
                    {cell ?? "–"}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note && <p className="mt-2 text-xs text-muted-foreground">{table.note}</p>}
    </div>
  );
}

import { weekdays } from "@/lib/stats/tables";

/**
 * Conversations started per weekday (rows, Monday first) and local hour (columns); darker is busier.
 * Each cell names its figure in a tooltip; the table alternative sits under it in the card.
 */
export function Heatmap({ cells }: { cells: number[][] }) {
  const max = Math.max(1, ...cells.flat());
  return (
    <div className="max-w-full overflow-x-auto">
      <div className="grid min-w-[36rem] grid-cols-[3rem_repeat(24,minmax(0,1fr))] gap-0.5 text-xs">
        <span />
        {Array.from({ length: 24 }, (_, h) => (
          <span key={h} className="text-center text-muted-foreground tabular-nums">
            {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
          </span>
        ))}
        {cells.map((hours, day) => (
          <div key={day} className="contents">
            <span className="self-center pr-1 text-muted-foreground">{weekdays[day].slice(0, 3)}</span>
            {hours.map((n, hour) => (
              <span
                key={hour}
                title={`${weekdays[day]} ${String(hour).padStart(2, "0")}:00–${String(hour + 1).padStart(2, "0")}:00: ${n} conversation${n === 1 ? "" : "s"} started`}
                className="aspect-square min-h-4 rounded-sm border border-border/40"
                style={{ backgroundColor: n ? `color-mix(in oklch, var(--stat-1) ${Math.round(15 + (n / max) * 85)}%, transparent)` : undefined }}
              />
            ))}
          </div>
        ))}
      </div>
      <div className="mt-3 flex items-center justify-end gap-2 text-xs text-muted-foreground">
        <span>Hour of day (local) →</span>
        <span className="ml-3">Fewer</span>
        {[15, 40, 65, 100].map((p) => (
          <span key={p} className="size-3 rounded-sm" style={{ backgroundColor: `color-mix(in oklch, var(--stat-1) ${p}%, transparent)` }} />
        ))}
        <span>More (max {max})</span>
      </div>
    </div>
  );
}

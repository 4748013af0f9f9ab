"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/*
 * The statistics charts (recharts). Only the statistics route imports this file, so the inbox never
 * loads recharts. Colours are CSS variables (components/statistics/stats-theme.tsx), so every chart follows the theme.
 */

export type Series = { key: string; name: string; color: string };
type Point = Record<string, string | number>;

const axis = { stroke: "var(--border)", tick: { fill: "var(--muted-foreground)", fontSize: 12 } };
const tooltipStyle = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    color: "var(--popover-foreground)",
    fontSize: 13,
  },
  labelStyle: { color: "var(--popover-foreground)", fontWeight: 600 },
  itemStyle: { color: "var(--popover-foreground)" },
  cursor: { fill: "var(--muted)", opacity: 0.6 },
};
// Series keep the order they are given in (recharts sorts the legend by name otherwise).
const legendStyle = { wrapperStyle: { fontSize: 13, color: "var(--foreground)" }, itemSorter: null };

function Frame({ height = 280, children }: { height?: number; children: React.ReactElement }) {
  return (
    <div style={{ height }} className="w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Counts over time: lines for a few series, or stacked bars for shares of a whole. */
export function TimeSeriesChart({
  data,
  series,
  xLabel,
  yLabel,
  kind = "line",
}: {
  data: Point[];
  series: Series[];
  xLabel: string;
  yLabel: string;
  kind?: "line" | "stacked";
}) {
  const common = (
    <>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" {...axis} minTickGap={16} height={44} label={{ value: xLabel, position: "insideBottom", fill: "var(--muted-foreground)", fontSize: 12 }} />
      <YAxis {...axis} allowDecimals={false} width={48} label={{ value: yLabel, angle: -90, position: "insideLeft", fill: "var(--muted-foreground)", fontSize: 12, style: { textAnchor: "middle" } }} />
      <Tooltip {...tooltipStyle} />
      <Legend {...legendStyle} verticalAlign="top" height={32} />
    </>
  );
  return (
    <Frame>
      {kind === "stacked" ? (
        <BarChart data={data} margin={{ top: 4, right: 8, left: 4, bottom: 4 }}>
          {common}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="all" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      ) : (
        <LineChart data={data} margin={{ top: 4, right: 8, left: 4, bottom: 4 }}>
          {common}
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot={data.length <= 31} type="monotone" isAnimationActive={false} />
          ))}
        </LineChart>
      )}
    </Frame>
  );
}

/** Horizontal bars, largest first (most used tags). */
export function RankingChart({ data, xLabel, color = "var(--stat-1)" }: { data: { name: string; count: number }[]; xLabel: string; color?: string }) {
  return (
    <Frame height={Math.max(160, data.length * 32 + 56)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, left: 4, bottom: 4 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" {...axis} allowDecimals={false} height={40} label={{ value: xLabel, position: "insideBottom", fill: "var(--muted-foreground)", fontSize: 12 }} />
        <YAxis type="category" dataKey="name" {...axis} width={110} />
        <Tooltip {...tooltipStyle} />
        <Bar dataKey="count" name={xLabel} fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </Frame>
  );
}

/** A ring of shares, with its legend as a list under it (long account names wrap instead of overlapping). */
export function SharesChart({ data }: { data: { name: string; count: number; color: string }[] }) {
  const total = data.reduce((a, d) => a + d.count, 0);
  const share = (n: number) => (total ? `${Math.round((n / total) * 1000) / 10}%` : "–");
  return (
    <div className="grid gap-3">
      <Frame height={200}>
        <PieChart>
          <Pie data={data} dataKey="count" nameKey="name" innerRadius={55} outerRadius={90} paddingAngle={1} isAnimationActive={false} stroke="var(--card)">
            {data.map((d) => (
              <Cell key={d.name} fill={d.color} />
            ))}
          </Pie>
          <Tooltip {...tooltipStyle} formatter={(value) => [`${value} (${share(Number(value))})`, "Conversations"]} />
        </PieChart>
      </Frame>
      <ul className="grid gap-1 text-sm">
        {data.map((d) => (
          <li key={d.name} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: d.color }} />
            <span className="min-w-0 flex-1 truncate" title={d.name}>
              {d.name}
            </span>
            <span className="tabular-nums text-muted-foreground">{share(d.count)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

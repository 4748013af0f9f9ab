import { cn } from "@/lib/utils";

// The eight series colours of the statistics charts, lighter on the dark theme so they keep their contrast.
const palette = [
  "[--stat-1:oklch(0.55_0.17_268)] dark:[--stat-1:oklch(0.7_0.14_272)]",
  "[--stat-2:oklch(0.6_0.11_185)] dark:[--stat-2:oklch(0.74_0.11_185)]",
  "[--stat-3:oklch(0.7_0.15_70)] dark:[--stat-3:oklch(0.8_0.14_75)]",
  "[--stat-4:oklch(0.6_0.19_350)] dark:[--stat-4:oklch(0.72_0.16_350)]",
  "[--stat-5:oklch(0.56_0.14_150)] dark:[--stat-5:oklch(0.74_0.15_152)]",
  "[--stat-6:oklch(0.6_0.13_235)] dark:[--stat-6:oklch(0.74_0.12_235)]",
  "[--stat-7:oklch(0.62_0.17_35)] dark:[--stat-7:oklch(0.74_0.15_40)]",
  "[--stat-8:oklch(0.55_0.17_305)] dark:[--stat-8:oklch(0.72_0.14_305)]",
].join(" ");

/** The series colours in order, as CSS values for charts (defined by `StatsTheme`). */
export const chartPalette = Array.from({ length: 8 }, (_, i) => `var(--stat-${i + 1})`);

export function StatsTheme({ className, children }: { className?: string; children: React.ReactNode }) {
  return <div className={cn(palette, className)}>{children}</div>;
}

"use client";

import { useNow } from "@/components/inbox/use-now";
import { describeOpenState } from "@/lib/office-hours/describe";
import { openState } from "@/lib/office-hours/evaluate";
import type { TeamSchedule } from "@/lib/office-hours/office-hours";
import { cn } from "@/lib/utils";

/**
 * Whether a team is open now, kept current in the browser (it re-evaluates every half minute, so "Open
 * now" turns into "Closed until …" at closing time without a reload). Times read in the viewer's zone.
 */
export function OpenStateBadge({
  schedule,
  viewerTimeZone,
  variant = "full",
  className,
}: {
  schedule: Pick<TeamSchedule, "hours" | "closed" | "timeZone">;
  viewerTimeZone: string;
  /** full: "Open now · until 18:00"; brief: "Open now" / "Closed until Mon 09:00"; compact: "Open" / "Closed". */
  variant?: "full" | "brief" | "compact";
  className?: string;
}) {
  const now = useNow();
  const state = openState(schedule.hours, schedule.closed, schedule.timeZone, now);
  const full = describeOpenState(state, viewerTimeZone, now);
  const text = variant === "compact" ? (state.open ? "Open" : "Closed") : variant === "brief" && state.open ? "Open now" : full;
  return (
    <span
      title={text === full ? undefined : full}
      className={cn("inline-flex items-center gap-1.5 text-xs", state.open ? "text-success" : "text-muted-foreground", className)}
    >
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", state.open ? "bg-success" : "bg-muted-foreground/60")} />
      <span suppressHydrationWarning>{text}</span>
    </span>
  );
}

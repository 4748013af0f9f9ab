"use client";

import { OpenStateBadge } from "@/components/settings/office-hours/open-state-badge";
import type { TeamSchedule } from "@/lib/office-hours/office-hours";

export type TeamHours = { id: string; name: string; schedule: Pick<TeamSchedule, "hours" | "closed" | "timeZone"> };

/** One line above the inbox list: whether each of the viewer's teams is open now, and until when. */
export function TeamOpenStates({ teams, viewerTimeZone }: { teams: TeamHours[]; viewerTimeZone: string }) {
  if (!teams.length) return null;
  return (
    <ul aria-label="Office hours of your teams" className="flex shrink-0 flex-wrap gap-x-4 gap-y-1 border-b bg-muted/30 px-3 py-1.5">
      {teams.map((team) => (
        <li key={team.id} className="flex min-w-0 items-center gap-1.5 text-xs">
          <span className="truncate font-medium">{team.name}</span>
          <OpenStateBadge schedule={team.schedule} viewerTimeZone={viewerTimeZone} variant="brief" />
        </li>
      ))}
    </ul>
  );
}

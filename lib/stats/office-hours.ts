import type { DbOrTx } from "@/lib/db/client";
import { isOpen, nextChange } from "@/lib/office-hours/evaluate";
import { loadSchedules } from "@/lib/office-hours/office-hours";
import type { Span } from "@/lib/stats/span";

/** Per team, the instants of a span during which the team was open, as [start, end) pairs in order. */
export type OpenIntervals = Map<string, [Date, Date][]>;

/**
 * When each team with office hours was open during the span, for the "inside versus outside office
 * hours" figures; teams without office hours are always open and left out. Null when no team has office
 * hours, in which case everything counts as inside. The schedule is walked from change to change, so a
 * 90-day span costs a few hundred evaluations, not one per minute.
 */
export async function openIntervals(db: DbOrTx, span: Pick<Span, "from" | "to">): Promise<OpenIntervals | null> {
  const schedules = await loadSchedules(db, undefined, span.from);
  const result: OpenIntervals = new Map();
  for (const s of schedules.values()) {
    if (!s.hours.length && !s.closed.length) continue;
    const intervals: [Date, Date][] = [];
    let at = span.from;
    let open = isOpen(s.hours, s.closed, s.timeZone, at);
    while (at < span.to) {
      const change = nextChange(s.hours, s.closed, s.timeZone, at);
      const end = change && change < span.to ? change : span.to;
      if (open) intervals.push([at, end]);
      at = end;
      open = !open;
    }
    result.set(s.teamId, intervals);
  }
  return result.size ? result : null;
}

/** Postgres tstzmultirange text for a list of intervals: '{[a,b),[c,d)}'. */
export function multirangeLiteral(intervals: [Date, Date][]): string {
  return `{${intervals.map(([a, b]) => `[${a.toISOString()},${b.toISOString()})`).join(",")}}`;
}

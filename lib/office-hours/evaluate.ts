/**
 * Office-hours evaluation, free of the database and of React, so the server (away replies) and the
 * browser (the inbox's "Open now" line) give the same answer.
 *
 * Everything is computed with Intl, which carries the IANA time-zone database in both Node and the
 * browser and is updated with the runtime. Two primitives are enough: the wall clock of a zone at an
 * instant, and the zone's UTC offset at an instant. `nextChange` never turns a wall-clock time back into
 * an instant in general (the step where daylight saving makes times ambiguous or missing); it walks
 * forward in stretches of constant offset, inside which wall-clock time is just `instant + offset`.
 */

/** One opening range of a weekday: ISO weekday (1 = Monday … 7 = Sunday), minutes from local midnight, end exclusive (≤ 1440). */
export type WeeklyRange = { weekday: number; start: number; end: number };

/** Whole days a team is closed, inclusive, as YYYY-MM-DD dates in the team's zone. */
export type ClosedDates = { from: string; to: string };

/** A wall-clock reading: the local date, ISO weekday and minute of the day. */
export type WallClock = { date: string; weekday: number; minute: number };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far `nextChange` looks ahead: past a year of holidays, the answer is "not soon". */
const HORIZON_DAYS = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone name Intl knows ("Europe/Amsterdam", "UTC"); false for anything else. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Each zone's last reading: away replies ask for "now" on every inbound message, and formatting is slow. */
const lastReading = new Map<string, { minute: number; wall: number }>();

/** The zone's wall clock at `at`, as milliseconds of a UTC date with the same reading (seconds dropped). */
function wallMs(at: number, timeZone: string): number {
  const minute = Math.floor(at / MINUTE);
  const last = lastReading.get(timeZone);
  if (last?.minute === minute) return last.wall;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  lastReading.set(timeZone, { minute, wall });
  return wall;
}

/** The zone's offset from UTC at `at`, in milliseconds (whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  return wallMs(at, timeZone) - Math.floor(at / MINUTE) * MINUTE;
}

function readWall(ms: number): WallClock {
  const day = Math.floor(ms / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  return { date: new Date(day).toISOString().slice(0, 10), weekday: weekday === 0 ? 7 : weekday, minute: (ms - day) / MINUTE };
}

/** The wall clock of `timeZone` at `at`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  return readWall(wallMs(at.getTime(), timeZone));
}

function openAtWall(hours: readonly WeeklyRange[], closed: readonly ClosedDates[], wall: WallClock): boolean {
  if (closed.some((c) => c.from <= wall.date && wall.date <= c.to)) return false;
  if (hours.length === 0) return true;
  return hours.some((r) => r.weekday === wall.weekday && r.start <= wall.minute && wall.minute < r.end);
}

/**
 * Whether a team is open at `at`: not on a closed date, and inside one of the day's ranges — or always,
 * when the team has no ranges at all ("when not set, you are always open for business").
 */
export function isOpen(hours: readonly WeeklyRange[], closed: readonly ClosedDates[], timeZone: string, at: Date): boolean {
  return openAtWall(hours, closed, wallClock(at, timeZone));
}

/**
 * The first moment after `at` at which `isOpen` changes its answer, or null when it does not change
 * within about a year (always open, or closed for longer than that).
 */
export function nextChange(hours: readonly WeeklyRange[], closed: readonly ClosedDates[], timeZone: string, at: Date): Date | null {
  if (hours.length === 0 && closed.length === 0) return null;
  const from = at.getTime();
  const current = isOpen(hours, closed, timeZone, at);
  // Wall-clock minutes at which the answer can flip on each weekday: midnight (closed dates) and every range edge.
  const edges = new Map<number, number[]>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const own = hours.filter((r) => r.weekday === weekday).flatMap((r) => [r.start, r.end]);
    edges.set(weekday, [...new Set([0, ...own.filter((m) => m < 1440)])].sort((a, b) => a - b));
  }
  const changed = (t: number) => isOpen(hours, closed, timeZone, new Date(t)) !== current;

  let start = Math.floor(from / MINUTE) * MINUTE;
  const horizon = start + HORIZON_DAYS * DAY;
  while (start < horizon) {
    const offset = offsetAt(start, timeZone);
    let end = start + DAY;
    if (offsetAt(end, timeZone) !== offset) end = firstMinuteWithOtherOffset(start, end, offset, timeZone);
    // A stretch after a daylight-saving jump starts at a new wall-clock time: the answer may flip right there.
    if (start > from && changed(start)) return new Date(start);
    // Inside [start, end) the offset is constant, so wall-clock time is instant + offset and only edges matter.
    const firstDay = Math.floor((start + offset) / DAY) * DAY;
    for (let day = firstDay; day < end + offset; day += DAY) {
      for (const minute of edges.get(readWall(day).weekday) ?? []) {
        const t = day + minute * MINUTE - offset;
        if (t > from && t >= start && t < end && changed(t)) return new Date(t);
      }
    }
    start = end;
  }
  return null;
}

/** Binary search for a daylight-saving change inside (lo, hi]: the first whole minute with a different offset. */
function firstMinuteWithOtherOffset(lo: number, hi: number, offset: number, timeZone: string): number {
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Whether the team is open at `at` and until when that holds (null: no change within about a year). */
export function openState(
  hours: readonly WeeklyRange[],
  closed: readonly ClosedDates[],
  timeZone: string,
  at: Date,
): { open: boolean; until: Date | null } {
  return { open: isOpen(hours, closed, timeZone, at), until: nextChange(hours, closed, timeZone, at) };
}

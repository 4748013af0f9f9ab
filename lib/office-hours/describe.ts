/** Words for a team's open state, in the viewer's time zone (which may differ from the team's). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, f);
  }
  return f.format(date);
}

const time = { hour: "2-digit", minute: "2-digit" } as const;

/** "17:00" today, "Mon 09:00" within the week, "29 Dec 09:00" further out — as the viewer's clock reads. */
export function formatChangeTime(at: Date, viewerTimeZone: string, now: Date): string {
  const day = (d: Date) => format(d, viewerTimeZone, { year: "numeric", month: "2-digit", day: "2-digit" });
  if (day(at) === day(now)) return format(at, viewerTimeZone, time);
  if (at.getTime() - now.getTime() < 6 * 24 * 3_600_000) return format(at, viewerTimeZone, { weekday: "short", ...time });
  return format(at, viewerTimeZone, { day: "numeric", month: "short", ...time });
}

/** "Open now" / "Open now · until 17:00" / "Closed until Mon 09:00" / "Closed". */
export function describeOpenState(state: { open: boolean; until: Date | null }, viewerTimeZone: string, now: Date): string {
  if (state.open) return state.until ? `Open now · until ${formatChangeTime(state.until, viewerTimeZone, now)}` : "Open now";
  return state.until ? `Closed until ${formatChangeTime(state.until, viewerTimeZone, now)}` : "Closed";
}

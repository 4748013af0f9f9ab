/** Times are always shown in the viewer's own time zone, never the server's. */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = "en-GB"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

function dayKey(date: Date, timeZone: string): string {
  return formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

export function formatTime(date: Date, timeZone: string): string {
  return formatter(timeZone, { hour: "2-digit", minute: "2-digit" }).format(date);
}

export function formatDateTime(date: Date, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}

/** List timestamps: the time today, the weekday within a week, the date before that. */
export function formatListTime(date: Date, timeZone: string, now = new Date()): string {
  if (dayKey(date, timeZone) === dayKey(now, timeZone)) return formatTime(date, timeZone);
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days < 6.5) return formatter(timeZone, { weekday: "short" }).format(date);
  const sameYear = formatter(timeZone, { year: "numeric" }).format(date) === formatter(timeZone, { year: "numeric" }).format(now);
  return formatter(timeZone, sameYear ? { day: "numeric", month: "short" } : { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** Day separators in a thread: Today, Yesterday, or the date. */
export function formatDay(date: Date, timeZone: string, now = new Date()): string {
  const key = dayKey(date, timeZone);
  if (key === dayKey(now, timeZone)) return "Today";
  if (key === dayKey(new Date(now.getTime() - 86_400_000), timeZone)) return "Yesterday";
  return formatter(timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date);
}

export function sameDay(a: Date, b: Date, timeZone: string): boolean {
  return dayKey(a, timeZone) === dayKey(b, timeZone);
}

/** "4 min", "2 h 5 min", "3 d": how long someone has been waiting. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} d`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The name to show for a customer: their name, else the number or handle the channel gave us. */
export function customerLabel(name: string | null | undefined, handle: string | null | undefined): string {
  return name?.trim() || handle?.trim() || "Unknown customer";
}

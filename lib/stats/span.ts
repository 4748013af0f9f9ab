/**
 * The time span a statistics page covers, in the viewer's own time zone. Pure (no server imports): the
 * span picker in the browser uses the same presets and labels.
 *
 * A span is half-open, [from, to), with both ends at local midnight, so "last 7 days" means today and the
 * six days before, whole days, wherever the viewer is; a day with a daylight-saving change is 23 or 25
 * hours long.
 */
export const spanPresets = ["today", "7d", "30d", "90d", "this-month", "last-month", "custom"] as const;
export type SpanPreset = (typeof spanPresets)[number];

export const spanPresetLabels: Record<SpanPreset, string> = {
  today: "Today",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  "this-month": "This month",
  "last-month": "Last month",
  custom: "Custom range",
};

export type Bucket = "hour" | "day" | "week";

export type Span = {
  preset: SpanPreset;
  /** Local calendar dates, inclusive: "2026-03-01" … "2026-03-31". */
  fromDate: string;
  toDate: string;
  from: Date;
  to: Date;
  timeZone: string;
  bucket: Bucket;
};

/** The longest custom range: a year and a bit, so a page never aggregates without bound. */
export const MAX_SPAN_DAYS = 400;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parts(date: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Minutes the zone is ahead of UTC at `date` (Amsterdam in summer: 120). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local wall-clock time happens in `timeZone` (a time skipped by DST moves forward). */
export function zonedTime(y: number, m: number, d: number, timeZone: string, h = 0, mi = 0): Date {
  const wall = Date.UTC(y, m - 1, d, h, mi);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  // One correction covers a guess that landed on the other side of a DST change.
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The local calendar date of an instant, "YYYY-MM-DD". */
export function localDate(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}

function splitDate(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y, m, d];
}

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = splitDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = splitDate(a);
  const [by, bm, bd] = splitDate(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

function isValidDate(value: string | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  const [y, m, d] = splitDate(value);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

export function firstOfMonth(date: string, monthsAhead = 0): string {
  const [y, m] = splitDate(date);
  return new Date(Date.UTC(y, m - 1 + monthsAhead, 1)).toISOString().slice(0, 10);
}

/** Hours for a day or two, days up to about two months, weeks beyond. */
export function bucketFor(days: number): Bucket {
  if (days <= 2) return "hour";
  if (days <= 62) return "day";
  return "week";
}

/** A span from local dates (inclusive). */
export function spanFromDates(preset: SpanPreset, fromDate: string, toDate: string, timeZone: string): Span {
  const [fy, fm, fd] = splitDate(fromDate);
  const [ty, tm, td] = splitDate(addDays(toDate, 1));
  return {
    preset,
    fromDate,
    toDate,
    from: zonedTime(fy, fm, fd, timeZone),
    to: zonedTime(ty, tm, td, timeZone),
    timeZone,
    bucket: bucketFor(daysBetween(fromDate, toDate) + 1),
  };
}

export type SpanInput = { span?: string; from?: string; to?: string };

/**
 * The span a request asks for; anything missing or malformed falls back to the last 30 days, and a
 * custom range is put in order and capped at MAX_SPAN_DAYS.
 */
export function resolveSpan(input: SpanInput, timeZone: string, now = new Date()): Span {
  const today = localDate(now, timeZone);
  const preset = (spanPresets as readonly string[]).includes(input.span ?? "") ? (input.span as SpanPreset) : "30d";
  switch (preset) {
    case "today":
      return spanFromDates(preset, today, today, timeZone);
    case "7d":
      return spanFromDates(preset, addDays(today, -6), today, timeZone);
    case "30d":
      return spanFromDates(preset, addDays(today, -29), today, timeZone);
    case "90d":
      return spanFromDates(preset, addDays(today, -89), today, timeZone);
    case "this-month":
      return spanFromDates(preset, firstOfMonth(today), addDays(firstOfMonth(today, 1), -1), timeZone);
    case "last-month":
      return spanFromDates(preset, firstOfMonth(today, -1), addDays(firstOfMonth(today), -1), timeZone);
    case "custom": {
      if (!isValidDate(input.from) || !isValidDate(input.to)) return resolveSpan({ span: "30d" }, timeZone, now);
      const [a, b] = input.from <= input.to ? [input.from, input.to] : [input.to, input.from];
      return spanFromDates(preset, daysBetween(a, b) >= MAX_SPAN_DAYS ? addDays(b, -(MAX_SPAN_DAYS - 1)) : a, b, timeZone);
    }
  }
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3 Mar 2026", from a local date. */
export function formatLocalDate(date: string, withYear = true): string {
  const [y, m, d] = splitDate(date);
  return withYear ? `${d} ${monthNames[m - 1]} ${y}` : `${d} ${monthNames[m - 1]}`;
}

/** "1 – 31 Mar 2026", "Today, 3 Mar 2026". */
export function describeSpan(span: Pick<Span, "preset" | "fromDate" | "toDate">): string {
  if (span.fromDate === span.toDate) return formatLocalDate(span.fromDate);
  const sameYear = span.fromDate.slice(0, 4) === span.toDate.slice(0, 4);
  return `${formatLocalDate(span.fromDate, !sameYear)} – ${formatLocalDate(span.toDate)}`;
}

/** The label of one bucket from its local start, "2026-03-29T14:00". */
export function bucketLabel(key: string, bucket: Bucket): string {
  const date = key.slice(0, 10);
  if (bucket === "hour") return key.slice(11, 16);
  if (bucket === "week") return `Week of ${formatLocalDate(date, false)}`;
  return formatLocalDate(date, false);
}

/** A safe piece of a file name for the span: "2026-03-01_2026-03-31". */
export function spanFileTag(span: Pick<Span, "fromDate" | "toDate">): string {
  return span.fromDate === span.toDate ? span.fromDate : `${span.fromDate}_${span.toDate}`;
}

/**
 * The zone's UTC offset across [from, to) as pieces: each holds from its start until the next piece's
 * start. Daylight-saving changes are found day by day and pinned to the second.
 */
export function offsetPieces(from: Date, to: Date, timeZone: string): { start: Date; offsetSeconds: number }[] {
  const pieces = [{ start: from, offsetSeconds: offsetMinutes(from, timeZone) * 60 }];
  const step = 6 * 3_600_000;
  for (let t = from.getTime() + step; t < to.getTime() + step; t += step) {
    const at = Math.min(t, to.getTime() - 1);
    const offset = offsetMinutes(new Date(at), timeZone) * 60;
    const last = pieces[pieces.length - 1];
    if (offset === last.offsetSeconds) continue;
    // In whole seconds: the first second with the new offset.
    let lo = Math.floor(Math.max(last.start.getTime(), at - step) / 1000);
    let hi = Math.ceil(at / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(new Date(mid * 1000), timeZone) * 60 === offset) hi = mid;
      else lo = mid;
    }
    pieces.push({ start: new Date(hi * 1000), offsetSeconds: offset });
  }
  return pieces;
}

/** The local date of a day number (days since 1970-01-01 in local wall-clock time). */
export function dayNumberDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

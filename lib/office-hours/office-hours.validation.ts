import { z } from "zod";
import { isValidTimeZone } from "@/lib/office-hours/evaluate";

/** Shared by the office-hours forms (in the browser) and lib/office-hours (on the server). No server imports. */

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const MAX_RANGES_PER_DAY = 12;

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "09:30" → 570. */
export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** 570 → "09:30"; 1440 (midnight at the end of the day) → "00:00", as a time input shows it. */
export function toClock(minutes: number): string {
  const m = minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** A range's end in minutes: an end of 00:00 means midnight at the end of the day. */
export function endMinutes(hhmm: string): number {
  return toMinutes(hhmm) || 1440;
}

const rangeSchema = z.object({
  start: z.string().regex(clock, "Enter a time like 09:00."),
  end: z.string().regex(clock, "Enter a time like 17:00."),
});

export const timeZoneSchema = z.string().trim().min(1, "Pick a time zone.").refine(isValidTimeZone, "Pick a time zone from the list.");

export const weekScheduleSchema = z
  .object({
    teamId: z.uuid(),
    timeZone: timeZoneSchema,
    /** Monday first, seven days. */
    days: z
      .array(z.object({ ranges: z.array(rangeSchema).max(MAX_RANGES_PER_DAY, `At most ${MAX_RANGES_PER_DAY} ranges a day.`) }))
      .length(7),
  })
  .superRefine((value, ctx) => {
    value.days.forEach((day, d) => {
      const valid = day.ranges
        .map((r, i) => ({ i, start: toMinutes(r.start), end: endMinutes(r.end), ok: clock.test(r.start) && clock.test(r.end) }))
        .filter((r) => r.ok);
      for (const r of valid) {
        if (r.end <= r.start) ctx.addIssue({ code: "custom", path: ["days", d, "ranges", r.i, "end"], message: "Must be later than the start." });
      }
      const sorted = valid.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.i - b.i);
      for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        if (cur.start < prev.end) {
          ctx.addIssue({
            code: "custom",
            path: ["days", d, "ranges", cur.i, "start"],
            message: `Overlaps ${toClock(prev.start)}–${toClock(prev.end)}.`,
          });
        }
      }
    });
  });

export type WeekScheduleInput = z.input<typeof weekScheduleSchema>;

const isoDate = z.iso.date("Pick a date.");

export const closedDatesSchema = z
  .object({
    teamId: z.uuid(),
    from: isoDate,
    /** Empty for a single day. */
    to: z.union([isoDate, z.literal("")]),
    label: z.string().trim().max(60, "At most 60 characters."),
  })
  .refine((v) => !v.to || v.to >= v.from, { path: ["to"], message: "Must be on or after the first day." });

export type ClosedDatesInput = z.input<typeof closedDatesSchema>;

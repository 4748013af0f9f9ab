import { describe, expect, it } from "vitest";
import { describeOpenState } from "@/lib/office-hours/describe";
import { isOpen, nextChange, wallClock, type ClosedDates, type WeeklyRange } from "@/lib/office-hours/evaluate";

const h = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const range = (weekday: number, start: string, end: string): WeeklyRange => ({ weekday, start: h(start), end: h(end) });
const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]) => days.map((d) => range(d, start, end));
const at = (iso: string) => new Date(iso);
const none: ClosedDates[] = [];

/** Every change from `from` on, `count` of them, as ISO strings. */
function changes(hours: WeeklyRange[], closed: ClosedDates[], zone: string, from: string, count: number): string[] {
  const out: string[] = [];
  let t: Date | null = at(from);
  for (let i = 0; i < count && t; i++) {
    t = nextChange(hours, closed, zone, t);
    if (t) out.push(t.toISOString());
  }
  return out;
}

describe("office hours: Europe/Amsterdam across daylight saving", () => {
  const zone = "Europe/Amsterdam";
  const office = weekdays("09:00", "17:00");

  it("opens at 09:00 local on both sides of the March change (08:00 UTC before, 07:00 UTC after)", () => {
    // Last Sunday of March 2025 is the 30th: 02:00 CET jumps to 03:00 CEST.
    expect(isOpen(office, none, zone, at("2025-03-28T07:59:00Z"))).toBe(false);
    expect(isOpen(office, none, zone, at("2025-03-28T08:00:00Z"))).toBe(true);
    expect(isOpen(office, none, zone, at("2025-03-31T06:59:00Z"))).toBe(false);
    expect(isOpen(office, none, zone, at("2025-03-31T07:00:00Z"))).toBe(true);
    expect(nextChange(office, none, zone, at("2025-03-28T16:30:00Z"))?.toISOString()).toBe("2025-03-31T07:00:00.000Z");
    expect(changes(office, none, zone, "2025-03-28T12:00:00Z", 3)).toEqual([
      "2025-03-28T16:00:00.000Z",
      "2025-03-31T07:00:00.000Z",
      "2025-03-31T15:00:00.000Z",
    ]);
  });

  it("counts the real, shorter night on the spring-forward Sunday and never opens a missing hour", () => {
    const sunday = [range(7, "01:00", "04:00")];
    // 01:00 CET = 00:00 UTC; 04:00 CEST = 02:00 UTC: two hours, not three.
    expect(changes(sunday, none, zone, "2025-03-29T12:00:00Z", 2)).toEqual(["2025-03-30T00:00:00.000Z", "2025-03-30T02:00:00.000Z"]);
    // 02:00–03:00 does not exist on that Sunday: closed all along, next open the Sunday after.
    const missing = [range(7, "02:00", "03:00")];
    for (const t of ["2025-03-30T00:59:00Z", "2025-03-30T01:00:00Z", "2025-03-30T01:30:00Z"]) expect(isOpen(missing, none, zone, at(t))).toBe(false);
    expect(nextChange(missing, none, zone, at("2025-03-29T12:00:00Z"))?.toISOString()).toBe("2025-04-06T00:00:00.000Z");
  });

  it("lives through the repeated hour of the October change as the wall clock does", () => {
    // Last Sunday of October 2025 is the 26th: 03:00 CEST falls back to 02:00 CET (01:00 UTC).
    const sunday = [range(7, "02:30", "04:00")];
    expect(isOpen(sunday, none, zone, at("2025-10-26T00:29:00Z"))).toBe(false);
    expect(isOpen(sunday, none, zone, at("2025-10-26T00:30:00Z"))).toBe(true); // 02:30 CEST
    expect(isOpen(sunday, none, zone, at("2025-10-26T01:00:00Z"))).toBe(false); // back to 02:00 CET
    expect(isOpen(sunday, none, zone, at("2025-10-26T01:30:00Z"))).toBe(true); // 02:30 CET, again
    expect(changes(sunday, none, zone, "2025-10-25T12:00:00Z", 4)).toEqual([
      "2025-10-26T00:30:00.000Z",
      "2025-10-26T01:00:00.000Z",
      "2025-10-26T01:30:00.000Z",
      "2025-10-26T03:00:00.000Z",
    ]);
    // The working week after it opens an hour later in UTC.
    expect(nextChange(office, none, zone, at("2025-10-24T16:00:00Z"))?.toISOString()).toBe("2025-10-27T08:00:00.000Z");
  });
});

describe("office hours: other zones", () => {
  it("follows New York's March and November changes", () => {
    const zone = "America/New_York";
    const office = weekdays("09:00", "17:00");
    // 2025-03-09: EST → EDT. Friday closes at 22:00 UTC, Monday opens at 13:00 UTC.
    expect(nextChange(office, none, zone, at("2025-03-07T21:00:00Z"))?.toISOString()).toBe("2025-03-07T22:00:00.000Z");
    expect(nextChange(office, none, zone, at("2025-03-07T22:00:00Z"))?.toISOString()).toBe("2025-03-10T13:00:00.000Z");
    // 2025-11-02: EDT → EST. Friday closes at 21:00 UTC, Monday opens at 14:00 UTC.
    expect(changes(office, none, zone, "2025-10-31T20:00:00Z", 2)).toEqual(["2025-10-31T21:00:00.000Z", "2025-11-03T14:00:00.000Z"]);
    expect(wallClock(at("2025-11-03T14:00:00Z"), zone)).toEqual({ date: "2025-11-03", weekday: 1, minute: 540 });
  });

  it("evaluates a Kolkata team in its own zone and words it in the viewer's", () => {
    const zone = "Asia/Kolkata"; // UTC+05:30, no daylight saving
    const office = weekdays("10:00", "19:00", [1, 2, 3, 4, 5, 6]);
    // Monday 2 June 2025 10:00 IST = 04:30 UTC, whoever looks.
    expect(isOpen(office, none, zone, at("2025-06-02T04:29:00Z"))).toBe(false);
    expect(isOpen(office, none, zone, at("2025-06-02T04:30:00Z"))).toBe(true);
    const now = at("2025-06-01T12:00:00Z"); // Sunday: closed
    const state = { open: isOpen(office, none, zone, now), until: nextChange(office, none, zone, now) };
    expect(state.until?.toISOString()).toBe("2025-06-02T04:30:00.000Z");
    expect(describeOpenState(state, "Asia/Kolkata", now)).toBe("Closed until Mon 10:00");
    // A viewer in Los Angeles reads the same moment as Sunday evening, and as "today" for them.
    expect(describeOpenState(state, "America/Los_Angeles", now)).toBe("Closed until 21:30");
    expect(describeOpenState(state, "Europe/Amsterdam", now)).toBe("Closed until Mon 06:30");
  });

  it("runs an overnight shift as one stretch across midnight", () => {
    const zone = "UTC";
    const night = [range(5, "22:00", "24:00"), range(6, "00:00", "06:00")];
    expect(isOpen(night, none, zone, at("2025-06-06T23:59:00Z"))).toBe(true);
    expect(isOpen(night, none, zone, at("2025-06-07T00:00:00Z"))).toBe(true);
    expect(nextChange(night, none, zone, at("2025-06-06T23:00:00Z"))?.toISOString()).toBe("2025-06-07T06:00:00.000Z");
    expect(describeOpenState({ open: true, until: at("2025-06-07T06:00:00Z") }, zone, at("2025-06-06T23:00:00Z"))).toBe(
      "Open now · until Sat 06:00",
    );
  });
});

describe("office hours: closed dates and always open", () => {
  const zone = "Europe/Amsterdam";
  const office = weekdays("09:00", "17:00");
  const christmas: ClosedDates[] = [{ from: "2025-12-25", to: "2025-12-26" }];

  it("stays closed on closed dates, in the team's calendar", () => {
    expect(isOpen(office, christmas, zone, at("2025-12-25T10:00:00Z"))).toBe(false);
    expect(isOpen(office, christmas, zone, at("2025-12-26T10:00:00Z"))).toBe(false);
    // Wednesday 24th closes at 17:00 CET; Thu/Fri are holidays, then the weekend: Monday 29th, 09:00.
    expect(changes(office, christmas, zone, "2025-12-24T12:00:00Z", 2)).toEqual(["2025-12-24T16:00:00.000Z", "2025-12-29T08:00:00.000Z"]);
  });

  it("is always open without ranges, except on closed dates (from local midnight to midnight)", () => {
    expect(isOpen([], none, zone, at("2025-12-25T03:00:00Z"))).toBe(true);
    expect(nextChange([], none, zone, at("2025-12-25T03:00:00Z"))).toBeNull();
    expect(describeOpenState({ open: true, until: null }, zone, at("2025-12-25T03:00:00Z"))).toBe("Open now");
    // 25 Dec 00:00 CET is 24 Dec 23:00 UTC.
    expect(isOpen([], christmas, zone, at("2025-12-24T22:59:00Z"))).toBe(true);
    expect(isOpen([], christmas, zone, at("2025-12-24T23:00:00Z"))).toBe(false);
    expect(changes([], christmas, zone, "2025-12-24T12:00:00Z", 3)).toEqual(["2025-12-24T23:00:00.000Z", "2025-12-26T23:00:00.000Z"]);
  });

  it("gives no next change when closed for longer than it looks ahead", () => {
    const closedLong: ClosedDates[] = [{ from: "2025-01-01", to: "2027-12-31" }];
    expect(isOpen(office, closedLong, zone, at("2025-06-02T10:00:00Z"))).toBe(false);
    expect(nextChange(office, closedLong, zone, at("2025-06-02T10:00:00Z"))).toBeNull();
    expect(describeOpenState({ open: false, until: null }, zone, at("2025-06-02T10:00:00Z"))).toBe("Closed");
  });
});

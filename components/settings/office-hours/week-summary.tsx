import { weekdayNames, type WeekScheduleInput } from "@/lib/office-hours/office-hours.validation";

/** The week as text, for readers who cannot change it. */
export function WeekSummary({ days }: { days: WeekScheduleInput["days"] }) {
  if (days.every((d) => d.ranges.length === 0)) {
    return <p className="text-sm text-muted-foreground">No hours set: always open (except on closed dates).</p>;
  }
  return (
    <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
      {weekdayNames.map((name, d) => (
        <div key={name} className="contents">
          <dt className="font-medium">{name}</dt>
          <dd className={days[d].ranges.length ? "" : "text-muted-foreground"}>
            {days[d].ranges.length
              ? days[d].ranges.map((r) => `${r.start}–${r.end === "00:00" ? "24:00" : r.end}`).join(", ")
              : "Closed"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

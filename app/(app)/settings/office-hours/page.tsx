import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClosedDates } from "@/components/settings/office-hours/closed-dates";
import { OpenStateBadge } from "@/components/settings/office-hours/open-state-badge";
import { WeekScheduleForm } from "@/components/settings/office-hours/week-schedule-form";
import { WeekSummary } from "@/components/settings/office-hours/week-summary";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { loadSchedules, officeHoursPage } from "@/lib/office-hours/office-hours";
import { requireSettingsSection } from "@/lib/settings/access";
import { listTeams } from "@/lib/teams";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Office hours" };

function timeZoneList(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort();
}

export default async function OfficeHoursPage({ searchParams }: { searchParams: Promise<{ team?: string }> }) {
  const { user, canChange } = await requireSettingsSection("office-hours");
  const db = getDb();
  const [{ team: requested }, teams, schedules] = await Promise.all([searchParams, listTeams(db), loadSchedules(db)]);
  const teamId = requested ?? teams[0]?.id;
  const page = teamId ? await officeHoursPage(db, teamId) : null;
  if (!page) notFound();
  const { team } = page;
  const schedule = schedules.get(team.id);

  return (
    <>
      <SettingsHeader
        title="Office hours"
        description="When each team answers, in the team's own time zone. Outside these hours, customers who write get the out-of-office messages of their channel. A team without hours is always open."
        readOnly={!canChange}
      />
      <nav aria-label="Teams" className="mb-6">
        <ul className="flex flex-wrap gap-2">
          {teams.map((t) => {
            const own = schedules.get(t.id);
            return (
              <li key={t.id}>
                <Link
                  href={`/settings/office-hours?team=${t.id}`}
                  scroll={false}
                  aria-current={t.id === team.id ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-full border px-3 py-1.5 text-sm outline-hidden hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    t.id === team.id && "border-primary bg-accent font-medium text-accent-foreground",
                  )}
                >
                  {t.name}
                  {own && <OpenStateBadge schedule={own} viewerTimeZone={user.timeZone} variant="compact" />}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Weekly hours of {team.name}</h2>
            </CardTitle>
            <CardDescription className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>Times are in {team.timeZone.replaceAll("_", " ")}.</span>
              {schedule && <OpenStateBadge schedule={schedule} viewerTimeZone={user.timeZone} />}
            </CardDescription>
          </CardHeader>
          <CardContent>
            {canChange ? (
              <WeekScheduleForm
                key={team.id}
                teamName={team.name}
                timeZones={timeZoneList(team.timeZone)}
                initial={{ teamId: team.id, timeZone: team.timeZone, days: page.days }}
              />
            ) : (
              <WeekSummary days={page.days} />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Closed dates</h2>
            </CardTitle>
            <CardDescription>Holidays and other days {team.name} is closed all day, whatever the weekly hours say.</CardDescription>
          </CardHeader>
          <CardContent>
            <ClosedDates key={team.id} teamId={team.id} teamName={team.name} rows={page.closed} canChange={canChange} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}

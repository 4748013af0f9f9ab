import type { Metadata } from "next";
import Link from "next/link";
import { SeatsForm } from "@/components/settings/seats/seats-form";
import { SettingsCard } from "@/components/settings/settings-card";
import { SettingsHeader } from "@/components/settings/settings-header";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { requireSettingsSection } from "@/lib/settings/access";
import { seatSummary } from "@/lib/users";

export const metadata: Metadata = { title: "Orders & seats" };

export default async function SeatsPage() {
  const { user, settings, section, canChange } = await requireSettingsSection("seats");
  const seats = await seatSummary(getDb());
  const usedShare = Math.min(100, Math.round((seats.used / Math.max(1, seats.seats)) * 100));
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} readOnly={!canChange} />
      <div className="grid gap-6">
        <SettingsCard title="Plan">
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-muted-foreground">Organisation</dt>
              <dd className="mt-1 font-medium">{settings.companyName}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Started on</dt>
              <dd className="mt-1 font-medium">{formatDateTime(settings.planStartedAt, user.timeZone)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Seats</dt>
              <dd className="mt-1 font-medium">{seats.seats}</dd>
            </div>
          </dl>
        </SettingsCard>
        <SettingsCard
          title="Seats"
          description={
            <>
              Administrators, supervisors and agents take a seat; watchers and disabled users do not. A new user becomes an agent while a
              seat is free, and a watcher otherwise. Roles are changed under{" "}
              <Link href="/settings/users" className="text-primary underline-offset-4 hover:underline">
                Users
              </Link>
              .
            </>
          }
        >
          <div className="grid gap-5">
            <div>
              <p className="mb-2 text-sm">
                <strong>{seats.used}</strong> in use · <strong>{seats.free}</strong> free · {seats.seats} in total
              </p>
              <div
                className="h-2 overflow-hidden rounded-full bg-muted"
                role="meter"
                aria-label="Seats in use"
                aria-valuemin={0}
                aria-valuemax={seats.seats}
                aria-valuenow={seats.used}
              >
                <div className={seats.free === 0 ? "h-full bg-warning" : "h-full bg-primary"} style={{ width: `${usedShare}%` }} />
              </div>
            </div>
            {canChange && <SeatsForm seats={seats.seats} used={seats.used} />}
          </div>
        </SettingsCard>
      </div>
    </>
  );
}

import { SearchIcon, UsersIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SettingsHeader } from "@/components/settings/settings-header";
import { InvitationsList } from "@/components/settings/users/invitations-list";
import { InviteDialog } from "@/components/settings/users/invite-dialog";
import { UsersList } from "@/components/settings/users/users-list";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { getDb } from "@/lib/db/client";
import { requireSettingsSection } from "@/lib/settings/access";
import { listOpenInvitations } from "@/lib/settings/invitations";
import { listUsers } from "@/lib/settings/users";
import { listTeams } from "@/lib/teams";
import { seatSummary } from "@/lib/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { user, section, canChange } = await requireSettingsSection("users");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) ?? "";
  const db = getDb();
  const [people, seats, invitations, teams] = await Promise.all([listUsers(db, { q }), seatSummary(db), listOpenInvitations(db), listTeams(db)]);
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} readOnly={!canChange}>
        {canChange && <InviteDialog teams={teams} seatsFree={seats.free} />}
      </SettingsHeader>
      <div className="grid gap-6">
        <p className="flex flex-wrap items-center justify-between gap-2 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
          <span>
            <strong>{seats.used}</strong> of {seats.seats} seats in use · <strong>{seats.free}</strong> free. Administrators, supervisors
            and agents take a seat; watchers do not.
          </span>
          <Link href="/settings/seats" className="text-primary underline-offset-4 hover:underline">
            Orders &amp; seats
          </Link>
        </p>
        <form role="search" className="flex gap-2" action="/settings/users">
          <Input type="search" name="q" defaultValue={q} placeholder="Search by name or e-mail" aria-label="Search users" className="max-w-sm" />
          <Button type="submit" variant="outline">
            <SearchIcon aria-hidden="true" />
            Search
          </Button>
        </form>
        {people.length ? (
          <UsersList
            users={people.map((p) => ({ ...p, lastSeenAt: p.lastSeenAt?.toISOString() ?? null }))}
            canChange={canChange}
            currentUserId={user.id}
            seatsFree={seats.free}
            timeZone={user.timeZone}
          />
        ) : (
          <EmptyState
            icon={UsersIcon}
            headingLevel={2}
            title={`Nobody matches “${q}”`}
            description="Search by part of a name or an e-mail address."
            action={
              <Button asChild variant="outline">
                <Link href="/settings/users">Show everyone</Link>
              </Button>
            }
          />
        )}
        <InvitationsList
          invitations={invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() }))}
          canChange={canChange}
          timeZone={user.timeZone}
        />
      </div>
    </>
  );
}

import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { InboxColumns } from "@/components/inbox/inbox-columns";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listConversations, viewCounts } from "@/lib/conversations/queries";
import { isView } from "@/lib/conversations/views";
import { teamHoursOf } from "@/lib/office-hours/office-hours";
import { chosenInboxTeam, INBOX_TEAM_COOKIE } from "@/lib/settings/inbox-team";
import { teamsOf } from "@/lib/users";

export default async function InboxViewLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ view: string }>;
}) {
  const { view } = await params;
  if (!isView(view)) notFound();
  const user = await requirePermission("conversations.read");
  const settings = await getServiceSettings();
  const db = getDb();
  // The team switcher's choice (people in several teams), checked against the user's teams.
  const teamId = chosenInboxTeam((await cookies()).get(INBOX_TEAM_COOKIE)?.value, user.teamIds) ?? undefined;
  const [list, counts, teamHours, teams] = await Promise.all([
    listConversations(db, user, settings, { view, teamId }),
    viewCounts(db, user, settings, teamId),
    teamHoursOf(db, user.teamIds),
    teamsOf(db, user.id),
  ]);
  return (
    <InboxColumns
      view={view}
      initial={{ ...list, counts }}
      timeZone={user.timeZone}
      userId={user.id}
      canBeAssigned={user.role !== "watcher"}
      canExport={can(user, "conversation.export", settings)}
      teamHours={teamHours}
      teams={teams}
      teamId={teamId ?? null}
    >
      {children}
    </InboxColumns>
  );
}

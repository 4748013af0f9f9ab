import { MessageSquareOffIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChannelIcon } from "@/components/channel-icon";
import { OpenStateBadge } from "@/components/settings/office-hours/open-state-badge";
import { AwayMessagesEditor } from "@/components/settings/out-of-office/away-messages-editor";
import { AwayPreview } from "@/components/settings/out-of-office/away-preview";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listChannelAccounts } from "@/lib/channels/accounts";
import { channelLabels } from "@/lib/channels/labels";
import { widgetChannel } from "@/lib/channels/webchat/visitor";
import { getDb } from "@/lib/db/client";
import { awayFileRules, awayMessageCounts, listAwayMessages } from "@/lib/office-hours/away-messages";
import { loadSchedules } from "@/lib/office-hours/office-hours";
import { requireSettingsSection } from "@/lib/settings/access";
import { listTeams } from "@/lib/teams";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Out of office" };

export default async function OutOfOfficePage({ searchParams }: { searchParams: Promise<{ channel?: string }> }) {
  const { user, canChange } = await requireSettingsSection("out-of-office");
  const db = getDb();
  const [{ channel: requested }, accounts, counts, teams] = await Promise.all([searchParams, listChannelAccounts(db), awayMessageCounts(db), listTeams(db)]);
  const header = (
    <SettingsHeader
      title="Out of office"
      description="Automatic replies per channel account, sent once when a customer writes while the routed team is closed (see Office hours). Say when you are back and where else to find help."
      readOnly={!canChange}
    />
  );
  const account = accounts.find((a) => a.id === requested) ?? accounts[0];
  if (!account) {
    return (
      <>
        {header}
        <EmptyState icon={MessageSquareOffIcon} title="No channel accounts yet" description="Add a channel first; its out-of-office messages are set here." />
      </>
    );
  }

  const team = teams.find((t) => t.id === account.teamId) ?? teams.find((t) => t.isDefault) ?? teams[0];
  const [messages, schedules] = await Promise.all([listAwayMessages(db, account.id), loadSchedules(db, team ? [team.id] : [])]);
  const schedule = team ? schedules.get(team.id) : undefined;
  const fileRules = awayFileRules(account);
  // The web chat's own colour, so the preview looks like the widget the customer has open.
  const widget = account.kind === "webchat" ? await widgetChannel(db, account.id) : null;

  return (
    <>
      {header}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Channel accounts">
          <ul className="flex gap-1 overflow-x-auto pb-1 lg:grid lg:grid-cols-1 lg:overflow-visible">
            {accounts.map((a) => (
              <li key={a.id} className="shrink-0">
                <Link
                  href={`/settings/out-of-office?channel=${a.id}`}
                  scroll={false}
                  aria-current={a.id === account.id ? "page" : undefined}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-3 py-2 text-sm outline-hidden hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    a.id === account.id && "bg-accent font-medium text-accent-foreground",
                  )}
                >
                  <ChannelIcon kind={a.kind} className="size-4 shrink-0" />
                  <span className="max-w-40 min-w-0 truncate lg:max-w-none lg:flex-1">{a.name}</span>
                  <span className="text-xs text-muted-foreground tabular-nums" aria-label={`${counts.get(a.id) ?? 0} messages`}>
                    {counts.get(a.id) ?? 0}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="grid min-w-0 grid-cols-1 content-start gap-6 2xl:grid-cols-[minmax(0,1fr)_20rem]">
          <Card>
            <CardHeader>
              <CardTitle>
                <h2 className="flex items-center gap-2">
                  <ChannelIcon kind={account.kind} className="size-4" />
                  {account.name}
                </h2>
              </CardTitle>
              <CardDescription className="grid gap-1">
                <span>
                  {channelLabels[account.kind]} · routed to {team?.name ?? "the default team"}
                  {schedule && (
                    <>
                      {" · "}
                      <OpenStateBadge schedule={schedule} viewerTimeZone={user.timeZone} className="align-middle" />
                    </>
                  )}
                </span>
                {schedule && schedule.hours.length === 0 && (
                  <span className="text-warning">
                    {team?.name} has no office hours, so it is always open and these messages only go out on its closed dates.{" "}
                    <Link href={`/settings/office-hours?team=${team?.id}`} className="underline underline-offset-4">
                      Set office hours
                    </Link>
                  </span>
                )}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <AwayMessagesEditor key={account.id} channelId={account.id} channelLabel={channelLabels[account.kind]} messages={messages} canChange={canChange} fileRules={fileRules} />
            </CardContent>
          </Card>
          <AwayPreview
            channelName={account.name}
            channelLabel={channelLabels[account.kind]}
            color={widget?.color ?? null}
            messages={messages}
          />
        </div>
      </div>
    </>
  );
}

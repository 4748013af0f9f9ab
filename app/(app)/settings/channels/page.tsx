import { PlusIcon, RadioTowerIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ChannelIcon } from "@/components/channel-icon";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { listChannelAccounts } from "@/lib/channels/accounts";
import { channelLabels } from "@/lib/channels/labels";
import { getDb } from "@/lib/db/client";
import { requireSettingsSection } from "@/lib/settings/access";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsPage() {
  const { canChange } = await requireSettingsSection("channels");
  const accounts = await listChannelAccounts(getDb());
  return (
    <>
      <SettingsHeader
        title="Channels"
        description="The accounts your customers write to. Each one has its own webhook URL and routes to a team."
        readOnly={!canChange}
      >
        {canChange && (
          <Button asChild>
            <Link href="/settings/channels/new">
              <PlusIcon aria-hidden="true" />
              Add channel
            </Link>
          </Button>
        )}
      </SettingsHeader>
      {accounts.length === 0 ? (
        <EmptyState icon={RadioTowerIcon} title="No channels yet" description="Add a web chat, WhatsApp number, page or mailbox to start receiving conversations." />
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <table className="w-full text-sm">
            <caption className="sr-only">Channel accounts</caption>
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Account</th>
                <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                <th scope="col" className="px-3 py-2 font-medium">Routed to</th>
                <th scope="col" className="px-3 py-2 font-medium">Conversations</th>
                <th scope="col" className="px-3 py-2 font-medium">State</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {accounts.map((a) => (
                <tr key={a.id} className="hover:bg-accent/40">
                  <td className="px-3 py-2">
                    <Link href={`/settings/channels/${a.id}`} className="flex items-center gap-2 font-medium underline-offset-4 hover:underline">
                      <ChannelIcon kind={a.kind} className="size-4 shrink-0" />
                      {a.name}
                    </Link>
                    {a.externalId && <span className="block pl-6 text-xs text-muted-foreground">{a.externalId}</span>}
                  </td>
                  <td className="px-3 py-2">{channelLabels[a.kind]}</td>
                  <td className="px-3 py-2">{a.teamName ?? <span className="text-muted-foreground">Default team</span>}</td>
                  <td className="px-3 py-2 tabular-nums">{a.conversations.toLocaleString("en")}</td>
                  <td className="px-3 py-2">
                    {!a.active ? (
                      <Badge variant="secondary">Deactivated</Badge>
                    ) : !a.supported ? (
                      <Badge variant="outline">Not available yet</Badge>
                    ) : !a.connected ? (
                      <Badge variant="warning">Needs credentials</Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

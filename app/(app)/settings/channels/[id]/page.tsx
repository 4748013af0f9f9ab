import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { ChannelIcon } from "@/components/channel-icon";
import { ChannelControls, CopyValue } from "@/components/settings/channels/channel-controls";
import { ChannelForm } from "@/components/settings/channels/channel-form";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Badge } from "@/components/ui/badge";
import { accountForForm, webhookDetails } from "@/lib/channels/accounts";
import { channels } from "@/db/schema";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import { getDb } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";
import { isUuid } from "@/lib/realtime/topics";
import { requireSettingsSection } from "@/lib/settings/access";
import { listTeams } from "@/lib/teams";

export const metadata: Metadata = { title: "Channel" };

export default async function ChannelPage({ params }: { params: Promise<{ id: string }> }) {
  const { canChange } = await requireSettingsSection("channels");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const [channel] = await db.select().from(channels).where(eq(channels.id, id));
  if (!channel) notFound();
  const h = await headers();
  const base = publicBaseUrl() ?? `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
  const adapter = adapterFor(channel.kind);
  const form = accountForForm(channel);
  const teams = await listTeams(db);
  return (
    <>
      <SettingsHeader title={channel.name} description={`${channelLabels[channel.kind]} account`} readOnly={!canChange}>
        <ChannelIcon kind={channel.kind} className="size-6" />
        {channel.active ? <Badge variant="success">Active</Badge> : <Badge variant="secondary">Deactivated</Badge>}
      </SettingsHeader>
      {!channel.active && (
        <p className="mb-6 rounded-md border bg-muted/50 p-3 text-sm">
          This account is deactivated: its webhook stores nothing and its conversations cannot be replied to. Reactivate it to resume.
        </p>
      )}
      <section aria-labelledby="webhook-heading" className="mb-8 grid max-w-2xl gap-3">
        <h2 id="webhook-heading" className="text-base font-semibold">
          {channel.kind === "webchat" ? "Put the widget on your site" : "At the provider"}
        </h2>
        {channel.kind === "webchat" ? (
          <CopyValue label="Snippet" value={`<script src="${base}/widget.js" data-channel="${channel.id}" async></script>`} />
        ) : (
          webhookDetails(channel, base).map((d) => <CopyValue key={d.label} label={d.label} value={d.value} />)
        )}
        {!publicBaseUrl() && channel.kind !== "webchat" && (
          <p className="text-xs text-muted-foreground">
            These addresses use the host you opened Switchboard on. Providers can only reach a public HTTPS address: set NEXTAUTH_URL (or
            APP_URL) to it in production.
          </p>
        )}
        {canChange && <ChannelControls id={channel.id} active={channel.active} canRegister={Boolean(adapter?.register)} />}
      </section>
      {canChange && adapter ? (
        <section aria-labelledby="settings-heading" className="grid gap-3">
          <h2 id="settings-heading" className="text-base font-semibold">
            Account settings
          </h2>
          <ChannelForm
            id={channel.id}
            kind={channel.kind}
            name={channel.name}
            teamId={channel.teamId}
            teams={teams.map(({ id: teamId, name, isDefault }) => ({ id: teamId, name, isDefault }))}
            fields={form.fields}
            values={form.values}
            secretsSet={form.secretsSet}
          />
        </section>
      ) : (
        !adapter && <p className="text-sm text-muted-foreground">{channelLabels[channel.kind]} accounts cannot be connected yet.</p>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChannelIcon } from "@/components/channel-icon";
import { ChannelForm } from "@/components/settings/channels/channel-form";
import { SettingsHeader } from "@/components/settings/settings-header";
import { channelKindEnum } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/session";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import type { ChannelKind } from "@/lib/channels/types";
import { getDb } from "@/lib/db/client";
import { listTeams } from "@/lib/teams";

export const metadata: Metadata = { title: "Add a channel" };

const blurbs: Record<ChannelKind, string> = {
  webchat: "A chat button for your website.",
  whatsapp: "A WhatsApp Business number (Cloud API).",
  messenger: "Messages to your Facebook Page.",
  instagram: "Direct messages to your Instagram account.",
  telegram: "A Telegram bot.",
  sms: "Text messages through Twilio.",
  viber: "A Viber bot.",
  email: "A support mailbox (inbound parse + SMTP).",
};

export default async function NewChannelPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await requirePermission("settings.change");
  const { kind } = await searchParams;
  const kinds = channelKindEnum.enumValues.filter((k) => adapterFor(k));
  if (!kind) {
    return (
      <>
        <SettingsHeader title="Add a channel" description="Pick what your customers will write on." />
        <ul className="grid gap-3 sm:grid-cols-2">
          {kinds.map((k) => (
            <li key={k}>
              <Link
                href={`/settings/channels/new?kind=${k}`}
                className="flex items-start gap-3 rounded-lg border p-4 outline-hidden transition-colors hover:bg-accent/50 focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <ChannelIcon kind={k} className="mt-0.5 size-5 shrink-0" />
                <span>
                  <span className="block font-medium">{channelLabels[k]}</span>
                  <span className="block text-sm text-muted-foreground">{blurbs[k]}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const chosen = kinds.find((k) => k === kind);
  const adapter = chosen && adapterFor(chosen);
  if (!chosen || !adapter) notFound();
  const teams = await listTeams(getDb());
  return (
    <>
      <SettingsHeader title={`Add a ${channelLabels[chosen]} account`} description={blurbs[chosen]} />
      <ChannelForm
        kind={chosen}
        name=""
        teamId={null}
        teams={teams.map(({ id, name, isDefault }) => ({ id, name, isDefault }))}
        fields={adapter.fields}
        values={{}}
        secretsSet={[]}
      />
    </>
  );
}

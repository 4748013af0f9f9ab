import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { QuickRepliesManager } from "@/components/settings/quick-replies/quick-replies-manager";
import { getDb } from "@/lib/db/client";
import { sampleValues } from "@/lib/quick-replies/placeholders";
import { listQuickReplies } from "@/lib/quick-replies/quick-replies";
import { requireSettingsSection } from "@/lib/settings/access";

export const metadata: Metadata = { title: "Quick replies" };

export default async function QuickRepliesPage({ searchParams }: { searchParams: Promise<{ group?: string }> }) {
  const { user, settings, canChange } = await requireSettingsSection("quick-replies");
  const [{ group }, groups] = await Promise.all([searchParams, listQuickReplies(getDb())]);
  const [first, ...rest] = user.name.trim().split(/\s+/);
  // The preview speaks with the reader's own name and company, so it reads like a real message.
  const sample = { ...sampleValues, agent_first: first || sampleValues.agent_first, agent_last: rest.join(" ") || sampleValues.agent_last, company: settings.companyName };
  return (
    <>
      <SettingsHeader
        title="Quick replies"
        description="Ready-made answers in groups. In the composer, type ! and a group's name to open it; placeholders are filled from the conversation."
        readOnly={!canChange}
      />
      <QuickRepliesManager groups={groups} selectedId={group ?? null} canChange={canChange} sample={sample} />
    </>
  );
}

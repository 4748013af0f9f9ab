import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { TagsManager } from "@/components/settings/tags/tags-manager";
import { getDb } from "@/lib/db/client";
import { requireSettingsSection } from "@/lib/settings/access";
import { listTagsWithUse } from "@/lib/settings/tags";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage() {
  const { settings, section, canChange } = await requireSettingsSection("tags");
  const tags = await listTagsWithUse(getDb());
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} readOnly={!canChange} />
      <TagsManager
        tags={tags.map(({ id, name, color, conversations }) => ({ id, name, color, conversations }))}
        canChange={canChange}
        agentsCanCreateTags={settings.agentsCanCreateTags}
      />
    </>
  );
}

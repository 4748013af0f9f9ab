import type { Metadata } from "next";
import { SettingsHeader } from "@/components/settings/settings-header";
import { RoutingTable } from "@/components/settings/teams/routing-table";
import { TeamsManager } from "@/components/settings/teams/teams-manager";
import { getDb } from "@/lib/db/client";
import { requireSettingsSection } from "@/lib/settings/access";
import { routingTable, teamsOverview } from "@/lib/settings/teams";
import { listUsers } from "@/lib/settings/users";

export const metadata: Metadata = { title: "Teams & routing" };

export default async function TeamsPage() {
  const { section, canChange } = await requireSettingsSection("teams");
  const db = getDb();
  const [teams, channels, people] = await Promise.all([teamsOverview(db), routingTable(db), listUsers(db)]);
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} readOnly={!canChange} />
      <div className="grid gap-10">
        <TeamsManager
          teams={teams.map(({ id, name, isDefault, conversations, members, channels: routed }) => ({
            id,
            name,
            isDefault,
            conversations,
            members,
            channels: routed,
          }))}
          people={people.filter((p) => p.role !== "disabled").map((p) => ({ id: p.id, name: p.name }))}
          canChange={canChange}
        />
        <RoutingTable channels={channels} teams={teams.map(({ id, name, isDefault }) => ({ id, name, isDefault }))} canChange={canChange} />
      </div>
    </>
  );
}

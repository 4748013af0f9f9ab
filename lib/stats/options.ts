import { asc, desc, inArray } from "drizzle-orm";
import { channels, teams, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type FilterOptions = {
  teams: { id: string; name: string }[];
  channels: { id: string; name: string; kind: string }[];
  agents: { id: string; name: string }[];
};

/** What the statistics filters offer: every team, channel account, and everyone who can take conversations. */
export async function filterOptions(db: DbOrTx): Promise<FilterOptions> {
  const [teamRows, channelRows, agentRows] = await Promise.all([
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(desc(teams.isDefault), asc(teams.name)),
    db.select({ id: channels.id, name: channels.name, kind: channels.kind }).from(channels).orderBy(asc(channels.kind), asc(channels.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.role, ["admin", "supervisor", "agent"]))
      .orderBy(asc(users.name)),
  ]);
  return { teams: teamRows, channels: channelRows, agents: agentRows };
}

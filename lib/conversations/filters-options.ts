import { asc, inArray } from "drizzle-orm";
import { channels, tags, teams, users } from "@/db/schema";
import type { ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/users";

/**
 * What the list filters offer: channel accounts, the people who take conversations, tags and teams. An
 * agent who sees only their own teams is offered only those.
 */
export async function filterOptions(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings) {
  const ownTeamsOnly = actor.role === "agent" && !settings.agentsCanSeeAll;
  const [channelRows, people, tagRows, teamRows] = await Promise.all([
    db.select({ id: channels.id, kind: channels.kind, name: channels.name }).from(channels).orderBy(asc(channels.kind), asc(channels.name)),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.role, ["admin", "supervisor", "agent"]))
      .orderBy(asc(users.name)),
    db.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags).orderBy(asc(tags.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
  ]);
  return {
    channels: channelRows,
    agents: people.map((p) => ({ ...p, isMe: p.id === actor.id })),
    tags: tagRows,
    teams: ownTeamsOnly ? teamRows.filter((t) => actor.teamIds.includes(t.id)) : teamRows,
  };
}

export type FilterOptions = Awaited<ReturnType<typeof filterOptions>>;

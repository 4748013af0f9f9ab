import { asc, desc, eq } from "drizzle-orm";
import { channels, teams } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type Team = typeof teams.$inferSelect;

export async function ensureDefaultTeam(db: DbOrTx): Promise<Team> {
  const [existing] = await db.select().from(teams).where(eq(teams.isDefault, true));
  if (existing) return existing;
  await db.insert(teams).values({ name: "Support", isDefault: true }).onConflictDoNothing();
  const [created] = await db.select().from(teams).where(eq(teams.isDefault, true));
  return created;
}

/** The team a channel's conversations go to: its routed team, else the default team. */
export async function routedTeamId(db: DbOrTx, channelId: string): Promise<string> {
  const [row] = await db.select({ teamId: channels.teamId }).from(channels).where(eq(channels.id, channelId));
  if (row?.teamId) return row.teamId;
  return (await ensureDefaultTeam(db)).id;
}

export async function listTeams(db: DbOrTx): Promise<Team[]> {
  return db.select().from(teams).orderBy(desc(teams.isDefault), asc(teams.name));
}

import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channels, conversations, teamMembers, teams } from "@/db/schema";
import { listConversations } from "@/lib/conversations/queries";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { addMember, createTeam, deleteTeam, removeMember, renameTeam, routingTable, setRoute, teamsOverview } from "@/lib/settings/teams";
import { ensureDefaultTeam } from "@/lib/teams";
import { loadCurrentUser } from "@/lib/users";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

describe("teams and routing", () => {
  it("routes a channel to a team: its new conversations reach that team's members in New, and nobody else's", async () => {
    const admin = await makeUser(db(), "admin");
    const team = await createTeam(db(), admin, { name: "Returns desk" });
    const channel = await makeChannel(db());
    await setRoute(db(), admin, { channelId: channel.id, teamId: team.id });
    expect((await routingTable(db())).find((c) => c.id === channel.id)?.teamId).toBe(team.id);

    const inside = await makeUser(db(), "agent");
    const outside = await makeUser(db(), "agent");
    await addMember(db(), admin, { teamId: team.id, userId: inside.id });
    const outcome = await customerWrites(db(), channel, "visitor-routed-00000001", "Where is my refund?");
    if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");

    const settings = await getSettings(db());
    const insideNew = await listConversations(db(), (await loadCurrentUser(db(), inside.id))!, settings, { view: "new" });
    const outsideNew = await listConversations(db(), (await loadCurrentUser(db(), outside.id))!, settings, { view: "new" });
    expect(insideNew.rows.map((r) => r.id)).toContain(outcome.conversationId);
    expect(outsideNew.rows.map((r) => r.id)).not.toContain(outcome.conversationId);
    // Filtered to one team (the sidebar's team switcher).
    const onlyDefault = await listConversations(db(), (await loadCurrentUser(db(), inside.id))!, settings, {
      view: "new",
      teamId: (await ensureDefaultTeam(db())).id,
    });
    expect(onlyDefault.rows.map((r) => r.id)).not.toContain(outcome.conversationId);

    // Routing to the default team is the same as unrouted.
    await setRoute(db(), admin, { channelId: channel.id, teamId: (await ensureDefaultTeam(db())).id });
    expect((await routingTable(db())).find((c) => c.id === channel.id)?.teamId).toBeNull();
  });

  it("renames; refuses duplicate names and deleting the default team", async () => {
    const admin = await makeUser(db(), "admin");
    const team = await createTeam(db(), admin, { name: "Night shift" });
    await expect(createTeam(db(), admin, { name: "NIGHT SHIFT" })).rejects.toThrow(/already a team/);
    await expect(createTeam(db(), admin, { name: "  " })).rejects.toThrow(UserError);
    expect((await renameTeam(db(), admin, { teamId: team.id, name: "Late shift" })).name).toBe("Late shift");
    await expect(deleteTeam(db(), admin, (await ensureDefaultTeam(db())).id)).rejects.toThrow(/default team cannot be deleted/);
  });

  it("deleting a team moves its conversations and channel routes to the default team, and keeps its members in a team", async () => {
    const admin = await makeUser(db(), "admin");
    const defaultTeam = await ensureDefaultTeam(db());
    const team = await createTeam(db(), admin, { name: "Short-lived" });
    const channel = await makeChannel(db());
    await setRoute(db(), admin, { channelId: channel.id, teamId: team.id });
    const outcome = await customerWrites(db(), channel, "visitor-team-delete-0001", "Hello");
    if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
    const member = await makeUser(db(), "agent", { teamIds: [team.id] });
    await removeMember(db(), admin, { teamId: defaultTeam.id, userId: member.id });

    expect(await deleteTeam(db(), admin, team.id)).toEqual({ conversations: 1, channels: 1 });
    expect(await db().select().from(teams).where(eq(teams.id, team.id))).toEqual([]);
    const [c] = await db().select().from(conversations).where(eq(conversations.id, outcome.conversationId));
    expect(c.teamId).toBe(defaultTeam.id);
    const [ch] = await db().select().from(channels).where(eq(channels.id, channel.id));
    expect(ch.teamId).toBeNull();
    const memberships = await db().select().from(teamMembers).where(eq(teamMembers.userId, member.id));
    expect(memberships.map((m) => m.teamId)).toEqual([defaultTeam.id]);
  });

  it("members: several teams per person, never none", async () => {
    const admin = await makeUser(db(), "admin");
    const a = await createTeam(db(), admin, { name: "Team A" });
    const b = await createTeam(db(), admin, { name: "Team B" });
    const user = await makeUser(db(), "agent");
    await addMember(db(), admin, { teamId: a.id, userId: user.id });
    await addMember(db(), admin, { teamId: b.id, userId: user.id });
    await addMember(db(), admin, { teamId: b.id, userId: user.id });
    const overview = await teamsOverview(db());
    expect(overview.filter((t) => t.members.some((m) => m.id === user.id)).map((t) => t.name).sort()).toEqual([
      (await ensureDefaultTeam(db())).name,
      "Team A",
      "Team B",
    ].sort());
    await removeMember(db(), admin, { teamId: a.id, userId: user.id });
    await removeMember(db(), admin, { teamId: (await ensureDefaultTeam(db())).id, userId: user.id });
    await expect(removeMember(db(), admin, { teamId: b.id, userId: user.id })).rejects.toThrow(/at least one team/);
    expect(await db().select().from(teamMembers).where(and(eq(teamMembers.userId, user.id), eq(teamMembers.teamId, b.id)))).toHaveLength(1);
  });
});

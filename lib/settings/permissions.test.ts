import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, settings } from "@/db/schema";
import { ForbiddenError, type Role } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { createInvitation, revokeInvitation } from "@/lib/settings/invitations";
import { changePassword, removeAvatar, resetTips, setAvatar, updateProfile } from "@/lib/settings/profile";
import { updateServiceSettings } from "@/lib/settings/service";
import { createTag, deleteTag, mergeTags, updateTag } from "@/lib/settings/tags";
import { addMember, createTeam, deleteTeam, removeMember, renameTeam, setRoute } from "@/lib/settings/teams";
import { changeRole, disableUser, setSeats } from "@/lib/settings/users";
import { ensureDefaultTeam } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";
import { makeChannel, makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

/** Every change of shared settings, called as `actor` with valid input, so only the permission can refuse it. */
async function sharedChanges(db: Db, actor: CurrentUser) {
  const team = await ensureDefaultTeam(db);
  const other = await makeUser(db, "agent");
  const channel = await makeChannel(db);
  const tagId = "00000000-0000-4000-8000-000000000001";
  const tagId2 = "00000000-0000-4000-8000-000000000002";
  const invitationId = "00000000-0000-4000-8000-000000000003";
  return {
    "service settings": () => updateServiceSettings(db, actor, { agentsCanMerge: true }),
    "seats": () => setSeats(db, actor, { seats: 50 }),
    "change a role": () => changeRole(db, actor, { userId: other.id, role: "watcher" }),
    "disable a user": () => disableUser(db, actor, other.id),
    "invite": () => createInvitation(db, actor, { email: `new-${actor.id}@example.test`, role: "auto", teamIds: [] }, "http://x"),
    "withdraw an invitation": () => revokeInvitation(db, actor, invitationId),
    "create a tag": () => createTag(db, actor, { name: `t-${actor.id}`, color: "blue" }),
    "change a tag": () => updateTag(db, actor, { tagId, name: "renamed", color: "red" }),
    "merge tags": () => mergeTags(db, actor, { sourceId: tagId, targetId: tagId2 }),
    "delete a tag": () => deleteTag(db, actor, tagId),
    "create a team": () => createTeam(db, actor, { name: `team-${actor.id}` }),
    "rename a team": () => renameTeam(db, actor, { teamId: team.id, name: "Renamed" }),
    "delete a team": () => deleteTeam(db, actor, team.id),
    "add a member": () => addMember(db, actor, { teamId: team.id, userId: other.id }),
    "remove a member": () => removeMember(db, actor, { teamId: team.id, userId: other.id }),
    "route a channel": () => setRoute(db, actor, { channelId: channel.id, teamId: team.id }),
  };
}

describe("settings changes are refused on the server for every role that may not make them", () => {
  for (const role of ["supervisor", "agent", "watcher", "disabled"] as Role[]) {
    it(`${role}: every shared setting is refused and nothing is written`, async () => {
      const actor = await makeUser(db(), role);
      const before = await db().select().from(settings).where(eq(settings.id, 1));
      const changes = await sharedChanges(db(), actor);
      for (const [name, change] of Object.entries(changes)) {
        await expect(change(), name).rejects.toBeInstanceOf(ForbiddenError);
      }
      expect(await db().select().from(settings).where(eq(settings.id, 1))).toEqual(before);
      expect(await db().select().from(auditLog).where(eq(auditLog.actorId, actor.id))).toEqual([]);
    });
  }

  it("a disabled account cannot change even its own profile", async () => {
    const actor = await makeUser(db(), "disabled");
    const profile = { name: "X", locale: "en", timeZone: "UTC", theme: "dark" as const, notifications: { newConversation: true, assignedToMe: true, customerReplied: true, sound: false } };
    await expect(updateProfile(db(), actor, profile)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changePassword(db(), actor, { current: "x", password: "long enough password", confirm: "long enough password" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetTips(db(), actor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setAvatar(db(), actor, Buffer.from("89504e470d0a1a0a", "hex"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeAvatar(db(), actor)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("an administrator may make each of them (the same calls go through)", async () => {
    const admin = await makeUser(db(), "admin");
    const changes = await sharedChanges(db(), admin);
    // Those that name a thing that does not exist fail for that reason, not for the role.
    for (const [name, change] of Object.entries(changes)) {
      await change().then(
        () => undefined,
        (error: unknown) => expect(error, name).not.toBeInstanceOf(ForbiddenError),
      );
    }
  });
});

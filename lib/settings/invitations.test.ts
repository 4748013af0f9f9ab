import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, teamMembers, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { acceptInvitation, createInvitation, invitationStatus, listOpenInvitations, revokeInvitation } from "@/lib/settings/invitations";
import { createTeam } from "@/lib/settings/teams";
import { ensureDefaultTeam } from "@/lib/teams";
import { findUserByEmail, seatsInUse } from "@/lib/users";
import { makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();
const origin = "https://support.example.test";
const password = "a long new password";

function tokenOf(link: string) {
  return link.split("/invite/")[1];
}

describe("invitations", () => {
  it("invite → link for the admin → accept with name and password → a user in the default team and the chosen ones", async () => {
    await updateSettings(db(), { seats: 1000 });
    const admin = await makeUser(db(), "admin");
    const sales = await createTeam(db(), admin, { name: "Invited Sales" });
    const { link, sent, invitation } = await createInvitation(db(), admin, { email: "New.Person@Example.test", role: "auto", teamIds: [sales.id] }, origin);
    expect(sent).toBe(false);
    expect(link).toMatch(/^https:\/\/support\.example\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    // Only a hash of the token is stored.
    const [stored] = await db().select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(stored.tokenHash).not.toContain(tokenOf(link));
    expect(stored.email).toBe("new.person@example.test");
    expect((stored.expiresAt.getTime() - stored.createdAt.getTime()) / 86_400_000).toBeCloseTo(7, 3);

    expect(await invitationStatus(db(), tokenOf(link))).toMatchObject({ status: "open", email: "new.person@example.test" });
    const user = await acceptInvitation(db(), tokenOf(link), { name: "New Person", password, confirm: password });
    expect(user).toMatchObject({ email: "new.person@example.test", name: "New Person", role: "agent" });
    expect(await verifyPassword((await findUserByEmail(db(), user.email))?.passwordHash, password)).toBe(true);
    const teamIds = (await db().select().from(teamMembers).where(eq(teamMembers.userId, user.id))).map((m) => m.teamId).sort();
    expect(teamIds).toEqual([(await ensureDefaultTeam(db())).id, sales.id].sort());

    expect(await invitationStatus(db(), tokenOf(link))).toEqual({ status: "used" });
    await expect(acceptInvitation(db(), tokenOf(link), { name: "Again", password, confirm: password })).rejects.toThrow(/already been used/);
  });

  it("becomes a watcher when no seat is free, even if the admin chose agent", async () => {
    const admin = await makeUser(db(), "admin");
    const { link } = await createInvitation(db(), admin, { email: "late@example.test", role: "agent", teamIds: [] }, origin);
    await updateSettings(db(), { seats: await seatsInUse(db()) });
    const user = await acceptInvitation(db(), tokenOf(link), { name: "Late", password, confirm: password });
    expect(user.role).toBe("watcher");
    await updateSettings(db(), { seats: 1000 });
  });

  it("refuses bad input, existing accounts, expired, withdrawn and unknown links", async () => {
    const admin = await makeUser(db(), "admin");
    await expect(createInvitation(db(), admin, { email: "not an address", role: "auto", teamIds: [] }, origin)).rejects.toThrow(/highlighted/);
    await expect(createInvitation(db(), admin, { email: admin.email, role: "auto", teamIds: [] }, origin)).rejects.toThrow(/already has an account/);

    const expired = await createInvitation(db(), admin, { email: "expired@example.test", role: "auto", teamIds: [] }, origin);
    await db().update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitation.id));
    await expect(acceptInvitation(db(), tokenOf(expired.link), { name: "X", password, confirm: password })).rejects.toThrow(/expired/);

    const withdrawn = await createInvitation(db(), admin, { email: "withdrawn@example.test", role: "auto", teamIds: [] }, origin);
    await revokeInvitation(db(), admin, withdrawn.invitation.id);
    expect(await invitationStatus(db(), tokenOf(withdrawn.link))).toEqual({ status: "revoked" });
    expect((await listOpenInvitations(db())).map((i) => i.email)).not.toContain("withdrawn@example.test");

    // A second invitation to the same address replaces the first.
    const first = await createInvitation(db(), admin, { email: "twice@example.test", role: "auto", teamIds: [] }, origin);
    await createInvitation(db(), admin, { email: "twice@example.test", role: "auto", teamIds: [] }, origin);
    expect(await invitationStatus(db(), tokenOf(first.link))).toEqual({ status: "revoked" });

    expect(await invitationStatus(db(), "x".repeat(43))).toEqual({ status: "unknown" });
    expect(await invitationStatus(db(), "../../etc")).toEqual({ status: "unknown" });

    const open = await createInvitation(db(), admin, { email: "weak@example.test", role: "auto", teamIds: [] }, origin);
    await expect(acceptInvitation(db(), tokenOf(open.link), { name: "Weak", password: "short", confirm: "short" })).rejects.toThrow(/highlighted/);
    await expect(acceptInvitation(db(), tokenOf(open.link), { name: "Weak", password, confirm: `${password}!` })).rejects.toThrow(/highlighted/);
    expect(await db().select().from(users).where(eq(users.email, "weak@example.test"))).toEqual([]);
  });
});

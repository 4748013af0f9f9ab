import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { invitations, teams, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor, Role } from "@/lib/auth/permissions";
import { randomToken, sha256Hex } from "@/lib/crypto";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import { acceptSchema, inviteSchema, type AcceptInput, type InviteInput } from "@/lib/settings/users.validation";
import { createUser, findUserByEmail, lockSeats, seatsInUse, takesSeat, type User } from "@/lib/users";

export const INVITATION_DAYS = 7;

export type Invitation = typeof invitations.$inferSelect;

export function invitationLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/invite/${token}`;
}

/**
 * Gets an invitation to the person. No outgoing mail is configured yet, so the link is returned for the
 * admin to copy and pass on (`sent: false`); once an SMTP account exists, this is the one place that
 * sends it.
 */
export async function deliverInvitation(invitation: { email: string; token: string; origin: string }): Promise<{ link: string; sent: boolean }> {
  return { link: invitationLink(invitation.origin, invitation.token), sent: false };
}

/**
 * Invites someone by e-mail (administrators only): a link valid for seven days. A newer invitation for
 * the same address replaces the open one. Someone who already has an account is refused.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  input: InviteInput,
  origin: string,
): Promise<{ invitation: Invitation; link: string; sent: boolean }> {
  const values = parseInput(inviteSchema, input);
  const token = randomToken(32);
  const invitation = await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const existing = await findUserByEmail(tx, values.email);
    if (existing) {
      const message =
        existing.role === "disabled"
          ? `${existing.name} already has an account, which is disabled. Give them a role in the list to let them back in.`
          : `${existing.name} already has an account with this address.`;
      throw new UserError(message, { email: [message] });
    }
    const teamIds = values.teamIds.length
      ? (await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, values.teamIds))).map((t) => t.id)
      : [];
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(sql`lower(${invitations.email})`, values.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    const [row] = await tx
      .insert(invitations)
      .values({
        email: values.email,
        role: values.role === "auto" ? null : values.role,
        teamIds,
        tokenHash: sha256Hex(token),
        invitedById: actor.id,
        expiresAt: sql`now() + make_interval(days => ${INVITATION_DAYS})`,
      })
      .returning();
    await recordAudit(tx, actor.id, "user.invite", values.email, { invitationId: row.id, role: row.role ?? "auto", teamIds });
    return row;
  });
  return { invitation, ...(await deliverInvitation({ email: invitation.email, token, origin })) };
}

/** Invitations not yet accepted or withdrawn, newest first; expired ones are included so the admin can send a new one. */
export async function listOpenInvitations(db: DbOrTx) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      teamIds: invitations.teamIds,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt));
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError("This invitation");
    await recordAudit(tx, actor.id, "user.invite-revoke", row.email, { invitationId });
  });
}

export type InvitationStatus =
  | { status: "open"; email: string; expiresAt: Date }
  | { status: "expired" | "used" | "revoked" | "unknown" };

async function findByToken(db: DbOrTx, token: string, lock = false) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const query = db.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token)));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

function statusOf(row: Invitation | null, now = new Date()): InvitationStatus {
  if (!row) return { status: "unknown" };
  if (row.acceptedAt) return { status: "used" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "open", email: row.email, expiresAt: row.expiresAt };
}

/** What the accept page shows for a link. */
export async function invitationStatus(db: DbOrTx, token: string): Promise<InvitationStatus> {
  return statusOf(await findByToken(db, token));
}

const refusals: Record<Exclude<InvitationStatus["status"], "open">, string> = {
  expired: "This invitation has expired. Ask your administrator for a new one.",
  used: "This invitation has already been used. Sign in instead.",
  revoked: "This invitation was withdrawn. Ask your administrator for a new one.",
  unknown: "This invitation link is not valid. Check that you copied all of it.",
};

/**
 * The invited person chooses their name and password and gets an account: the role the admin chose,
 * or by seats (agent while one is free, else watcher); a seat role with no seat left becomes watcher,
 * the same rule as for every new user. They join the default team and the invitation's teams.
 */
export async function acceptInvitation(db: Db, token: string, input: AcceptInput): Promise<User> {
  const values = parseInput(acceptSchema, input);
  try {
    return await db.transaction(async (tx) => {
      await lockSeats(tx);
      const invitation = await findByToken(tx, token, true);
      const status = statusOf(invitation);
      if (status.status !== "open" || !invitation) throw new UserError(refusals[status.status === "open" ? "unknown" : status.status]);
      if (await findUserByEmail(tx, invitation.email)) throw new UserError(refusals.used);
      let role: Role | undefined = invitation.role ?? undefined;
      if (role && takesSeat(role) && (await seatsInUse(tx)) >= (await getSettings(tx)).seats) role = "watcher";
      const user = await createUser(tx, { email: invitation.email, name: values.name, password: values.password, role, teamIds: invitation.teamIds });
      await tx
        .update(invitations)
        .set({ acceptedAt: sql`now()`, acceptedUserId: user.id })
        .where(eq(invitations.id, invitation.id));
      await recordAudit(tx, user.id, "user.invite-accept", user.name, { invitationId: invitation.id, userId: user.id, role: user.role });
      return user;
    });
  } catch (error) {
    // Two tabs accepting the same link at once: the e-mail's unique index stops the second.
    if (isUniqueViolation(error)) throw new UserError(refusals.used);
    throw error;
  }
}

"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { publicBaseUrl } from "@/lib/env";
import { createInvitation, revokeInvitation } from "@/lib/settings/invitations";
import { changeRole, disableUser } from "@/lib/settings/users";
import { changeRoleSchema, inviteSchema } from "@/lib/settings/users.validation";

// Thin by design: parse, then call lib/settings, where the permission checks and rules live.

/** Where invitation links point: the configured public address, else the address the admin is using. */
async function origin(): Promise<string> {
  const configured = publicBaseUrl();
  if (configured) return configured;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

export const inviteAction = action(inviteSchema, async (input, { user, db }) => {
  const { link, sent, invitation } = await createInvitation(db, user, input, await origin());
  return { link, sent, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
});

export const revokeInvitationAction = action(z.object({ invitationId: z.uuid() }), async ({ invitationId }, { user, db }) => {
  await revokeInvitation(db, user, invitationId);
});

export const changeRoleAction = action(changeRoleSchema, async (input, { user, db }) => {
  await changeRole(db, user, input);
});

export const disableUserAction = action(z.object({ userId: z.uuid() }), async ({ userId }, { user, db }) => {
  await disableUser(db, user, userId);
});

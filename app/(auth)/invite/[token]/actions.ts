"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { hit } from "@/lib/rate-limit";
import { acceptInvitation } from "@/lib/settings/invitations";
import { acceptSchema, type AcceptInput } from "@/lib/settings/users.validation";

const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/**
 * Runs without a signed-in user (the invited person has no account yet): the unguessable token is the
 * permission. Attempts per link are limited so the page cannot be used to probe tokens.
 */
export async function acceptInvitationAction(inviteToken: string, input: AcceptInput): Promise<ActionResult<{ email: string }>> {
  const parsed = acceptSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  if (!token.safeParse(inviteToken).success) return { ok: false, error: "This invitation link is not valid. Check that you copied all of it." };
  const db = getDb();
  try {
    const limit = await hit(db, `invite-accept:${inviteToken.slice(0, 16)}`, 10, 600);
    if (!limit.ok) return { ok: false, error: "Too many attempts. Wait a few minutes and try again." };
    const user = await acceptInvitation(db, inviteToken, parsed.data);
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    console.error("invitation accept failed", error);
    return { ok: false, error: "Your account could not be created. Try again; if it keeps happening, tell your administrator." };
  }
}

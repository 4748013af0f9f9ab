import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { assertCan, can, type Action, ForbiddenError } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";
import { loadCurrentUser, type CurrentUser } from "@/lib/users";

/**
 * The signed-in user, read fresh from the database once per request: a role change or a disabled
 * account takes effect at the next request, whatever the session cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await loadCurrentUser(getDb(), session.userId);
  if (!user || user.role === "disabled") return null;
  return user;
});

export const getServiceSettings = cache(() => getSettings(getDb()));

/** For pages: the user, or off to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For pages: the user allowed to do `action`, or the forbidden page. */
export async function requirePermission(action: Action): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, action, await getServiceSettings())) redirect("/forbidden");
  return user;
}

/** For route handlers: the user allowed to do `action`, or throws (401 / 403 through `apiError`). */
export async function authorize(action: Action): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthenticatedError();
  assertCan(user, action, await getServiceSettings());
  return user;
}

export class UnauthenticatedError extends Error {
  constructor() {
    super("Sign in first.");
    this.name = "UnauthenticatedError";
  }
}

export function apiError(error: unknown): Response {
  if (error instanceof UnauthenticatedError) return Response.json({ error: error.message }, { status: 401 });
  if (error instanceof ForbiddenError) return Response.json({ error: error.message }, { status: 403 });
  throw error;
}

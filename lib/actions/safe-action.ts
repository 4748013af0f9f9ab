import { z } from "zod";
import { ForbiddenError } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/users";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };

type Context = { user: CurrentUser; db: Db };

/**
 * The one wrapper every server action goes through: a signed-in user, input parsed with zod, and a
 * result instead of an exception. Only deliberate messages (UserError, ForbiddenError) reach the
 * browser; anything else is logged and reported generically. Permission checks live in lib/, where
 * the same rules guard tests, route handlers and jobs.
 */
export function action<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, ctx: Context) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const { fieldErrors, formErrors } = z.flattenError(parsed.error);
      return { ok: false, error: formErrors[0] ?? "Check the highlighted fields.", fieldErrors: fieldErrors as Record<string, string[]> };
    }
    try {
      return { ok: true, data: await handler(parsed.data, { user, db: getDb() }) };
    } catch (error) {
      if (error instanceof UserError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      if (error instanceof ForbiddenError) return { ok: false, error: error.message };
      console.error("action failed", error);
      return { ok: false, error: "Something went wrong on our side. Try again; if it keeps happening, tell an administrator." };
    }
  };
}

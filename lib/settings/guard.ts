import type { z } from "zod";
import { assertCan, type Actor, type ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";

/** Every change to shared settings starts here: administrators only, checked on the server. */
export async function assertCanChangeSettings(db: DbOrTx, actor: Actor): Promise<ServiceSettings> {
  const settings = await getSettings(db);
  assertCan(actor, "settings.change", settings);
  return settings;
}

/**
 * Parses input with the same schema the form uses; a failure becomes a UserError with the field
 * messages, so lib functions refuse bad input whoever calls them (an action, a test, a script).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = parsed.error.issues[0];
  throw new UserError(first && !first.path.length ? first.message : "Check the highlighted fields.", fieldErrors);
}

"use server";

import { z } from "zod";
import type { ActionResult } from "@/lib/actions/safe-action";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { createFirstAdmin } from "@/lib/setup";
import { setupSchema, type SetupInput } from "@/lib/setup.validation";

/** The one action that runs without a signed-in user: it works only while there are no users. */
export async function setupAction(input: SetupInput): Promise<ActionResult<{ email: string }>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  try {
    const user = await createFirstAdmin(getDb(), parsed.data);
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: error.message };
    console.error("setup failed", error);
    return { ok: false, error: "The administrator could not be created. Check the server log." };
  }
}

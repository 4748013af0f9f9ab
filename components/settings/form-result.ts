"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";

/**
 * Shows a server action's refusal where it belongs: each field error under its field (the first one
 * focused), otherwise the message in a toast. Returns whether the action succeeded.
 */
export function handleResult<T, F extends FieldValues>(
  result: ActionResult<T>,
  form?: UseFormReturn<F>,
): result is { ok: true; data: T } {
  if (result.ok) return true;
  let placed = false;
  for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
    if (form && messages?.[0] && name in form.getValues()) {
      form.setError(name as Path<F>, { message: messages[0] }, { shouldFocus: !placed });
      placed = true;
    }
  }
  if (!placed) toast.error(result.error);
  return false;
}

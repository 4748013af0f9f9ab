"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { previewRetentionFor } from "@/lib/settings/retention";
import { serviceFormToColumns, updateServiceSettings } from "@/lib/settings/service";
import { retentionDaysSchema, serviceSettingsSchema } from "@/lib/settings/service.validation";

// Thin by design: parse, then call lib/settings, where the permission checks and rules live.

export const updateServiceSettingsAction = action(serviceSettingsSchema, async (input, { user, db }) => {
  await updateServiceSettings(db, user, serviceFormToColumns(input));
});

export const previewRetentionAction = action(z.object({ days: retentionDaysSchema }), async ({ days }, { user, db }) => {
  const preview = await previewRetentionFor(db, user, days);
  return { ...preview, cutoff: preview.cutoff.toISOString() };
});

import { eq } from "drizzle-orm";
import { settings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor, ServiceSettings } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import { serviceSettingsSchema, type ServiceSettingsInput } from "@/lib/settings/service.validation";

/** The columns the service-settings page owns. */
export type ServicePatch = Partial<
  Pick<
    ServiceSettings,
    | "agentsCanCreateTags"
    | "agentsCanMerge"
    | "agentsCanSeeAll"
    | "agentsCanExport"
    | "inactivityCloseHours"
    | "reopenWindowHours"
    | "retentionDays"
    | "defaultRegion"
    | "responseTargetMinutes"
  >
>;

/** The form's values as columns: retention switched off is a null number of days. */
export function serviceFormToColumns(input: ServiceSettingsInput): ServicePatch {
  const v = parseInput(serviceSettingsSchema, input);
  return {
    agentsCanCreateTags: v.agentsCanCreateTags,
    agentsCanMerge: v.agentsCanMerge,
    agentsCanSeeAll: v.agentsCanSeeAll,
    agentsCanExport: v.agentsCanExport,
    inactivityCloseHours: v.inactivityCloseHours,
    reopenWindowHours: v.reopenWindowHours,
    retentionDays: v.retentionEnabled ? (v.retentionDays ?? null) : null,
    defaultRegion: v.defaultRegion,
    responseTargetMinutes: v.responseTargetMinutes,
  };
}

/** The settings as the form shows them. */
export function serviceColumnsToForm(s: ServiceSettings): ServiceSettingsInput {
  return {
    agentsCanCreateTags: s.agentsCanCreateTags,
    agentsCanMerge: s.agentsCanMerge,
    agentsCanSeeAll: s.agentsCanSeeAll,
    agentsCanExport: s.agentsCanExport,
    inactivityCloseHours: s.inactivityCloseHours,
    reopenWindowHours: s.reopenWindowHours,
    retentionEnabled: s.retentionDays !== null,
    retentionDays: s.retentionDays ?? 365,
    defaultRegion: s.defaultRegion,
    responseTargetMinutes: s.responseTargetMinutes,
  };
}

/**
 * Changes service settings (administrators only) and records what changed, from → to. A patch may be
 * partial: the tags page flips only "agents may create tags".
 */
export async function updateServiceSettings(db: Db, actor: Actor, patch: ServicePatch): Promise<ServiceSettings> {
  return db.transaction(async (tx) => {
    const current = await assertCanChangeSettings(tx, actor);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch) as [keyof ServicePatch, unknown][]) {
      if (value !== undefined && current[key] !== value) changes[key] = { from: current[key], to: value };
    }
    if (!Object.keys(changes).length) return current;
    const [row] = await tx.update(settings).set(patch).where(eq(settings.id, 1)).returning();
    await recordAudit(tx, actor.id, "settings.service", "Service settings", { changes });
    return row;
  });
}

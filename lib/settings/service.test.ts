import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { serviceColumnsToForm, serviceFormToColumns, updateServiceSettings } from "@/lib/settings/service";
import type { ServiceSettingsInput } from "@/lib/settings/service.validation";
import { makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

function fieldsOf(input: Partial<ServiceSettingsInput>, base: ServiceSettingsInput): Record<string, string[]> {
  try {
    serviceFormToColumns({ ...base, ...input });
  } catch (error) {
    if (error instanceof UserError) return error.fieldErrors ?? {};
    throw error;
  }
  return {};
}

describe("service settings", () => {
  it("retention is off by default; the form round-trips, and each change is audited from → to", async () => {
    const admin = await makeUser(db(), "admin");
    const current = await getSettings(db());
    expect(current.retentionDays).toBeNull();
    const form = serviceColumnsToForm(current);
    expect(form.retentionEnabled).toBe(false);

    const saved = await updateServiceSettings(
      db(),
      admin,
      serviceFormToColumns({ ...form, agentsCanExport: true, retentionEnabled: true, retentionDays: "400", defaultRegion: "nl", responseTargetMinutes: "15" }),
    );
    expect(saved).toMatchObject({ agentsCanExport: true, retentionDays: 400, defaultRegion: "NL", responseTargetMinutes: 15 });
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, "settings.service")));
    expect(entry.data).toEqual({
      changes: {
        agentsCanExport: { from: false, to: true },
        retentionDays: { from: null, to: 400 },
        defaultRegion: { from: current.defaultRegion, to: "NL" },
        responseTargetMinutes: { from: current.responseTargetMinutes, to: 15 },
      },
    });
    // Switching retention off keeps nothing of the number.
    expect((await updateServiceSettings(db(), admin, serviceFormToColumns({ ...serviceColumnsToForm(saved), retentionEnabled: false }))).retentionDays).toBeNull();
  });

  it("refuses bad numbers and regions in their fields", async () => {
    const base = serviceColumnsToForm(await getSettings(db()));
    expect(fieldsOf({ inactivityCloseHours: "0" }, base).inactivityCloseHours?.[0]).toMatch(/at least 1/);
    expect(fieldsOf({ inactivityCloseHours: "2.5" }, base).inactivityCloseHours?.[0]).toMatch(/whole number/);
    expect(fieldsOf({ reopenWindowHours: "-1" }, base).reopenWindowHours).toBeDefined();
    expect(fieldsOf({ retentionEnabled: true, retentionDays: "" }, base).retentionDays?.[0]).toMatch(/how many days/);
    expect(fieldsOf({ retentionEnabled: true, retentionDays: "99999" }, base).retentionDays?.[0]).toMatch(/at most/);
    expect(fieldsOf({ retentionEnabled: false, retentionDays: "" }, base)).toEqual({});
    expect(fieldsOf({ defaultRegion: "XX" }, base).defaultRegion?.[0]).toMatch(/ISO 3166/);
    expect(fieldsOf({ responseTargetMinutes: "abc" }, base).responseTargetMinutes).toBeDefined();
  });
});

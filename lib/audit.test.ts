import { describe, expect, it } from "vitest";
import { auditActionsInUse, auditLabel, listAudit, recordAudit } from "@/lib/audit";
import { makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

describe("audit log", () => {
  it("records who did what to which thing, and reads it back newest first, filtered and paged", async () => {
    const admin = await makeUser(db(), "admin", { name: "Audrey Admin" });
    for (let i = 0; i < 5; i++) await recordAudit(db(), admin.id, "tag.create", `tag ${i}`, { i });
    await recordAudit(db(), null, "settings.service", "Service settings", {});

    const all = await listAudit(db(), { pageSize: 4 });
    expect(all).toMatchObject({ total: 6, page: 1, pageCount: 2 });
    expect(all.entries).toHaveLength(4);
    const second = await listAudit(db(), { pageSize: 4, page: 2 });
    expect(second.entries).toHaveLength(2);
    expect(new Set([...all.entries, ...second.entries].map((e) => e.id)).size).toBe(6);

    const tags = await listAudit(db(), { action: "tag.create" });
    expect(tags.total).toBe(5);
    expect(tags.entries.every((e) => e.actorName === "Audrey Admin")).toBe(true);
    expect(tags.entries[0].createdAt >= tags.entries[4].createdAt).toBe(true);
    // A page past the end shows the last page.
    expect((await listAudit(db(), { action: "tag.create", page: 99 })).page).toBe(1);
    expect(await auditActionsInUse(db())).toEqual(["settings.service", "tag.create"]);
    expect(auditLabel("tag.create")).toBe("Created a tag");
    expect(auditLabel("future-area.change")).toBe("future-area.change");
  });
});

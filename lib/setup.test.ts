import { describe, expect, it } from "vitest";
import { z } from "zod";
import { users } from "@/db/schema";
import { createFirstAdmin } from "@/lib/setup";
import { setupSchema } from "@/lib/setup.validation";
import { findUserByEmail } from "@/lib/users";
import { verifyPassword } from "@/lib/auth/password";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

const input = { companyName: "Acme", name: "Ada", email: "Ada@Example.test", password: "correct horse battery", confirm: "correct horse battery" };

describe("first-run set-up", () => {
  it("validates the form on the server", () => {
    const bad = setupSchema.safeParse({ ...input, email: "nope", password: "short", confirm: "other" });
    expect(bad.success).toBe(false);
    const fields = bad.success ? {} : z.flattenError(bad.error).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["confirm", "email", "password"]);
  });

  it("creates exactly one administrator, even when two set-ups race, with an argon2id hash", async () => {
    const results = await Promise.allSettled([
      createFirstAdmin(db(), input),
      createFirstAdmin(db(), { ...input, email: "other@example.test" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(String(rejected?.reason?.message)).toContain("already set up");
    expect(await db().select().from(users)).toHaveLength(1);
    const [admin] = await db().select().from(users);
    expect(admin.role).toBe("admin");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    // E-mail is matched case-insensitively at sign-in.
    const found = (await findUserByEmail(db(), "ada@example.test")) ?? (await findUserByEmail(db(), "other@example.test"));
    expect(await verifyPassword(found?.passwordHash, input.password)).toBe(true);
    await expect(createFirstAdmin(db(), input)).rejects.toThrow("already set up");
  });
});

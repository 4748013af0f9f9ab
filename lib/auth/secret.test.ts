import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function freshSecretModule() {
  vi.resetModules();
  return import("@/lib/auth/secret");
}

describe("the auth secret", () => {
  it("is generated once on a local install and kept under the data directory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sb-secret-"));
    delete process.env.AUTH_SECRET;
    delete process.env.NEXTAUTH_SECRET;
    delete process.env.DATABASE_URL;
    process.env.SWITCHBOARD_DATA_DIR = dir;
    const first = (await freshSecretModule()).authSecret();
    const second = (await freshSecretModule()).authSecret();
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(fs.readFileSync(path.join(dir, "secret"), "utf8")).toBe(first);
  });

  it("is required when the app runs on Postgres", async () => {
    delete process.env.AUTH_SECRET;
    delete process.env.NEXTAUTH_SECRET;
    process.env.DATABASE_URL = "postgres://example.invalid/db";
    const secret = await freshSecretModule();
    expect(() => secret.assertSecretConfigured()).toThrow("AUTH_SECRET is not set");
    expect(() => secret.authSecret()).toThrow("AUTH_SECRET is not set");
    process.env.AUTH_SECRET = "from-the-environment";
    expect((await freshSecretModule()).authSecret()).toBe("from-the-environment");
  });
});

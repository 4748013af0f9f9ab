import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, setDbHandle, type Db, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throw-away database
 * on the Postgres server of TEST_DATABASE_URL (dropped afterwards). It is also installed as the
 * process-wide connection, so code that calls getDb() uses it.
 */
export async function createTestDb(): Promise<DbHandle & { drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = openPglite();
    await runMigrations(handle);
    return { ...handle, drop: handle.close };
  }
  const name = `sb_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = openPostgres(target.toString(), { max: 5 });
  await runMigrations(handle);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Registers beforeAll/afterAll hooks; the returned getter is valid inside tests. */
export function setupTestDb(): () => Db {
  let handle: Awaited<ReturnType<typeof createTestDb>> | undefined;
  beforeAll(async () => {
    handle = await createTestDb();
    setDbHandle(handle);
  });
  afterAll(async () => {
    setDbHandle(undefined);
    await handle?.drop();
  });
  return () => {
    if (!handle) throw new Error("The test database is not ready yet (use it inside a test or hook).");
    return handle.db;
  };
}

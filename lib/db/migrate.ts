import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import { installStatsRollups } from "@/lib/stats/rollup";
import type { DbHandle } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export async function runMigrations(handle: DbHandle): Promise<void> {
  // Extensions the schema's indexes use; drizzle-kit does not generate these, and the init migration is
  // regenerated from the schema, so they are created here (idempotent; pg_trgm is a trusted extension).
  await handle.db.execute(sql`create extension if not exists pg_trgm`);
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
  // Database triggers keep the statistics rollups; drizzle-kit does not generate triggers either.
  await installStatsRollups(handle.db);
}

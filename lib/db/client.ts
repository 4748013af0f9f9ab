import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { databaseUrl, dataDir } from "@/lib/env";

export type Schema = typeof schema;
/** Both drivers share the pg-core query builder; code is written against it alone. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

export function openPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const client = postgres(url, {
    max: options.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
    onnotice: () => {},
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

/** `dir` undefined → in-memory (tests). */
export function openPglite(dir?: string): DbHandle {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  // pg_trgm backs contact search (a trigram index); Postgres has it as a standard contrib extension.
  // (The options-object form: with a positional `undefined` directory PGlite drops the options.)
  const client = new PGlite({ dataDir: dir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

export function pgliteDir(): string {
  return path.join(dataDir(), "pglite");
}

const globalForDb = globalThis as unknown as { __switchboardDb?: DbHandle };

/** The process-wide connection. Kept on globalThis because Next.js may load this module more than once. */
export function dbHandle(): DbHandle {
  if (!globalForDb.__switchboardDb) {
    const url = databaseUrl();
    globalForDb.__switchboardDb = url ? openPostgres(url) : openPglite(pgliteDir());
  }
  return globalForDb.__switchboardDb;
}

/** Tests and scripts install their own connection. */
export function setDbHandle(handle: DbHandle | undefined) {
  globalForDb.__switchboardDb = handle;
}

export function getDb(): Db {
  return dbHandle().db;
}

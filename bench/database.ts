import crypto from "node:crypto";
import postgres from "postgres";
import { openPostgres, type DbHandle } from "@/lib/db/client";

/**
 * A throw-away database on the bench server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local
 * Postgres), opened with a pool of `max`. `drop()` closes it and removes the database.
 */
export async function throwawayDatabase(prefix: string, max = 4): Promise<{ handle: DbHandle; url: string; drop: () => Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { max });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

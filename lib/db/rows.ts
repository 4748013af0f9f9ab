import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** Runs raw SQL and returns its rows whichever driver is underneath (postgres-js returns an array, PGlite `{ rows }`). */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Postgres' unique_violation, raised by either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  while (current && typeof current === "object") {
    const e = current as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (e.code === "23505") return !constraint || (e.constraint ?? e.constraint_name) === constraint;
    current = e.cause;
  }
  return false;
}

/** A timestamp parameter inside raw SQL. postgres-js cannot bind a Date there (the query builder's columns can). */
export function ts(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

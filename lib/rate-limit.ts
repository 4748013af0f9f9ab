import { eq, sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window counter kept in the database, so every app instance shares it.
 * One statement: start a new window when the old one has expired, otherwise count up.
 */
export async function hit(db: DbOrTx, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      resetIn: sql<number>`ceil(extract(epoch from (${rateLimits.windowStart} + make_interval(secs => ${windowSeconds}) - now())))::int`,
    });
  if (row.count > limit) return { ok: false, retryAfterSeconds: Math.max(1, row.resetIn) };
  return { ok: true, remaining: limit - row.count };
}

const FREE_FAILURES = 5;
const MAX_BLOCK_SECONDS = 15 * 60;

/** Sign-in throttling per address: after five failures each further one doubles the wait (30 s, 60 s, ... 15 min). */
export async function signInBlockedFor(db: DbOrTx, address: string): Promise<number> {
  const [row] = await db
    .select({ wait: sql<number>`ceil(extract(epoch from (${rateLimits.blockedUntil} - now())))::int` })
    .from(rateLimits)
    .where(eq(rateLimits.key, `signin:${address}`));
  return row && row.wait > 0 ? row.wait : 0;
}

export async function recordSignInFailure(db: DbOrTx, address: string): Promise<void> {
  const key = `signin:${address}`;
  // Failures older than a day are forgotten.
  await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - interval '1 day' then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - interval '1 day' then now() else ${rateLimits.windowStart} end`,
      },
    });
  await db
    .update(rateLimits)
    .set({
      blockedUntil: sql`case when ${rateLimits.count} > ${FREE_FAILURES}
        then now() + make_interval(secs => least(${MAX_BLOCK_SECONDS}, 30 * power(2, ${rateLimits.count} - ${FREE_FAILURES} - 1)))
        else null end`,
    })
    .where(eq(rateLimits.key, key));
}

export async function clearSignInFailures(db: DbOrTx, address: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, `signin:${address}`));
}

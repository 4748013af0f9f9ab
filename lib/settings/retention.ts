import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings";

/**
 * Data retention: messages older than N days are deleted with their attachments. The preview the admin
 * sees and the job that deletes both select by `retentionCutoff`, so for the same moment they mean
 * exactly the same messages.
 */

const DAY_MS = 86_400_000;

export function retentionCutoff(days: number, now: Date): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export type RetentionCounts = { messages: number; attachments: number; bytes: number };

const attachmentBytes = (attachments: unknown) =>
  sql`(select coalesce(sum((a->>'size')::bigint), 0) from jsonb_array_elements(${attachments}) a)`;

/** What deleting everything older than `days` would remove at `now`. */
export async function previewRetention(
  db: DbOrTx,
  days: number,
  now = new Date(),
): Promise<RetentionCounts & { conversations: number; cutoff: Date }> {
  const cutoff = retentionCutoff(days, now);
  const [row] = await rows<{ messages: number; attachments: number; bytes: string | number; conversations: number }>(
    db,
    sql`select count(*)::int as messages,
          coalesce(sum(jsonb_array_length(m.attachments)), 0)::int as attachments,
          coalesce(sum(${attachmentBytes(sql`m.attachments`)}), 0)::bigint as bytes,
          count(distinct m.conversation_id)::int as conversations
        from messages m where m.created_at < ${ts(cutoff)}`,
  );
  return { messages: row.messages, attachments: row.attachments, bytes: Number(row.bytes), conversations: row.conversations, cutoff };
}

/** The preview for the service-settings page: readable by whoever may read settings. */
export async function previewRetentionFor(db: DbOrTx, actor: Actor, days: number, now = new Date()) {
  assertCan(actor, "settings.read", await getSettings(db));
  return previewRetention(db, days, now);
}

/** Messages per statement: each batch is its own short transaction, so a first run over years of history never holds long locks. */
const BATCH = 2000;

/**
 * Deletes the messages older than the cutoff, the stored files of their attachments, and keeps each
 * conversation's denormalised counters honest: `message_count` goes down by what was deleted, and a
 * conversation left without messages loses its preview text (it quoted a deleted message). Timestamps
 * (`last_message_at`, `first_response_at`...) stay: they describe activity, not content, and statistics
 * and the inactivity job rely on them. Events and notes are kept.
 */
export async function purgeOlderThan(db: Db, cutoff: Date): Promise<RetentionCounts> {
  const total: RetentionCounts = { messages: 0, attachments: 0, bytes: 0 };
  for (;;) {
    // One statement per batch. Postgres runs every data-modifying CTE to completion whether or not the
    // final select reads it, so the file and counter updates happen even though only `gone` is counted.
    const [batch] = await db.transaction((tx) =>
      rows<{ messages: number; attachments: number; bytes: string | number }>(
        tx,
        sql`with doomed as (
              select id from messages where created_at < ${ts(cutoff)} order by created_at limit ${BATCH}
            ), gone as (
              delete from messages m using doomed d where m.id = d.id
              returning m.conversation_id, m.attachments
            ), gone_files as (
              delete from files f where f.id in (
                select (a->>'id')::uuid from gone g, jsonb_array_elements(g.attachments) a
                where a->>'id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              ) returning f.id
            ), per_conversation as (
              select conversation_id, count(*)::int as n from gone group by conversation_id
            ), counters as (
              update conversations c set
                message_count = greatest(c.message_count - p.n, 0),
                last_message_preview = case when c.message_count - p.n <= 0 then null else c.last_message_preview end,
                last_message_direction = case when c.message_count - p.n <= 0 then null else c.last_message_direction end
              from per_conversation p where c.id = p.conversation_id
            )
            select (select count(*)::int from gone) as messages,
              (select coalesce(sum(jsonb_array_length(attachments)), 0)::int from gone) as attachments,
              (select coalesce(sum(${attachmentBytes(sql`g.attachments`)}), 0)::bigint from gone g) as bytes`,
      ),
    );
    total.messages += batch.messages;
    total.attachments += batch.attachments;
    total.bytes += Number(batch.bytes);
    if (batch.messages < BATCH) return total;
  }
}

/** The scheduled job: nothing while retention is off (the default). */
export async function runRetention(db: Db, now = new Date()): Promise<RetentionCounts & { days: number | null }> {
  const { retentionDays } = await getSettings(db);
  if (!retentionDays) return { days: null, messages: 0, attachments: 0, bytes: 0 };
  return { days: retentionDays, ...(await purgeOlderThan(db, retentionCutoff(retentionDays, now))) };
}

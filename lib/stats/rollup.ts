import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { rows } from "@/lib/db/rows";

/*
 * Rollups for the statistics page, kept by the database itself so that every path that writes (replies,
 * webhooks, imports, merges, retention, deleting a user or a channel) keeps them exact without knowing
 * about them.
 *
 * `stats_sent_daily` counts agents' replies — outbound messages with an author — per UTC day, author,
 * channel account (the message's) and team (the conversation's, as it is now, which is what the page's
 * team filter means). The rules:
 * - a reply inserted adds one (a row trigger whose WHEN clause is evaluated without calling any function,
 *   so inbound ingest pays nothing);
 * - a reply updated in a counted column (moved to another conversation by a merge, its author removed
 *   when a user is deleted) moves its one from the old key to the new;
 * - replies deleted subtract themselves, per statement (retention deletes many at once), found through
 *   their conversation; a conversation being deleted subtracts its replies itself, before the cascade
 *   removes them, because its row is gone by the time the cascaded delete's trigger looks for the team;
 * - a conversation moved to another team moves its replies' counts with it;
 * - emptying `messages` (tests truncate) empties the rollup.
 *
 * Readers combine the rollup's whole UTC days with the raw messages of the span's partial days at either
 * end (see `sentDays`), so the figure is exact for any span in any time zone.
 *
 * `stats_hourly` counts, per UTC hour and the conversation's team, conversations started per channel
 * account, closings and reopenings (the event history), and tags added per tag (also once without the
 * team, for the whole page): the charts of a page that is not narrowed, or narrowed to a team only, in a
 * zone whose offsets are whole hours (lib/stats/overview.ts reads the rows otherwise). Conversations
 * are created by inbound webhooks, so many transactions would add to the same hour and channel at once:
 * each adds into its own slot (its connection's backend pid) instead, deletions and moves included (as
 * negative counts), so no writer ever waits for another. Readers sum the slots; `compactStatsRollups`, a
 * scheduled job, folds the slots of past hours into one row. The rules:
 * - conversations, closing/reopening events and tags add one each when inserted (inserts of many rows
 *   at once add per statement), and subtract when deleted (per statement); a conversation being deleted
 *   subtracts its events and tags from its team first, as the cascade's triggers cannot see its team;
 * - an update of a counted column (start time, channel, team, event type, tag, time, conversation)
 *   moves the one, and a conversation changing team moves its events and tags along;
 * - truncating a table empties its metrics.
 */

const VERSION = "switchboard stats rollups v3";

const day = (column: string) => `(${column} at time zone 'UTC')::date`;
const counted = (row: string) => `${row}.direction = 'out' and ${row}.author_id is not null`;

const statements = [
  `create or replace function stats_sent_on_insert() returns trigger language plpgsql as $$
   begin
     insert into stats_sent_daily (day, author_id, channel_id, team_id, n)
     select ${day("new.created_at")}, new.author_id, new.channel_id, c.team_id, 1
     from conversations c where c.id = new.conversation_id
     on conflict (day, author_id, channel_id, team_id) do update set n = stats_sent_daily.n + 1;
     return null;
   end $$`,
  `create or replace function stats_sent_on_update() returns trigger language plpgsql as $$
   begin
     if ${counted("old")} then
       update stats_sent_daily r set n = r.n - 1
       from conversations c
       where c.id = old.conversation_id and r.day = ${day("old.created_at")} and r.author_id = old.author_id
         and r.channel_id = old.channel_id and r.team_id = c.team_id;
     end if;
     if ${counted("new")} then
       insert into stats_sent_daily (day, author_id, channel_id, team_id, n)
       select ${day("new.created_at")}, new.author_id, new.channel_id, c.team_id, 1
       from conversations c where c.id = new.conversation_id
       on conflict (day, author_id, channel_id, team_id) do update set n = stats_sent_daily.n + 1;
     end if;
     return null;
   end $$`,
  `create or replace function stats_sent_on_delete() returns trigger language plpgsql as $$
   begin
     update stats_sent_daily r set n = r.n - g.n
     from (
       select ${day("m.created_at")} as day, m.author_id, m.channel_id, c.team_id, count(*)::int as n
       from gone m join conversations c on c.id = m.conversation_id
       where ${counted("m")}
       group by 1, 2, 3, 4
     ) g
     where r.day = g.day and r.author_id = g.author_id and r.channel_id = g.channel_id and r.team_id = g.team_id;
     return null;
   end $$`,
  `create or replace function stats_sent_on_truncate() returns trigger language plpgsql as $$
   begin
     delete from stats_sent_daily;
     return null;
   end $$`,
  `create or replace function stats_sent_on_conversation_delete() returns trigger language plpgsql as $$
   begin
     update stats_sent_daily r set n = r.n - g.n
     from (
       select ${day("m.created_at")} as day, m.author_id, m.channel_id, count(*)::int as n
       from messages m where m.conversation_id = old.id and ${counted("m")}
       group by 1, 2, 3
     ) g
     where r.day = g.day and r.author_id = g.author_id and r.channel_id = g.channel_id and r.team_id = old.team_id;
     return old;
   end $$`,
  `create or replace function stats_sent_on_team_change() returns trigger language plpgsql as $$
   begin
     with g as (
       select ${day("m.created_at")} as day, m.author_id, m.channel_id, count(*)::int as n
       from messages m where m.conversation_id = new.id and ${counted("m")}
       group by 1, 2, 3
     ), moved_out as (
       update stats_sent_daily r set n = r.n - g.n
       from g
       where r.day = g.day and r.author_id = g.author_id and r.channel_id = g.channel_id and r.team_id = old.team_id
     )
     insert into stats_sent_daily (day, author_id, channel_id, team_id, n)
     select day, author_id, channel_id, new.team_id, n from g
     on conflict (day, author_id, channel_id, team_id) do update set n = stats_sent_daily.n + excluded.n;
     return null;
   end $$`,
  `create or replace trigger stats_sent_insert after insert on messages
   for each row when (${counted("new")}) execute function stats_sent_on_insert()`,
  `create or replace trigger stats_sent_update after update of direction, author_id, channel_id, conversation_id, created_at on messages
   for each row when ((${counted("old")} or ${counted("new")})
     and (old.direction, old.author_id, old.channel_id, old.conversation_id, old.created_at)
         is distinct from (new.direction, new.author_id, new.channel_id, new.conversation_id, new.created_at))
   execute function stats_sent_on_update()`,
  `create or replace trigger stats_sent_delete after delete on messages
   referencing old table as gone for each statement execute function stats_sent_on_delete()`,
  `create or replace trigger stats_sent_truncate after truncate on messages
   for each statement execute function stats_sent_on_truncate()`,
  `create or replace trigger stats_sent_conversation_delete before delete on conversations
   for each row execute function stats_sent_on_conversation_delete()`,
  `create or replace trigger stats_sent_team_change after update of team_id on conversations
   for each row when (old.team_id is distinct from new.team_id) execute function stats_sent_on_team_change()`,
];

const ZERO = "'00000000-0000-0000-0000-000000000000'::uuid";
const hour = (column: string) => `date_bin('1 hour', ${column}, '1970-01-01T00:00:00Z'::timestamptz)`;
const eventMetric = (row: string) => `(case when ${row}.type = 'reopened' then 'reopened' when ${row}.type in ('archived', 'rejected', 'closed') then 'closed' end)`;
const ALL_METRICS = "'started', 'closed', 'reopened', 'tagged', 'tagged_team'";
/** Adds grouped (metric, hour, key, team, n) rows into this connection's slot. */
const addRows = (select: string) => `
  insert into stats_hourly (metric, hour, key, team, slot, n)
  select metric, hour, key, team, pg_backend_pid(), sum(n)::int from (${select}) d where metric is not null group by 1, 2, 3, 4
  on conflict (metric, hour, key, team, slot) do update set n = stats_hourly.n + excluded.n`;
/** A conversation's closings/reopenings and tags, as rows for addRows with count `sign` under `team`. */
const conversationRows = (conversation: string, team: string, sign: 1 | -1) => `
  select ${eventMetric("e")} as metric, ${hour("e.created_at")} as hour, ${ZERO} as key, ${team} as team, ${sign} as n
  from conversation_events e where e.conversation_id = ${conversation} and e.type in ('archived', 'rejected', 'closed', 'reopened')
  union all
  select 'tagged_team', ${hour("t.created_at")}, t.tag_id, ${team}, ${sign} from conversation_tags t where t.conversation_id = ${conversation}`;

/** A statement-level trigger function adding `select`'s rows (the statement's transition table). */
const perStatement = (name: string, select: string) => `create or replace function ${name}() returns trigger language plpgsql as $$
   begin
     ${addRows(select)};
     return null;
   end $$`;
/** Conversations a statement inserted (`added`) or deleted (`gone`), counted as started. */
const startedRows = (table: "added" | "gone", sign: 1 | -1) =>
  `select 'started' as metric, ${hour("created_at")} as hour, channel_id as key, team_id as team, ${sign} as n from ${table}`;
/** Tags a statement added or removed: once for the whole page, once under the conversation's team. */
const tagRows = (table: "added" | "gone", sign: 1 | -1) => `
  select 'tagged' as metric, ${hour("created_at")} as hour, tag_id as key, ${ZERO} as team, ${sign} as n from ${table}
  union all
  select 'tagged_team', ${hour("r.created_at")}, r.tag_id, c.team_id, ${sign} from ${table} r join conversations c on c.id = r.conversation_id`;

const hourlyStatements = [
  `create or replace function stats_hourly_add(p_metric text, p_at timestamptz, p_key uuid, p_team uuid, p_n integer) returns void language sql as $$
     insert into stats_hourly (metric, hour, key, team, slot, n) values (p_metric, ${hour("p_at")}, p_key, p_team, pg_backend_pid(), p_n)
     on conflict (metric, hour, key, team, slot) do update set n = stats_hourly.n + excluded.n
   $$`,
  // Conversations: inserts and deletes per statement (the bench and imports insert many at once).
  perStatement("stats_hourly_conversations_in", startedRows("added", 1)),
  perStatement("stats_hourly_conversations_out", startedRows("gone", -1)),
  // Before a conversation goes, its events and tags leave its team's counts: by the time the cascade
  // deletes them, their triggers can no longer find the team (and skip what they cannot find).
  `create or replace function stats_hourly_conversation_going() returns trigger language plpgsql as $$
   begin
     ${addRows(conversationRows("old.id", "old.team_id", -1))};
     return old;
   end $$`,
  `create or replace function stats_hourly_conversation_moved() returns trigger language plpgsql as $$
   begin
     perform stats_hourly_add('started', old.created_at, old.channel_id, old.team_id, -1);
     perform stats_hourly_add('started', new.created_at, new.channel_id, new.team_id, 1);
     if old.team_id is distinct from new.team_id then
       ${addRows(`${conversationRows("new.id", "old.team_id", -1)} union all ${conversationRows("new.id", "new.team_id", 1)}`)};
     end if;
     return null;
   end $$`,
  // Events: only closings and reopenings count, so inserts are a row trigger with a WHEN clause (the
  // created, assigned, … events that ingest writes never call it).
  `create or replace function stats_hourly_event_in() returns trigger language plpgsql as $$
   begin
     perform stats_hourly_add(${eventMetric("new")}, new.created_at, ${ZERO}, c.team_id, 1) from conversations c where c.id = new.conversation_id;
     return null;
   end $$`,
  perStatement(
    "stats_hourly_events_out",
    `select ${eventMetric("gone")} as metric, ${hour("gone.created_at")} as hour, ${ZERO} as key, c.team_id as team, -1 as n
     from gone join conversations c on c.id = gone.conversation_id`,
  ),
  `create or replace function stats_hourly_event_moved() returns trigger language plpgsql as $$
   begin
     if ${eventMetric("old")} is not null then
       perform stats_hourly_add(${eventMetric("old")}, old.created_at, ${ZERO}, c.team_id, -1) from conversations c where c.id = old.conversation_id;
     end if;
     if ${eventMetric("new")} is not null then
       perform stats_hourly_add(${eventMetric("new")}, new.created_at, ${ZERO}, c.team_id, 1) from conversations c where c.id = new.conversation_id;
     end if;
     return null;
   end $$`,
  // Tags: 'tagged' for the whole page (no team), 'tagged_team' per the conversation's team.
  perStatement("stats_hourly_tags_in", tagRows("added", 1)),
  perStatement("stats_hourly_tags_out", tagRows("gone", -1)),
  `create or replace function stats_hourly_tag_moved() returns trigger language plpgsql as $$
   begin
     perform stats_hourly_add('tagged', old.created_at, old.tag_id, ${ZERO}, -1);
     perform stats_hourly_add('tagged', new.created_at, new.tag_id, ${ZERO}, 1);
     perform stats_hourly_add('tagged_team', old.created_at, old.tag_id, c.team_id, -1) from conversations c where c.id = old.conversation_id;
     perform stats_hourly_add('tagged_team', new.created_at, new.tag_id, c.team_id, 1) from conversations c where c.id = new.conversation_id;
     return null;
   end $$`,
  `create or replace function stats_hourly_truncated() returns trigger language plpgsql as $$
   begin
     delete from stats_hourly where metric = any (tg_argv);
     return null;
   end $$`,
  `create or replace trigger stats_hourly_conversations_insert after insert on conversations
   referencing new table as added for each statement execute function stats_hourly_conversations_in()`,
  `create or replace trigger stats_hourly_conversations_delete after delete on conversations
   referencing old table as gone for each statement execute function stats_hourly_conversations_out()`,
  `create or replace trigger stats_hourly_conversation_delete before delete on conversations
   for each row execute function stats_hourly_conversation_going()`,
  `create or replace trigger stats_hourly_conversations_update after update of created_at, channel_id, team_id on conversations
   for each row when ((old.created_at, old.channel_id, old.team_id) is distinct from (new.created_at, new.channel_id, new.team_id))
   execute function stats_hourly_conversation_moved()`,
  `create or replace trigger stats_hourly_conversations_truncate after truncate on conversations
   for each statement execute function stats_hourly_truncated(${ALL_METRICS})`,
  `create or replace trigger stats_hourly_events_insert after insert on conversation_events
   for each row when (new.type in ('archived', 'rejected', 'closed', 'reopened')) execute function stats_hourly_event_in()`,
  `create or replace trigger stats_hourly_events_delete after delete on conversation_events
   referencing old table as gone for each statement execute function stats_hourly_events_out()`,
  `create or replace trigger stats_hourly_events_update after update of type, created_at, conversation_id on conversation_events
   for each row when ((old.type, old.created_at, old.conversation_id) is distinct from (new.type, new.created_at, new.conversation_id))
   execute function stats_hourly_event_moved()`,
  `create or replace trigger stats_hourly_events_truncate after truncate on conversation_events
   for each statement execute function stats_hourly_truncated('closed', 'reopened')`,
  `create or replace trigger stats_hourly_tags_insert after insert on conversation_tags
   referencing new table as added for each statement execute function stats_hourly_tags_in()`,
  `create or replace trigger stats_hourly_tags_delete after delete on conversation_tags
   referencing old table as gone for each statement execute function stats_hourly_tags_out()`,
  `create or replace trigger stats_hourly_tags_update after update of tag_id, created_at, conversation_id on conversation_tags
   for each row when ((old.tag_id, old.created_at, old.conversation_id) is distinct from (new.tag_id, new.created_at, new.conversation_id))
   execute function stats_hourly_tag_moved()`,
  `create or replace trigger stats_hourly_tags_truncate after truncate on conversation_tags
   for each statement execute function stats_hourly_truncated('tagged', 'tagged_team')`,
];

/** The hourly counts recomputed from the rows themselves, as (metric, hour, key, team, n). */
export const hourlyRecount = `
  select 'started' as metric, ${hour("created_at")} as hour, channel_id as key, team_id as team, count(*)::int as n from conversations group by 1, 2, 3, 4
  union all
  select ${eventMetric("e")}, ${hour("e.created_at")}, ${ZERO}, c.team_id, count(*)::int from conversation_events e join conversations c on c.id = e.conversation_id
  where e.type in ('archived', 'rejected', 'closed', 'reopened') group by 1, 2, 3, 4
  union all
  select 'tagged', ${hour("created_at")}, tag_id, ${ZERO}, count(*)::int from conversation_tags group by 1, 2, 3, 4
  union all
  select 'tagged_team', ${hour("t.created_at")}, t.tag_id, c.team_id, count(*)::int from conversation_tags t join conversations c on c.id = t.conversation_id group by 1, 2, 3, 4`;

/**
 * Folds the slots of hours that ended more than an hour ago into slot 0 and drops what sums to nothing,
 * so a 90-day span reads one row per hour and key. A scheduled job; safe beside writers (a writer adding
 * to a past hour meanwhile waits for its row or starts a new slot row, which the next run folds).
 */
export async function compactStatsRollups(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const folded = await rows<{ n: number }>(
      tx,
      sql.raw(`with gone as (
                 delete from stats_hourly where slot <> 0 and hour < date_trunc('hour', now()) - interval '1 hour'
                 returning metric, hour, key, team, n
               ), folded as (
                 insert into stats_hourly (metric, hour, key, team, slot, n)
                 select metric, hour, key, team, 0, sum(n)::int from gone group by 1, 2, 3, 4
                 on conflict (metric, hour, key, team, slot) do update set n = stats_hourly.n + excluded.n
                 returning 1
               )
               select count(*)::int as n from folded`),
    );
    await tx.execute(sql`delete from stats_hourly where slot = 0 and n = 0`);
    return folded[0]?.n ?? 0;
  });
}

/** Recounts the rollups from the rows themselves. */
export async function rebuildStatsRollups(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from stats_sent_daily`);
  await db.execute(
    sql.raw(`insert into stats_sent_daily (day, author_id, channel_id, team_id, n)
      select ${day("m.created_at")}, m.author_id, m.channel_id, c.team_id, count(*)::int
      from messages m join conversations c on c.id = m.conversation_id
      where ${counted("m")}
      group by 1, 2, 3, 4`),
  );
  await db.execute(sql`delete from stats_hourly`);
  await db.execute(sql.raw(`insert into stats_hourly (metric, hour, key, team, slot, n) select metric, hour, key, team, 0, n from (${hourlyRecount}) r`));
}

/**
 * Installs (or upgrades) the rollup triggers and fills the rollup from what is already stored. Runs with
 * the migrations; a database already at this version is left alone, so it costs one catalogue read.
 */
export async function installStatsRollups(db: Db): Promise<void> {
  const installed = async (q: DbOrTx) =>
    (await rows<{ v: string | null }>(q, sql`select obj_description('stats_sent_daily'::regclass, 'pg_class') as v`))[0]?.v === VERSION;
  if (await installed(db)) return;
  await db.transaction(async (tx) => {
    // Two servers starting at once would otherwise race to replace the same functions.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('switchboard stats rollups'))`);
    if (await installed(tx)) return;
    for (const statement of [...statements, ...hourlyStatements]) await tx.execute(sql.raw(statement));
    await rebuildStatsRollups(tx);
    await tx.execute(sql.raw(`comment on table stats_sent_daily is '${VERSION}'`));
  });
}

/**
 * How a span splits for the daily rollup: the whole UTC days inside it (`fromDay` inclusive to `toDay`
 * exclusive, as "YYYY-MM-DD"), and the partial stretches at either end to count from the messages.
 * Without a whole day inside, the span is all one raw stretch.
 */
export type SentDays = { days: { fromDay: string; toDay: string } | null; raw: [Date, Date][] };

export function sentDays(span: { from: Date; to: Date }): SentDays {
  const DAY = 86_400_000;
  const firstWhole = Math.ceil(span.from.getTime() / DAY) * DAY;
  const endWhole = Math.floor(span.to.getTime() / DAY) * DAY;
  if (endWhole <= firstWhole) return { days: null, raw: span.from < span.to ? [[span.from, span.to]] : [] };
  const raw: [Date, Date][] = [];
  if (span.from.getTime() < firstWhole) raw.push([span.from, new Date(firstWhole)]);
  if (endWhole < span.to.getTime()) raw.push([new Date(endWhole), span.to]);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { days: { fromDay: iso(firstWhole), toDay: iso(endWhole) }, raw };
}

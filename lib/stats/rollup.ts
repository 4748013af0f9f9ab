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
 */

const VERSION = "switchboard stats rollups v1";

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

/** Recounts the rollup from the messages themselves. */
export async function rebuildStatsRollups(db: DbOrTx): Promise<void> {
  await db.execute(sql`delete from stats_sent_daily`);
  await db.execute(
    sql.raw(`insert into stats_sent_daily (day, author_id, channel_id, team_id, n)
      select ${day("m.created_at")}, m.author_id, m.channel_id, c.team_id, count(*)::int
      from messages m join conversations c on c.id = m.conversation_id
      where ${counted("m")}
      group by 1, 2, 3, 4`),
  );
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
    for (const statement of statements) await tx.execute(sql.raw(statement));
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

import { and, eq, inArray, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { channels, conversations, conversationTags, messages, statsHourly, statsSentDaily, tags, teamMembers, teams, users } from "@/db/schema";
import { visibleConversations, type ServiceSettings } from "@/lib/auth/permissions";
import type { ChannelKind } from "@/lib/channels/types";
import type { DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import { multirangeLiteral, openIntervals, type OpenIntervals } from "@/lib/stats/office-hours";
import type { StatsFilters } from "@/lib/stats/params";
import { sentDays } from "@/lib/stats/rollup";
import { addDays, bucketLabel, dayNumberDate, offsetPieces, type Bucket, type Span } from "@/lib/stats/span";
import { ONLINE_WINDOW_SECONDS, type CurrentUser } from "@/lib/users";

/*
 * The statistics page, computed in SQL. What keeps a 90-day span at 100k conversations / 1M messages
 * fast:
 * - counts come from rollups the database keeps exact (lib/stats/rollup.ts): replies per UTC day, and
 *   conversations started, closings, reopenings and tags per UTC hour and team; the rows are read only
 *   for what a rollup cannot answer (a channel or agent filter, a viewer who does not see everything, a
 *   zone with a half-hour offset, the partial days at a span's ends);
 * - rows are grouped into UTC bins first and only the bins are turned into local hours, days and weeks:
 *   integer arithmetic on the UTC epoch plus the zone's offset (known piece by piece across
 *   daylight-saving changes) — `at time zone` on every row costs more than the rest;
 * - response and resolution times (percentiles, which no rollup can keep) are one index-only pass over
 *   the span's conversations, sorted once per ordering;
 * - the queries run side by side.
 *
 * Definitions (shown on the page too): a conversation belongs to the span it was started in; its first
 * response time runs from its start to the first agent reply; its resolution time from its start to
 * its archiving. "Closed" and "reopened" over time come from the event history, so a conversation closed
 * twice counts twice.
 */

export type Cell = { key: string; label: string };
export type VolumePoint = Cell & { new: number; closed: number; reopened: number };
export type SeriesPoint = Cell & { values: Record<string, number> };
export type Percentiles = { count: number; median: number | null; p90: number | null };
export type ServiceFigures = { firstResponse: Percentiles; resolution: Percentiles; withinTarget: number; eligible: number };

export type ChannelInfo = { id: string; name: string; kind: ChannelKind };
export type TagInfo = { id: string; name: string; color: string; count: number };
export type AgentRow = {
  id: string;
  name: string;
  handled: number;
  messagesSent: number;
  medianFirstResponse: number | null;
  medianResolution: number | null;
  open: number;
};

export type Overview = {
  span: { preset: Span["preset"]; fromDate: string; toDate: string; from: string; to: string; timeZone: string; bucket: Bucket };
  totals: { new: number; closed: number; reopened: number };
  volume: VolumePoint[];
  tags: { top: TagInfo[]; overTime: SeriesPoint[] };
  channels: { list: ChannelInfo[]; overTime: SeriesPoint[]; shares: (ChannelInfo & { count: number; share: number })[] };
  agents: AgentRow[];
  occupancy: {
    at: string;
    online: { id: string; name: string }[];
    waiting: { teamId: string; team: string; count: number; oldestSince: string | null }[];
    openPerAgent: { id: string; name: string; count: number }[];
  };
  service: ServiceFigures & {
    targetMinutes: number;
    officeHours: { configured: boolean; inside: ServiceFigures; outside: ServiceFigures };
  };
  /** [weekday 0 = Monday][hour 0–23]: conversations started. */
  heatmap: number[][];
};

/**
 * Seconds since 1970 on the local wall clock of the span's zone, as SQL over a timestamptz column: the
 * UTC epoch plus the offset in force, piece by piece across daylight-saving changes. Local hours, days
 * and weeks are then plain integer arithmetic, which is far cheaper per row than `at time zone`.
 */
function localEpoch(column: SQL | AnyColumn, span: Span): SQL {
  const pieces = offsetPieces(span.from, span.to, span.timeZone);
  const raw = (n: number) => sql.raw(String(n));
  const offset =
    pieces.length === 1
      ? raw(pieces[0].offsetSeconds)
      : sql`(case ${sql.join(
          pieces.slice(1).map((p, i) => sql`when ${column} < ${ts(p.start)} then ${raw(pieces[i].offsetSeconds)}`),
          sql` `,
        )} else ${raw(pieces[pieces.length - 1].offsetSeconds)} end)`;
  return sql`(date_part('epoch', ${column}) + ${offset})`;
}

/**
 * Grouping a span's rows first by small UTC bins, then placing each bin's count in its local bucket, does
 * the per-row work once with a cheap integer function (date_bin) and the zone arithmetic once per bin:
 * half the cost of computing every row's local time at 100k rows. The bins are as wide as they can be
 * while never straddling a local hour (so neither a day, a week, nor an hour of the heat map) nor a
 * change of offset: an hour in zones whose offsets and changes fall on whole hours, else a quarter hour,
 * a minute, or a second.
 */
function binSeconds(span: Span): number {
  const pieces = offsetPieces(span.from, span.to, span.timeZone);
  const fits = (width: number) =>
    pieces.every((p, i) => p.offsetSeconds % width === 0 && (i === 0 || (p.start.getTime() / 1000) % width === 0));
  return [3600, 900, 60].find(fits) ?? 1;
}

/** SQL for the start of the UTC bin (see binSeconds) that a timestamptz column falls in. */
function bin(column: SQL | AnyColumn, seconds: number): SQL {
  return sql`date_bin(${sql.raw(`'${seconds} seconds'::interval`)}, ${column}, ${sql.raw("'1970-01-01T00:00:00Z'::timestamptz")})`;
}

/** The bucket number of a local epoch `le`: local hours, days, or Monday-based weeks since 1970. */
const bucketNumber: Record<Bucket, SQL> = {
  hour: sql`floor(le / 3600)::int`,
  day: sql`floor(le / 86400)::int`,
  week: sql`floor((floor(le / 86400) + 3) / 7)::int`,
};

/** The bucket key of a bucket number: its local start, "2026-03-29T14:00". */
function bucketKey(bucket: Bucket, n: number): string {
  if (bucket === "hour") return `${dayNumberDate(Math.floor(n / 24))}T${String(n % 24).padStart(2, "0")}:00`;
  return `${dayNumberDate(bucket === "day" ? n : n * 7 - 3)}T00:00`;
}

/** The local bucket starts covering the span, in order: "2026-03-29T00:00". */
export function bucketKeys(span: Pick<Span, "fromDate" | "toDate" | "bucket">): string[] {
  const keys: string[] = [];
  if (span.bucket === "hour") {
    for (let d = span.fromDate; d <= span.toDate; d = addDays(d, 1)) {
      for (let h = 0; h < 24; h++) keys.push(`${d}T${String(h).padStart(2, "0")}:00`);
    }
    return keys;
  }
  let start = span.fromDate;
  if (span.bucket === "week") {
    const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7;
    start = addDays(start, -weekday);
  }
  const step = span.bucket === "week" ? 7 : 1;
  for (let d = start; d <= span.toDate; d = addDays(d, step)) keys.push(`${d}T00:00`);
  return keys;
}

/** WHERE conditions on `conversations` for the filters and what the viewer may see. */
function conversationScope(actor: CurrentUser, settings: ServiceSettings, filters: StatsFilters): SQL {
  return (
    and(
      visibleConversations(actor, settings),
      filters.teamId ? eq(conversations.teamId, filters.teamId) : undefined,
      filters.channelId ? eq(conversations.channelId, filters.channelId) : undefined,
      filters.agentId ? eq(conversations.assigneeId, filters.agentId) : undefined,
    ) ?? sql`true`
  );
}

const hasFilter = (filters: StatsFilters) => Boolean(filters.teamId || filters.channelId || filters.agentId);

function insideSql(intervals: OpenIntervals | null): SQL {
  if (!intervals || intervals.size === 0) return sql`true`;
  const cases = [...intervals].map(
    ([teamId, list]) => sql`when ${teamId}::uuid then ${conversations.createdAt} <@ ${multirangeLiteral(list)}::tstzmultirange`,
  );
  return sql`(case ${conversations.teamId} ${sql.join(cases, sql` `)} else true end)`;
}

type PerfRow = {
  agent: string | null;
  by_agent: number;
  by_inside: number;
  inside: boolean | null;
  n: number;
  frt_n: number;
  frt: (number | null)[] | null;
  res_n: number;
  res: (number | null)[] | null;
  within: number;
  eligible: number;
};

const emptyFigures = (): ServiceFigures => ({
  firstResponse: { count: 0, median: null, p90: null },
  resolution: { count: 0, median: null, p90: null },
  withinTarget: 0,
  eligible: 0,
});

function figures(row: PerfRow | undefined): ServiceFigures {
  if (!row) return emptyFigures();
  const at = (values: (number | null)[] | null, i: number) => {
    const v = values?.[i];
    return v === null || v === undefined ? null : Math.round(Number(v));
  };
  return {
    firstResponse: { count: Number(row.frt_n), median: at(row.frt, 0), p90: at(row.frt, 1) },
    resolution: { count: Number(row.res_n), median: at(row.res, 0), p90: at(row.res, 1) },
    withinTarget: Number(row.within),
    eligible: Number(row.eligible),
  };
}

export async function getOverview(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  span: Span,
  filters: StatsFilters,
  now = new Date(),
): Promise<Overview> {
  const scope = conversationScope(actor, settings, filters);
  const inSpan = (column: SQL | AnyColumn) => sql`${column} >= ${ts(span.from)} and ${column} < ${ts(span.to)}`;
  // A literal, not a parameter: compared with double precision, an untyped parameter would be numeric.
  const target = sql.raw(String(Math.round(settings.responseTargetMinutes * 60)));
  const bucket = bucketNumber[span.bucket];
  const intervals = await openIntervals(db, span);

  // Conversations started: per bucket and channel, and per weekday and hour, in one pass.
  const width = binSeconds(span);
  const binned = (column: SQL | AnyColumn) => bin(column, width);
  const seesAll = visibleConversations(actor, settings) === undefined;
  const narrowed = hasFilter(filters) || !seesAll;
  // The hourly rollup (lib/stats/rollup.ts) has the same bins when the viewer sees every conversation,
  // nothing but a team narrows the page, and local hours are whole UTC hours; otherwise the rows are read.
  const hourly =
    seesAll &&
    !filters.channelId &&
    !filters.agentId &&
    width === 3600 &&
    span.from.getTime() % 3_600_000 === 0 &&
    span.to.getTime() % 3_600_000 === 0;
  // The slots (and teams) are summed by the outer grouping, which also drops what sums to nothing (as
  // the rows would have no group for it).
  const rolled = (metrics: string[], keyAs: "channel_id" | "kind" | "tag_id") =>
    sql`select ${statsHourly.hour} as b, ${keyAs === "kind" ? statsHourly.metric : statsHourly.key} as ${sql.raw(keyAs)}, ${statsHourly.count} as n
        from ${statsHourly}
        where ${statsHourly.metric} in (${sql.join(metrics.map((m) => sql`${m}`), sql`, `)}) and ${inSpan(statsHourly.hour)}
          ${filters.teamId ? sql`and ${statsHourly.team} = ${filters.teamId}` : sql``}`;
  const startedQuery = rows<{ bucket: number | null; channel_id: string | null; dow: number | null; hour: number | null; n: number }>(
    db,
    sql`select bucket, channel_id, dow, hour, sum(n)::int as n
        from (
          select ${bucket} as bucket, channel_id, (floor(le / 86400)::int + 3) % 7 as dow, floor(le / 3600)::int % 24 as hour, n
          from (
            select ${localEpoch(sql.raw("b"), span)} as le, channel_id, n
            from (
              ${
                hourly
                  ? rolled(["started"], "channel_id")
                  : sql`select ${binned(conversations.createdAt)} as b, ${conversations.channelId} as channel_id, count(*) as n
                        from ${conversations} where ${inSpan(conversations.createdAt)} and ${scope}
                        group by 1, 2`
              }
            ) a
          ) b
        ) c
        group by grouping sets ((bucket, channel_id), (dow, hour))
        having sum(n) <> 0`,
  );

  // Closings and reopenings from the event history; the join to conversations only when narrowing.
  const eventTime = sql.raw("e.created_at");
  const eventsQuery = rows<{ bucket: number; kind: "closed" | "reopened"; n: number }>(
    db,
    sql`select ${bucket} as bucket, kind, sum(n)::int as n
        from (
          select ${localEpoch(sql.raw("b"), span)} as le, kind, n
          from (
            ${
              hourly
                ? rolled(["closed", "reopened"], "kind")
                : sql`select ${binned(eventTime)} as b, case when e.type = 'reopened' then 'reopened' else 'closed' end as kind, count(*) as n
                      from conversation_events e
                      ${narrowed ? sql`join ${conversations} on ${conversations.id} = e.conversation_id and ${scope}` : sql``}
                      where e.type in ('archived', 'rejected', 'closed', 'reopened') and ${inSpan(eventTime)}
                      group by 1, 2`
            }
          ) a
        ) b
        group by 1, 2
        having sum(n) <> 0`,
  );

  const tagsQuery = rows<{ tag_id: string; bucket: number; n: number }>(
    db,
    sql`select tag_id, ${bucket} as bucket, sum(n)::int as n
        from (
          select tag_id, ${localEpoch(sql.raw("b"), span)} as le, n
          from (
            ${
              hourly
                ? rolled([filters.teamId ? "tagged_team" : "tagged"], "tag_id")
                : sql`select ${binned(conversationTags.createdAt)} as b, ${conversationTags.tagId} as tag_id, count(*) as n
                      from ${conversationTags}
                      ${narrowed ? sql`join ${conversations} on ${conversations.id} = ${conversationTags.conversationId} and ${scope}` : sql``}
                      where ${inSpan(conversationTags.createdAt)}
                      group by 1, 2`
            }
          ) a
        ) b
        group by 1, 2
        having sum(n) <> 0`,
  );

  const frt = sql`date_part('epoch', ${conversations.firstResponseAt} - ${conversations.createdAt})`;
  const resolution = sql`case when ${conversations.closedReason} = 'archived' then date_part('epoch', ${conversations.closedAt} - ${conversations.createdAt}) end`;
  // Both percentiles of one ordering come from one sort (the array form); the sorts get enough memory
  // not to spill to disk, on this query's own connection only.
  const perfQuery = db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return rows<PerfRow>(
      tx,
      sql`select agent, grouping(agent)::int as by_agent, ${intervals ? sql`grouping(inside)::int` : sql`1`} as by_inside, ${intervals ? sql`inside` : sql`null::boolean`} as inside,
                 count(*)::int as n,
                 count(frt)::int as frt_n,
                 percentile_cont(array[0.5, 0.9]) within group (order by frt) as frt,
                 count(res)::int as res_n,
                 percentile_cont(array[0.5, 0.9]) within group (order by res) as res,
                 count(*) filter (where frt <= ${target})::int as within,
                 count(*) filter (where eligible)::int as eligible
          from (
            -- Eligible for the target: not junk, and answered or waiting longer than the target by now.
            -- Decided here, so the rows sorted per agent stay narrow.
            select ${conversations.assigneeId} as agent, ${insideSql(intervals)} as inside, ${frt} as frt, ${resolution} as res,
                   coalesce(${conversations.closedReason}::text, '') not in ('rejected', 'barred')
                     and (${conversations.firstResponseAt} is not null or date_part('epoch', ${ts(now)} - ${conversations.createdAt}) > ${target}) as eligible
            from ${conversations} where ${inSpan(conversations.createdAt)} and ${scope}
          ) c
          group by grouping sets ((), (agent)${intervals ? sql`, (inside)` : sql``})`,
    );
  });

  // Replies per agent: whole UTC days from the rollup, the partial days at either end from the messages.
  const split = sentDays(span);
  const sentParts: SQL[] = [];
  if (split.days) {
    sentParts.push(
      sql`select ${statsSentDaily.authorId} as author_id, ${statsSentDaily.count} as n from ${statsSentDaily}
          where ${statsSentDaily.day} >= ${split.days.fromDay}::date and ${statsSentDaily.day} < ${split.days.toDay}::date and ${statsSentDaily.count} <> 0
            ${filters.agentId ? sql`and ${statsSentDaily.authorId} = ${filters.agentId}` : sql``}
            ${filters.channelId ? sql`and ${statsSentDaily.channelId} = ${filters.channelId}` : sql``}
            ${filters.teamId ? sql`and ${statsSentDaily.teamId} = ${filters.teamId}` : sql``}`,
    );
  }
  for (const [from, to] of split.raw) {
    sentParts.push(
      sql`select ${messages.authorId} as author_id, count(*)::int as n from ${messages}
          where ${messages.direction} = 'out' and ${messages.createdAt} >= ${ts(from)} and ${messages.createdAt} < ${ts(to)} and ${messages.authorId} is not null
            ${filters.agentId ? sql`and ${messages.authorId} = ${filters.agentId}` : sql``}
            ${filters.channelId ? sql`and ${messages.channelId} = ${filters.channelId}` : sql``}
            ${filters.teamId ? sql`and exists (select 1 from ${conversations} where ${conversations.id} = ${messages.conversationId} and ${conversations.teamId} = ${filters.teamId})` : sql``}
          group by 1`,
    );
  }
  const sentQuery = sentParts.length
    ? rows<{ author_id: string; n: number }>(
        db,
        sql`select author_id, sum(n)::int as n from (${sql.join(sentParts, sql` union all `)}) s group by 1`,
      )
    : Promise.resolve([]);

  // Live: right now, whatever the span.
  const waitingQuery = db
    .select({
      teamId: conversations.teamId,
      count: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(coalesce(${conversations.waitingSince}, ${conversations.createdAt}))`,
    })
    .from(conversations)
    .where(and(eq(conversations.status, "new"), scope))
    .groupBy(conversations.teamId);
  const openQuery = db
    .select({ agent: conversations.assigneeId, count: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(sql`${conversations.status} <> 'closed'`, sql`${conversations.assigneeId} is not null`, scope))
    .groupBy(conversations.assigneeId);
  const onlineQuery = db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        inArray(users.role, ["admin", "supervisor", "agent"]),
        sql`${users.lastSeenAt} > ${ts(now)}::timestamptz - make_interval(secs => ${ONLINE_WINDOW_SECONDS})`,
        filters.teamId
          ? sql`exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${users.id} and ${teamMembers.teamId} = ${filters.teamId})`
          : undefined,
        filters.agentId ? eq(users.id, filters.agentId) : undefined,
      ),
    )
    .orderBy(users.name);

  const [started, events, tagRows, perf, sent, waiting, open, online, channelList, tagList, teamList, people] = await Promise.all([
    startedQuery,
    eventsQuery,
    tagsQuery,
    perfQuery,
    sentQuery,
    waitingQuery,
    openQuery,
    onlineQuery,
    db.select({ id: channels.id, name: channels.name, kind: channels.kind }).from(channels).orderBy(channels.kind, channels.name),
    db.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags),
    db.select({ id: teams.id, name: teams.name }).from(teams),
    db.select({ id: users.id, name: users.name, role: users.role }).from(users),
  ]);

  const keys = bucketKeys(span);
  const label = (key: string) => bucketLabel(key, span.bucket);
  const index = new Map(keys.map((k, i) => [k, i]));

  // Conversations over time.
  const volume: VolumePoint[] = keys.map((key) => ({ key, label: label(key), new: 0, closed: 0, reopened: 0 }));
  const channelSeries: SeriesPoint[] = keys.map((key) => ({ key, label: label(key), values: {} }));
  const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const channelTotals = new Map<string, number>();
  const at = (n: number) => index.get(bucketKey(span.bucket, n));
  for (const r of started) {
    if (r.bucket !== null) {
      const i = at(r.bucket);
      if (i === undefined || !r.channel_id) continue;
      volume[i].new += r.n;
      channelSeries[i].values[r.channel_id] = (channelSeries[i].values[r.channel_id] ?? 0) + r.n;
      channelTotals.set(r.channel_id, (channelTotals.get(r.channel_id) ?? 0) + r.n);
    } else if (r.dow !== null && r.hour !== null) {
      heatmap[r.dow][r.hour] += r.n;
    }
  }
  for (const r of events) {
    const i = at(r.bucket);
    if (i !== undefined) volume[i][r.kind] += r.n;
  }
  const totals = {
    new: volume.reduce((a, v) => a + v.new, 0),
    closed: volume.reduce((a, v) => a + v.closed, 0),
    reopened: volume.reduce((a, v) => a + v.reopened, 0),
  };

  // Channels: every account that had conversations, largest first.
  const totalStarted = totals.new;
  const channelById = new Map(channelList.map((c) => [c.id, c]));
  const shares = [...channelTotals]
    .map(([id, count]) => ({ ...(channelById.get(id) ?? { id, name: "Removed channel", kind: "webchat" as const }), count, share: totalStarted ? count / totalStarted : 0 }))
    .sort((a, b) => b.count - a.count);

  // Tags: the most used, and the top five over time.
  const tagById = new Map(tagList.map((t) => [t.id, t]));
  const tagTotals = new Map<string, number>();
  for (const r of tagRows) tagTotals.set(r.tag_id, (tagTotals.get(r.tag_id) ?? 0) + r.n);
  const top = [...tagTotals]
    .map(([id, count]) => ({ id, name: tagById.get(id)?.name ?? "Removed tag", color: tagById.get(id)?.color ?? "slate", count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, 10);
  const charted = new Set(top.slice(0, 5).map((t) => t.id));
  const tagSeries: SeriesPoint[] = keys.map((key) => ({ key, label: label(key), values: {} }));
  for (const r of tagRows) {
    const i = at(r.bucket);
    if (i !== undefined && charted.has(r.tag_id)) tagSeries[i].values[r.tag_id] = (tagSeries[i].values[r.tag_id] ?? 0) + r.n;
  }

  // Agents.
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const overall = perf.find((r) => r.by_agent === 1 && r.by_inside === 1);
  const perAgent = new Map(perf.filter((r) => r.by_agent === 0 && r.agent).map((r) => [r.agent as string, r]));
  const sentBy = new Map(sent.map((r) => [r.author_id, r.n]));
  const openBy = new Map(open.filter((r) => r.agent).map((r) => [r.agent as string, r.count]));
  const agentIds = new Set<string>([...perAgent.keys(), ...sentBy.keys(), ...openBy.keys()]);
  if (filters.agentId) for (const id of [...agentIds]) if (id !== filters.agentId) agentIds.delete(id);
  const agents: AgentRow[] = [...agentIds]
    .map((id) => {
      const f = figures(perAgent.get(id));
      return {
        id,
        name: nameOf.get(id) ?? "Former colleague",
        handled: perAgent.get(id)?.n ?? 0,
        messagesSent: sentBy.get(id) ?? 0,
        medianFirstResponse: f.firstResponse.median,
        medianResolution: f.resolution.median,
        open: openBy.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.handled - a.handled || b.messagesSent - a.messagesSent || a.name.localeCompare(b.name));

  const teamName = new Map(teamList.map((t) => [t.id, t.name]));
  const inside = perf.find((r) => r.by_inside === 0 && r.inside === true);
  const outside = perf.find((r) => r.by_inside === 0 && r.inside === false);

  return {
    span: {
      preset: span.preset,
      fromDate: span.fromDate,
      toDate: span.toDate,
      from: span.from.toISOString(),
      to: span.to.toISOString(),
      timeZone: span.timeZone,
      bucket: span.bucket,
    },
    totals,
    volume,
    tags: { top, overTime: tagSeries },
    channels: { list: shares.map(({ id, name, kind }) => ({ id, name, kind })), overTime: channelSeries, shares },
    agents,
    occupancy: {
      at: now.toISOString(),
      online,
      waiting: waiting
        .map((w) => ({ teamId: w.teamId, team: teamName.get(w.teamId) ?? "Team", count: w.count, oldestSince: w.oldest ? new Date(w.oldest).toISOString() : null }))
        .sort((a, b) => a.team.localeCompare(b.team)),
      openPerAgent: [...openBy]
        .map(([id, count]) => ({ id, name: nameOf.get(id) ?? "Former colleague", count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    },
    service: {
      ...figures(overall),
      targetMinutes: settings.responseTargetMinutes,
      officeHours: { configured: intervals !== null, inside: figures(inside), outside: figures(outside) },
    },
    heatmap,
  };
}

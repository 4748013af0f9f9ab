import { aliasedTable, and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { channels, contactIdentities, contacts, conversations, messages, notes, teams, users } from "@/db/schema";
import { visibleConversations, type ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import type { ConversationFilters } from "@/lib/conversations/filters";
import { customerContacts, filterWhere, listOrder } from "@/lib/conversations/filters-sql";
import { branchPage, getMessages, viewBranches } from "@/lib/conversations/queries";
import { hasAnyKey } from "@/lib/contacts/queries";
import { customerLabel } from "@/lib/format";
import { classifyQuery, MARK_END, MARK_START, tsQueryText, type SearchKey } from "@/lib/search/keys";
import type { CurrentUser } from "@/lib/users";

export const SEARCH_PAGE = 50;
/**
 * Past this many matching messages a word is common, and reading every match to order them by time
 * would cost more than the answer is worth: the newest conversations that mention it are read instead,
 * in conversation order (see wordHits).
 */
export const DENSE_HITS = 5000;
/**
 * How much of a message the excerpt is cut from: ts_headline parses the whole text it is given, and a
 * long e-mail would cost more than the rest of the search; matches further in show the message's start.
 */
const HEADLINE_SOURCE = 4000;
/** Conversations probed for a common word, a page (see wordHits). */
const PROBE_WINDOW = 2000;

export type SearchOptions = {
  q: string;
  filters?: ConversationFilters;
  offset?: number;
  limit?: number;
  /** DENSE_HITS, lowered by tests to reach the common-word path without thousands of messages. */
  denseHits?: number;
};

type Hit = { conversation_id: string; message_id: string | null; note_id: string | null; at: Date };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const messageVector = messages.searchVector;
const noteVector = notes.searchVector;

/** Everything the viewer may see, narrowed by the search filters: as one WHERE, and as the All view's branches. */
type Scope = { where: SQL; branches: SQL[] };

function scopeOf(actor: CurrentUser, settings: ServiceSettings, filters: ConversationFilters, contactIds: string[] | null | undefined, extra?: SQL): Scope {
  const narrowed = and(filterWhere(filters, { timeZone: actor.timeZone, region: settings.defaultRegion, contactIds }), extra);
  return {
    where: and(visibleConversations(actor, settings), narrowed, filters.team ? eq(conversations.teamId, filters.team) : undefined) ?? sql`true`,
    // The All view's branches each read an index in order (lib/conversations/queries.ts), so "the newest
    // conversations in scope" is read, not sorted.
    branches: viewBranches("all", actor, settings, filters.team, narrowed),
  };
}

const newestFirst = listOrder("last", "desc");

/** The contacts an exact key names: every phone and address they have, and the handles channels show. */
function contactsByKey(key: Extract<SearchKey, { kind: "phone" | "email" | "handle" }>): SQL {
  if (key.kind === "phone") {
    return sql`(select ${contacts.id} from ${contacts} where ${hasAnyKey([key.e164], [])}
      union select ${contactIdentities.contactId} from ${contactIdentities} where lower(${contactIdentities.handle}) = ${key.e164})`;
  }
  if (key.kind === "email") {
    return sql`(select ${contacts.id} from ${contacts} where ${hasAnyKey([], [key.email])}
      union select ${contactIdentities.contactId} from ${contactIdentities} where lower(${contactIdentities.handle}) = ${key.email})`;
  }
  const bare = key.handle.replace(/^@/, "");
  return sql`(select ${contactIdentities.contactId} from ${contactIdentities}
    where lower(${contactIdentities.handle}) in (${key.handle}, ${bare}))`;
}

/** Conversations in scope, newest activity first, as hits without a matching message. */
async function conversationHits(db: DbOrTx, scope: Scope, offset: number, limit: number): Promise<Hit[]> {
  const found = await rows<{ id: string; last_message_at: Date }>(db, branchPage(scope.branches, newestFirst, offset, limit));
  return found.map((c) => ({ conversation_id: c.id, message_id: null, note_id: null, at: c.last_message_at }));
}

/**
 * The newest `window` conversations in scope, each with its newest message matching `query`. Every
 * conversation costs a probe of its own messages (an index range and the stored vectors), so this is
 * cheap exactly when matches are everywhere. The vector is wrapped in a no-op coalesce so that no plan
 * (a prepared statement's generic plan least of all) reads the whole text index for every probe.
 */
async function probeNewest(db: DbOrTx, query: SQL, scope: Scope, offset: number, limit: number, window: number): Promise<Hit[]> {
  return rows<Hit>(
    db,
    sql`select c.id as conversation_id, hit.id as message_id, null::uuid as note_id, hit.at
        from (${branchPage(scope.branches, newestFirst, 0, window)}) c
        cross join lateral (
          select ${messages.id} as id, ${messages.createdAt} as at from ${messages}
          where ${messages.conversationId} = c.id and coalesce(${messageVector}, '') @@ ${query}
          order by ${messages.createdAt} desc limit 1) hit
        order by c.last_message_at desc, c.id desc limit ${limit} offset ${offset}`,
  );
}

/** What Postgres' statistics say about the words in messages: the most common ones and how common. */
type WordStats = { share: Map<string, number>; floor: number; messages: number; at: number };
const statsCache = new WeakMap<object, WordStats>();
const STATS_TTL_MS = 10 * 60_000;

async function wordStats(db: DbOrTx): Promise<WordStats> {
  const cached = statsCache.get(db);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached;
  const [row] = await rows<{ elems: string[] | null; freqs: number[] | null; messages: number | null }>(
    db,
    sql`select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs,
          (select greatest(reltuples, 0)::float8 from pg_class where oid = 'messages'::regclass) as messages
        from (select 1) one
        left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'messages' and s.attname = 'search_vector'`,
  );
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  const stats: WordStats = {
    share: new Map(elems.map((e, i) => [e, Number(freqs[i])])),
    // After the per-word shares come their minimum, maximum and the share of nulls.
    floor: elems.length ? Number(freqs[elems.length]) : 0,
    messages: Number(row?.messages ?? 0),
    at: Date.now(),
  };
  statsCache.set(db, stats);
  return stats;
}

/**
 * About how many messages hold all the words, from the statistics ANALYZE keeps on search_vector (the
 * same the planner reads): a word's share is its lexemes' smallest, a prefix sums the words it starts;
 * a word the statistics do not list is rarer than all they do.
 */
async function estimatedHits(db: DbOrTx, words: string[]): Promise<number> {
  const [stats, parsed] = await Promise.all([
    wordStats(db),
    rows<{ lexemes: string[] }>(
      db,
      sql`select array(select lexeme from unnest(to_tsvector('simple', w.word))) as lexemes
          from unnest(array[${sql.join(
            words.map((w) => sql`${w}`),
            sql`, `,
          )}]::text[]) with ordinality as w(word, n) order by w.n`,
    ),
  ]);
  if (!stats.share.size) return 0;
  const shareOf = (lexeme: string, prefix: boolean) => {
    if (!prefix) return stats.share.get(lexeme) ?? stats.floor / 2;
    let sum = 0;
    for (const [word, share] of stats.share) if (word.startsWith(lexeme)) sum += share;
    return Math.min(1, Math.max(sum, stats.floor / 2));
  };
  const shares = parsed.map((p, i) => {
    const prefix = i === words.length - 1 && words[i].length >= 3;
    return Math.min(1, ...p.lexemes.map((l) => shareOf(l, prefix)));
  });
  return Math.min(1, ...shares) * stats.messages;
}

/**
 * Conversations with the words in a message, a note or the customer's name, the most recent first. How
 * they are found depends on how common the words are (estimatedHits):
 *
 * - common (more than `dense` matching messages expected): the newest conversations in scope are probed,
 *   PROBE_WINDOW of them a page, which fills a page quickly exactly because matches are everywhere;
 * - otherwise, or when the probes came back short: the index lists the matching messages, unordered so it
 *   stops early at `dense` + 1; up to `dense` of them is every match, ordered by time with the notes and
 *   customer names that match. More than that: the probes' page is the answer.
 */
async function wordHits(db: DbOrTx, words: string[], scope: Scope, offset: number, limit: number, dense: number): Promise<Hit[]> {
  const query = sql`to_tsquery('simple', ${tsQueryText(words)})`;
  // `limit` asks one row more than a page (to tell whether there is a next page).
  const window = PROBE_WINDOW * Math.max(1, Math.ceil((offset + limit - 1) / SEARCH_PAGE));
  const expected = await estimatedHits(db, words);
  const probed = expected > dense ? await probeNewest(db, query, scope, offset, limit, window) : null;
  // A word common everywhere but rare in this scope: listing all its matches would cost more than it finds.
  if (probed && (probed.length >= limit || expected > dense * 20)) return probed;

  // Trigram search on names needs three characters a word; shorter words would read every contact.
  const byName = words.every((w) => w.length >= 3)
    ? sql`union all select c.id, null::uuid, null::uuid, c.last_message_at from ${conversations} c
        where c.contact_id in (select ${contacts.id} from ${contacts}
          where ${and(...words.map((w) => sql`${contacts.searchText} like ${`%${likeEscape(w)}%`}`))})`
    : sql``;
  const found = await rows<Hit & { message_hits: number }>(
    db,
    sql`with m as materialized (
          select ${messages.id} as id, ${messages.conversationId} as conversation_id, ${messages.createdAt} as at
          from ${messages} where ${messageVector} @@ ${query} limit ${dense + 1}),
        hits as (
          select conversation_id, id as message_id, null::uuid as note_id, at from m
          union all
          select ${notes.conversationId}, null::uuid, ${notes.id}, ${notes.createdAt} from ${notes} where ${noteVector} @@ ${query}
          ${byName}),
        best as (select distinct on (conversation_id) * from hits order by conversation_id, at desc)
        select page.*, k.message_hits from (select count(*)::int as message_hits from m) k
        left join lateral (
          select best.conversation_id, best.message_id, best.note_id, best.at
          from best join ${conversations} on ${conversations.id} = best.conversation_id
          where ${scope.where}
          order by best.at desc, best.conversation_id desc limit ${limit} offset ${offset}) page on true`,
  );
  // One row carries the count even when nothing in scope matched.
  if ((found[0]?.message_hits ?? 0) <= dense) return found.filter((h) => h.conversation_id !== null);
  return probed ?? probeNewest(db, query, scope, offset, limit, window);
}

const assignee = aliasedTable(users, "assignee");

/**
 * The search page: conversations found by an exact key (conversation number, phone number in any
 * notation, e-mail address, handle) or by words in messages, notes and customer names, narrowed by the
 * list filters and always within what the viewer may see. Without a query it lists the filtered
 * conversations. Word matches come with a highlighted excerpt (ts_headline between MARK_START/MARK_END)
 * and the id of the matching message, so opening the result can show it.
 */
export async function searchConversations(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings, options: SearchOptions) {
  const limit = Math.min(options.limit ?? SEARCH_PAGE, 100);
  const offset = Math.max(0, options.offset ?? 0);
  const filters = options.filters ?? {};
  const key = classifyQuery(options.q, settings.defaultRegion);
  const contactIds = filters.customer ? await customerContacts(db, filters.customer, settings.defaultRegion) : undefined;
  const scope = (extra?: SQL) => scopeOf(actor, settings, filters, contactIds, extra);

  let hits: Hit[];
  if (!key) {
    hits = options.q.trim() ? [] : await conversationHits(db, scope(), offset, limit + 1);
  } else if (key.kind === "number") {
    hits = await conversationHits(db, scope(eq(conversations.number, key.number)), offset, limit + 1);
  } else if (key.kind === "words") {
    hits = await wordHits(db, key.words, scope(), offset, limit + 1, options.denseHits ?? DENSE_HITS);
    if (key.number && offset === 0) {
      const [exact] = await conversationHits(db, scope(eq(conversations.number, key.number)), 0, 1);
      if (exact) hits = [exact, ...hits.filter((h) => h.conversation_id !== exact.conversation_id)];
    }
  } else {
    hits = await conversationHits(db, scope(sql`${conversations.contactId} in ${contactsByKey(key)}`), offset, limit + 1);
  }

  const page = hits.slice(0, limit);
  if (!page.length) return { key, rows: [], hasMore: false };
  const ids = page.map((h) => h.conversation_id);
  const messageIds = page.flatMap((h) => (h.message_id ? [h.message_id] : []));
  const noteIds = page.flatMap((h) => (h.note_id ? [h.note_id] : []));
  const tsQuery = key?.kind === "words" ? sql`to_tsquery('simple', ${tsQueryText(key.words)})` : null;
  const headline = (body: SQL) =>
    sql<string>`ts_headline('simple', ${body}, ${tsQuery}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`})`;

  const [details, messageLines, noteLines] = await Promise.all([
    db
      .select({
        id: conversations.id,
        number: conversations.number,
        status: conversations.status,
        closedReason: conversations.closedReason,
        createdAt: conversations.createdAt,
        closedAt: conversations.closedAt,
        lastMessageAt: conversations.lastMessageAt,
        messageCount: conversations.messageCount,
        contactName: contacts.name,
        vip: contacts.vip,
        handle: contactIdentities.handle,
        channelKind: channels.kind,
        assigneeName: assignee.name,
        teamName: teams.name,
      })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .innerJoin(teams, eq(teams.id, conversations.teamId))
      .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.identityId))
      .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
      .where(inArray(conversations.id, ids)),
    tsQuery && messageIds.length
      ? db.select({ id: messages.id, headline: headline(sql`left(${messages.body}, ${HEADLINE_SOURCE})`) }).from(messages).where(inArray(messages.id, messageIds))
      : [],
    tsQuery && noteIds.length
      ? db
          .select({ id: notes.id, headline: headline(sql`left(${notes.body}, ${HEADLINE_SOURCE})`) })
          .from(notes)
          .where(inArray(notes.id, noteIds))
          .orderBy(desc(notes.createdAt))
      : [],
  ]);
  const byId = new Map(details.map((d) => [d.id, d]));
  const lines = new Map([...messageLines, ...noteLines].map((l) => [l.id, l.headline]));
  const result = page.flatMap((hit) => {
    const d = byId.get(hit.conversation_id);
    if (!d) return [];
    const matchId = hit.message_id ?? hit.note_id;
    return [
      {
        id: d.id,
        number: d.number,
        customer: customerLabel(d.contactName, d.handle),
        vip: d.vip,
        channelKind: d.channelKind,
        status: d.status,
        closedReason: d.closedReason,
        createdAt: d.createdAt,
        /** Open conversations last until their latest message, closed ones until they were closed. */
        endedAt: d.closedAt ?? d.lastMessageAt,
        messageCount: d.messageCount,
        assigneeName: d.assigneeName,
        teamName: d.teamName,
        match: {
          in: hit.message_id ? ("message" as const) : hit.note_id ? ("note" as const) : null,
          messageId: hit.message_id,
          headline: matchId ? (lines.get(matchId) ?? null) : null,
        },
      },
    ];
  });
  return { key, rows: result, hasMore: hits.length > limit };
}

export type SearchResult = Awaited<ReturnType<typeof searchConversations>>;
export type SearchRow = SearchResult["rows"][number];

/**
 * Enough of a thread to show `messageId` (a search result) with a little context before it: every
 * message from just before it up to `before` (the oldest message the page already shows), at most 1,000.
 * Null when the message is not in this conversation.
 */
export async function messagesAround(db: DbOrTx, conversationId: string, messageId: string, before: Date) {
  const [target] = await db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)));
  if (!target) return null;
  const [{ n }] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${messages} where ${messages.conversationId} = ${conversationId}
        and ${messages.createdAt} >= ${ts(target.createdAt)} and ${messages.createdAt} < ${ts(before)}`,
  );
  return getMessages(db, conversationId, { before, limit: Math.min(n + CONTEXT_BEFORE, 1000) });
}

/** Messages shown above a message opened from search, so it is read in context. */
const CONTEXT_BEFORE = 5;

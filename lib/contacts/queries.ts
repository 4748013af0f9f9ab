import { aliasedTable, and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import {
  channels,
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  conversationTags,
  files,
  messages,
  notes,
  tags,
  teams,
  users,
} from "@/db/schema";
import { visibleConversations, type ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { rows } from "@/lib/db/rows";
import { parsePhone } from "@/lib/contacts/contact.validation";
import type { CurrentUser } from "@/lib/users";

export const contactTabs = ["all", "vip", "blocked"] as const;
export type ContactTab = (typeof contactTabs)[number];
export const contactSorts = ["name", "name-desc", "newest", "oldest"] as const;
export type ContactSort = (typeof contactSorts)[number];
export const CONTACT_PAGE_SIZE = 25;
/** Counting a broad search to the last row costs more than it tells. */
export const CONTACT_COUNT_CAP = 10_000;

export type ContactFilter = { q?: string; tab?: ContactTab };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (s: string) => `%${likeEscape(s)}%`;

/**
 * The contacts a search matches, as a union of id queries, each on its own index (the trigram index on
 * the contact's search text, the btree and GIN indexes on numbers and addresses, the trigram indexes on
 * identities' handles). A union lets Postgres use every index; an OR across them would scan every contact.
 *
 * - a phone in any notation: its E.164 form exactly, or its digits anywhere (the last digits people
 *   remember, a national number without its leading 0), also in a channel's handle;
 * - an e-mail address: exactly (any of the contact's addresses) or as part of one;
 * - words: each word somewhere in the names, company, addresses or numbers; or the whole text in a handle.
 */
function searchParts(q: string, region: string): { contactIds: SQL[]; handle: SQL } | null {
  const text = q.trim().toLowerCase().slice(0, 200);
  if (!text) return null;
  const inText = (...patterns: string[]) =>
    sql`select id from contacts where ${sql.join(
      patterns.map((p) => sql`search_text like ${contains(p)}`),
      sql` and `,
    )}`;
  const digits = text.replace(/\D/g, "");
  if (digits.length >= 4 && /^[\d\s+().\-/]+$/.test(text)) {
    const parsed = parsePhone(text, region);
    // A national "06 1234…" or international "0031 6…" lives as "316…": match without the trunk/exit prefix.
    const core = digits.replace(/^00?/, "");
    return {
      contactIds: [...(parsed.ok ? keyIdQueries([parsed.e164], []) : []), inText(core)],
      // The same expression as the identities' digits index.
      handle: sql`regexp_replace(${contactIdentities.handle}, '[^0-9]', '', 'g') like ${contains(core)}`,
    };
  }
  const handle = sql`lower(${contactIdentities.handle}) like ${contains(text)}`;
  if (text.includes("@") && !/\s/.test(text)) return { contactIds: [...keyIdQueries([], [text]), inText(text)], handle };
  return { contactIds: [inText(...text.split(/\s+/).slice(0, 8))], handle };
}

/** The search as a union of id queries on contacts and identities (see above). */
export function searchIds(q: string, region: string): SQL | null {
  const parts = searchParts(q, region);
  if (!parts) return null;
  const byHandle = sql`select ${contactIdentities.contactId} from ${contactIdentities} where ${parts.handle}`;
  return sql`(${sql.join([...parts.contactIds, byHandle], sql` union `)})`;
}

/**
 * The same search split by table, for queries that combine it with their own (the inbox's customer
 * filter): a condition on `contacts` and one on `contact_identities`.
 */
export function searchConditions(q: string, region: string): { contact: SQL; handle: SQL } | null {
  const parts = searchParts(q, region);
  if (!parts) return null;
  return { contact: sql`${contacts.id} in (${sql.join(parts.contactIds, sql` union `)})`, handle: parts.handle };
}

function tabWhere(tab: ContactTab | undefined): SQL | undefined {
  if (tab === "vip") return sql`${contacts.vip}`;
  if (tab === "blocked") return sql`${contacts.blocked}`;
  return undefined;
}

export function contactWhere(filter: ContactFilter, region: string): SQL | undefined {
  const ids = filter.q ? searchIds(filter.q, region) : null;
  return and(tabWhere(filter.tab), ids ? sql`${contacts.id} in ${ids}` : undefined);
}

const orders: Record<ContactSort, SQL[]> = {
  name: [sql`${contacts.sortName} asc nulls last`, asc(contacts.id)],
  "name-desc": [sql`${contacts.sortName} desc nulls first`, desc(contacts.id)],
  newest: [desc(contacts.createdAt), desc(contacts.id)],
  oldest: [asc(contacts.createdAt), asc(contacts.id)],
};

/** The first identity's handle: what a contact without a name is called. (Qualified by hand: drizzle leaves a single-table select's columns bare, which a correlated subquery would misread.) */
const firstHandle = sql<string | null>`(select ci.handle from contact_identities ci
  where ci.contact_id = "contacts"."id" order by ci.created_at limit 1)`;
const channelKinds = sql<string[]>`array(select distinct ch.kind::text from contact_identities ci
  join channels ch on ch.id = ci.channel_id where ci.contact_id = "contacts"."id")`;

export const listColumns = {
  id: contacts.id,
  name: contacts.name,
  email: contacts.email,
  phone: contacts.phone,
  phoneCount: sql<number>`coalesce(array_length(${contacts.phones}, 1), 0)`,
  emailCount: sql<number>`coalesce(array_length(${contacts.emails}, 1), 0)`,
  company: contacts.company,
  city: contacts.city,
  country: contacts.country,
  vip: contacts.vip,
  blocked: contacts.blocked,
  known: contacts.known,
  createdAt: contacts.createdAt,
  handle: firstHandle,
  channelKinds,
};

export async function listContacts(
  db: DbOrTx,
  settings: ServiceSettings,
  options: ContactFilter & { sort?: ContactSort; page?: number; pageSize?: number },
) {
  const pageSize = Math.min(Math.max(options.pageSize ?? CONTACT_PAGE_SIZE, 1), 200);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const where = contactWhere(options, settings.defaultRegion);
  // The page's ids first (an index-only walk for the plain list), then the columns for those alone:
  // with OFFSET, Postgres would otherwise compute every skipped row's subqueries too.
  const ids = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(where)
    .orderBy(...orders[options.sort ?? "name"])
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  const found = await withColumns(db, ids.slice(0, pageSize).map((r) => r.id));
  return { rows: found, hasMore: ids.length > pageSize, page, pageSize };
}

/** The list's columns for these contacts, in the order of `ids`. */
async function withColumns(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  const found = await db.select(listColumns).from(contacts).where(inArray(contacts.id, ids));
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type ContactListRow = Awaited<ReturnType<typeof listContacts>>["rows"][number];

/** Matches per tab for the current search: All capped at CONTACT_COUNT_CAP, the small VIP and Blocked tabs exact. */
export async function contactCounts(db: DbOrTx, settings: ServiceSettings, q?: string): Promise<Record<ContactTab, number>> {
  const count = async (tab: ContactTab, cap?: number) => {
    const matching = db.select({ one: sql`1` }).from(contacts).where(contactWhere({ q, tab }, settings.defaultRegion));
    const capped = (cap ? matching.limit(cap + 1) : matching).as("capped");
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
    return row.n;
  };
  // The VIP and Blocked tabs read their partial indexes; with a search, each checks its few rows against it.
  const [all, vip, blocked] = await Promise.all([count("all", CONTACT_COUNT_CAP), count("vip"), count("blocked")]);
  return { all, vip, blocked };
}

/** A few contacts for a picker (relate a sender, merge): best matches by name. */
export async function pickContacts(db: DbOrTx, settings: ServiceSettings, q: string, exceptId?: string) {
  const where = contactWhere({ q }, settings.defaultRegion);
  if (!where) return [];
  const ids = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(where, exceptId ? ne(contacts.id, exceptId) : undefined))
    .orderBy(...orders.name)
    .limit(10);
  return withColumns(db, ids.map((r) => r.id));
}

const textArray = (values: string[]) => sql`${sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`}`;

/**
 * Contacts that have any of these numbers (E.164) or addresses. Each part reads its own index: the
 * primary value's btree, and the extra values' GIN one value at a time. (An array-overlap condition
 * with hundreds of values, as an import chunk has, is estimated to match most rows and planned as a
 * full scan; this form stays at milliseconds at 100,000 contacts.)
 */
export function hasAnyKey(phones: string[], emails: string[]): SQL | undefined {
  const parts = keyIdQueries(phones, emails);
  return parts.length ? sql`${contacts.id} in (${sql.join(parts, sql` union all `)})` : undefined;
}

function keyIdQueries(phones: string[], emails: string[]): SQL[] {
  const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
  const numbers = [...new Set(phones)];
  return [
    numbers.length ? sql`select id from contacts where phone = any(${textArray(numbers)})` : undefined,
    numbers.length ? sql`select c.id from unnest(${textArray(numbers)}) v(x) join contacts c on c.extra_phones @> array[v.x]` : undefined,
    lower.length ? sql`select id from contacts where lower(email) = any(${textArray(lower)})` : undefined,
    lower.length ? sql`select c.id from unnest(${textArray(lower)}) v(x) join contacts c on c.extra_emails @> array[v.x]` : undefined,
  ].filter((p): p is SQL => Boolean(p));
}

/** Other contacts that share a phone number or e-mail address with these. */
export async function findDuplicates(db: DbOrTx, input: { phones: string[]; emails: string[] }, exceptId?: string) {
  const match = hasAnyKey(input.phones, input.emails);
  if (!match) return [];
  return db
    .select({ ...listColumns, phones: contacts.phones, emails: contacts.emails })
    .from(contacts)
    .where(and(match, exceptId ? ne(contacts.id, exceptId) : undefined))
    .orderBy(asc(contacts.createdAt))
    .limit(20);
}

export type DuplicateCandidate = Awaited<ReturnType<typeof findDuplicates>>[number];

const assignee = aliasedTable(users, "assignee");

/** Everything the contact page shows, with conversations limited to what the viewer may see. */
export async function getContactView(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings, id: string) {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, id));
  if (!contact) return null;
  const visible = and(eq(conversations.contactId, id), visibleConversations(actor, settings));
  const [identities, history, blockedBy] = await Promise.all([
    db
      .select({
        id: contactIdentities.id,
        externalId: contactIdentities.externalId,
        handle: contactIdentities.handle,
        profileName: contactIdentities.profileName,
        barred: contactIdentities.barred,
        droppedCount: contactIdentities.droppedCount,
        lastInboundAt: contactIdentities.lastInboundAt,
        createdAt: contactIdentities.createdAt,
        channelId: channels.id,
        channelKind: channels.kind,
        channelName: channels.name,
      })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(eq(contactIdentities.contactId, id))
      .orderBy(asc(contactIdentities.createdAt)),
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
        preview: conversations.lastMessagePreview,
        language: conversations.language,
        sentiment: conversations.sentiment,
        channelKind: channels.kind,
        channelName: channels.name,
        teamName: teams.name,
        assigneeName: assignee.name,
        tags: sql<{ name: string; color: string }[]>`coalesce((select json_agg(json_build_object('name', ${tags.name}, 'color', ${tags.color}) order by ${tags.name})
          from ${conversationTags} join ${tags} on ${tags.id} = ${conversationTags.tagId} where ${conversationTags.conversationId} = ${conversations.id}), '[]'::json)`,
        closedBy: sql<string | null>`(select ${users.name} from ${conversationEvents} left join ${users} on ${users.id} = ${conversationEvents.actorId}
          where ${conversationEvents.conversationId} = ${conversations.id} and ${conversationEvents.type} in ('archived', 'rejected', 'closed', 'blocked')
          order by ${conversationEvents.createdAt} desc limit 1)`,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .innerJoin(teams, eq(teams.id, conversations.teamId))
      .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
      .where(visible)
      .orderBy(desc(conversations.createdAt))
      .limit(200),
    contact.blockedById
      ? db.select({ name: users.name }).from(users).where(eq(users.id, contact.blockedById))
      : Promise.resolve([]),
  ]);
  const ids = history.map((c) => c.id);
  const [timeline, documents, conversationNotes] = ids.length
    ? await Promise.all([
        db
          .select({
            id: conversationEvents.id,
            type: conversationEvents.type,
            data: conversationEvents.data,
            createdAt: conversationEvents.createdAt,
            actorName: users.name,
            conversationNumber: conversations.number,
          })
          .from(conversationEvents)
          .innerJoin(conversations, eq(conversations.id, conversationEvents.conversationId))
          .leftJoin(users, eq(users.id, conversationEvents.actorId))
          .where(inArray(conversationEvents.conversationId, ids))
          .orderBy(desc(conversationEvents.createdAt), desc(conversationEvents.id))
          .limit(300),
        rows<{ id: string; name: string; mimeType: string; size: number; createdAt: Date; direction: "in" | "out"; conversationNumber: number }>(
          db,
          sql`select a->>'id' as id, a->>'name' as name, a->>'mimeType' as "mimeType", (a->>'size')::int as size,
                 ${messages.createdAt} as "createdAt", ${messages.direction} as direction, ${conversations.number} as "conversationNumber"
              from ${messages} join ${conversations} on ${conversations.id} = ${messages.conversationId}
              cross join lateral jsonb_array_elements(${messages.attachments}) a
              where ${inArray(messages.conversationId, ids)} and jsonb_array_length(${messages.attachments}) > 0
              order by ${messages.createdAt} desc limit 300`,
        ),
        db
          .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorName: users.name, conversationNumber: conversations.number })
          .from(notes)
          .innerJoin(conversations, eq(conversations.id, notes.conversationId))
          .leftJoin(users, eq(users.id, notes.authorId))
          .where(inArray(notes.conversationId, ids))
          .orderBy(desc(notes.createdAt))
          .limit(200),
      ])
    : [[], [], []];
  const mentioned = [...new Set(timeline.flatMap((e) => ["toUserId", "fromUserId"].map((k) => e.data[k]).filter((v): v is string => typeof v === "string")))];
  const userNames = mentioned.length
    ? Object.fromEntries((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, mentioned))).map((u) => [u.id, u.name]))
    : {};
  return {
    contact,
    userNames,
    blockedByName: blockedBy[0]?.name ?? null,
    identities,
    conversations: history.map((c) => ({ ...c, endedBy: endedBy(c.status, c.closedReason) })),
    timeline,
    documents: documents.map((d) => ({ ...d, createdAt: new Date(d.createdAt), size: Number(d.size) })),
    notes: conversationNotes,
  };
}

export type ContactView = NonNullable<Awaited<ReturnType<typeof getContactView>>>;

/** Who ended a conversation, from how it closed: agents archive and reject, the system closes idle ones. */
function endedBy(status: string, reason: string | null): "agent" | "system" | "customer" | null {
  if (status !== "closed") return null;
  if (reason === "inactive") return "system";
  return "agent";
}

/** What an erasure takes with it, for the confirmation. */
export async function erasureSummary(db: DbOrTx, id: string) {
  const [row] = await rows<{ conversations: number; messages: number; files: number }>(
    db,
    sql`select
        (select count(*)::int from ${conversations} where ${conversations.contactId} = ${id}) as conversations,
        (select count(*)::int from ${messages} join ${conversations} on ${conversations.id} = ${messages.conversationId}
           where ${conversations.contactId} = ${id}) as messages,
        (select count(*)::int from ${files} where ${files.contactId} = ${id}
           or ${files.conversationId} in (select ${conversations.id} from ${conversations} where ${conversations.contactId} = ${id})) as files`,
  );
  return { conversations: Number(row.conversations), messages: Number(row.messages), files: Number(row.files) };
}

import { aliasedTable, and, asc, desc, eq, inArray, isNotNull, lt, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import {
  channels,
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  conversationTags,
  messages,
  notes,
  tags,
  teams,
  users,
} from "@/db/schema";
import { visibleConversations, type ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import type { CurrentUser } from "@/lib/users";
import { COUNT_CAP, type View } from "@/lib/conversations/views";
import type { ConversationFilters } from "@/lib/conversations/filters";
import { customerContacts, filterWhere, listOrder, type ListOrder } from "@/lib/conversations/filters-sql";


const notClosed = ne(conversations.status, "closed");

function scopedTeams(actor: CurrentUser, teamId?: string): string[] {
  return teamId ? actor.teamIds.filter((id) => id === teamId) : actor.teamIds;
}

/**
 * A view as a list of simple conditions whose union is the view, always within what the actor may see.
 * Each branch matches one index in the queue order, so a page is read in order instead of sorting every
 * match (an IN list or an OR over teams would make Postgres sort them all).
 */
export function viewBranches(view: View, actor: CurrentUser, settings: ServiceSettings, teamId?: string, filters?: SQL): SQL[] {
  const visible = visibleConversations(actor, settings);
  const teams = scopedTeams(actor, teamId);
  const branches = ((): (SQL | undefined)[] => {
    switch (view) {
      case "new":
        return teams.map((t) => and(eq(conversations.status, "new"), eq(conversations.teamId, t)));
      case "mine":
        return [and(eq(conversations.assigneeId, actor.id), notClosed, teamId ? eq(conversations.teamId, teamId) : undefined)];
      case "assigned":
        return teams.map((t) => and(isNotNull(conversations.assigneeId), notClosed, eq(conversations.teamId, t)));
      case "all":
        if (visible === undefined) return [teamId ? eq(conversations.teamId, teamId) : sql`true`];
        // An agent sees their teams' conversations and the ones assigned to them elsewhere.
        return [
          ...teams.map((t) => eq(conversations.teamId, t)),
          and(
            eq(conversations.assigneeId, actor.id),
            teamId ? eq(conversations.teamId, teamId) : undefined,
            actor.teamIds.length ? notInArray(conversations.teamId, actor.teamIds) : undefined,
          ),
        ];
    }
  })();
  // The list filters go inside every branch, so each branch still reads its own index in order.
  return branches.map((b) => and(visible, b, filters) ?? sql`true`);
}

/** The WHERE clause of a view (the union of its branches), for counts. */
export function viewWhere(view: View, actor: CurrentUser, settings: ServiceSettings, teamId?: string): SQL {
  const branches = viewBranches(view, actor, settings, teamId);
  return branches.length ? (or(...branches) ?? sql`false`) : sql`false`;
}

const assignee = aliasedTable(users, "assignee");

export const PAGE_SIZE = 50;

/**
 * One page of a view, merged from its branches, as a query of (id, priority, waiting_since,
 * last_message_at, created_at) rows in the page's order. Search builds on it too (lib/conversations/search.ts).
 */
export function branchPage(branches: SQL[], order: ListOrder, offset: number, limit: number): SQL {
  if (!branches.length) return sql`select null::uuid as id, null::int as priority, null::timestamptz as waiting_since,
    null::timestamptz as last_message_at, null::timestamptz as created_at where false`;
  const enough = offset + limit;
  const parts = branches.map(
    (where) => sql`(select ${conversations.id} as id, ${conversations.priority} as priority, ${conversations.waitingSince} as waiting_since,
        ${conversations.lastMessageAt} as last_message_at, ${conversations.createdAt} as created_at from ${conversations} where ${where}
        order by ${sql.join(order.branch, sql`, `)} limit ${enough})`,
  );
  return sql`select b.* from (${sql.join(parts, sql` union all `)}) b
      order by ${order.merged}
      limit ${limit} offset ${offset}`;
}

/** Ids of one page of a view, merged from its branches. */
async function pageIds(db: DbOrTx, branches: SQL[], order: ListOrder, offset: number, limit: number): Promise<string[]> {
  if (!branches.length) return [];
  const merged = await rows<{ id: string }>(db, branchPage(branches, order, offset, limit));
  return merged.map((r) => r.id);
}

export async function listConversations(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  options: { view: View; offset?: number; limit?: number; teamId?: string; filters?: ConversationFilters },
) {
  const limit = Math.min(options.limit ?? PAGE_SIZE, 200);
  const filters = options.filters ?? {};
  const contactIds = filters.customer ? await customerContacts(db, filters.customer, settings.defaultRegion) : undefined;
  const where = filterWhere(filters, { timeZone: actor.timeZone, region: settings.defaultRegion, contactIds });
  const order = listOrder(filters.sort, filters.dir);
  const branches = viewBranches(options.view, actor, settings, options.teamId ?? filters.team, where);
  const ids = await pageIds(db, branches, order, options.offset ?? 0, limit + 1);
  if (!ids.length) return { rows: [], hasMore: false };
  const found = await db
    .select({
      id: conversations.id,
      number: conversations.number,
      status: conversations.status,
      closedReason: conversations.closedReason,
      priority: conversations.priority,
      createdAt: conversations.createdAt,
      lastMessageAt: conversations.lastMessageAt,
      waitingSince: conversations.waitingSince,
      preview: conversations.lastMessagePreview,
      previewDirection: conversations.lastMessageDirection,
      language: conversations.language,
      sentiment: conversations.sentiment,
      contactName: contacts.name,
      vip: contacts.vip,
      handle: contactIdentities.handle,
      channelKind: channels.kind,
      channelName: channels.name,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
      teamName: teams.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.identityId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(inArray(conversations.id, ids))
    .orderBy(...order.rows);
  return { rows: found.slice(0, limit), hasMore: found.length > limit };
}

export type ConversationListRow = Awaited<ReturnType<typeof listConversations>>["rows"][number];


export async function viewCounts(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings, teamId?: string): Promise<Record<View, number>> {
  // The work queues are small (nothing closed), so one pass over the partial indexes counts all three.
  const [queues] = await db
    .select({
      new: sql<number>`count(*) filter (where ${viewWhere("new", actor, settings, teamId)})::int`,
      mine: sql<number>`count(*) filter (where ${viewWhere("mine", actor, settings, teamId)})::int`,
      assigned: sql<number>`count(*) filter (where ${viewWhere("assigned", actor, settings, teamId)})::int`,
    })
    .from(conversations)
    .where(notClosed);
  const capped = db
    .select({ one: sql`1` })
    .from(conversations)
    .where(viewWhere("all", actor, settings, teamId))
    .limit(COUNT_CAP + 1)
    .as("capped");
  const [all] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { ...queues, all: all.n };
}

export const THREAD_PAGE = 100;

/** One conversation for its pane, if the actor may see it. */
export async function getConversationByNumber(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings, number: number) {
  const [row] = await db
    .select({
      conversation: conversations,
      contact: contacts,
      identity: contactIdentities,
      channel: { id: channels.id, kind: channels.kind, name: channels.name, active: channels.active },
      team: { id: teams.id, name: teams.name },
      assigneeName: assignee.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.identityId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(eq(conversations.number, number), visibleConversations(actor, settings)));
  return row ?? null;
}

export type ConversationHeader = NonNullable<Awaited<ReturnType<typeof getConversationByNumber>>>;

/** The newest messages of a thread (or those before `before`), oldest first. */
export async function getMessages(db: DbOrTx, conversationId: string, options: { before?: Date; limit?: number } = {}) {
  const limit = options.limit ?? THREAD_PAGE;
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      kind: messages.kind,
      body: messages.body,
      payload: messages.payload,
      attachments: messages.attachments,
      status: messages.status,
      errorCode: messages.errorCode,
      errorText: messages.errorText,
      createdAt: messages.createdAt,
      authorName: users.name,
      channelKind: channels.kind,
    })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.conversationId, conversationId), options.before ? lt(messages.createdAt, options.before) : undefined))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
  return { messages: rows.slice(0, limit).reverse(), hasEarlier: rows.length > limit };
}

export type ThreadMessage = Awaited<ReturnType<typeof getMessages>>["messages"][number];

/** Everything the side panel and the system lines need, in parallel. */
export async function getConversationExtras(db: DbOrTx, conversation: { id: string; contactId: string }, since?: Date) {
  const [tagRows, noteRows, eventRows, identities, media, history] = await Promise.all([
    db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(conversationTags)
      .innerJoin(tags, eq(tags.id, conversationTags.tagId))
      .where(eq(conversationTags.conversationId, conversation.id))
      .orderBy(asc(tags.name)),
    db
      .select({ id: notes.id, body: notes.body, createdAt: notes.createdAt, authorName: users.name })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(eq(notes.conversationId, conversation.id))
      .orderBy(desc(notes.createdAt)),
    db
      .select({
        id: conversationEvents.id,
        type: conversationEvents.type,
        data: conversationEvents.data,
        createdAt: conversationEvents.createdAt,
        actorName: users.name,
      })
      .from(conversationEvents)
      .leftJoin(users, eq(users.id, conversationEvents.actorId))
      .where(
        and(
          eq(conversationEvents.conversationId, conversation.id),
          since ? sql`${conversationEvents.createdAt} >= ${ts(since)}` : undefined,
        ),
      )
      .orderBy(asc(conversationEvents.createdAt), asc(conversationEvents.id)),
    db
      .select({
        id: contactIdentities.id,
        handle: contactIdentities.handle,
        externalId: contactIdentities.externalId,
        profileName: contactIdentities.profileName,
        barred: contactIdentities.barred,
        droppedCount: contactIdentities.droppedCount,
        channelKind: channels.kind,
        channelName: channels.name,
      })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(eq(contactIdentities.contactId, conversation.contactId)),
    db
      .select({ id: messages.id, attachments: messages.attachments, createdAt: messages.createdAt, direction: messages.direction })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), sql`jsonb_array_length(${messages.attachments}) > 0`))
      .orderBy(desc(messages.createdAt))
      .limit(50),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(eq(conversations.contactId, conversation.contactId), ne(conversations.id, conversation.id))),
  ]);
  const userNames = await userNameMap(db, eventRows);
  return {
    tags: tagRows,
    notes: noteRows,
    events: eventRows,
    userNames,
    identities,
    media: media.flatMap((m) => m.attachments.map((a) => ({ ...a, messageId: m.id, createdAt: m.createdAt, direction: m.direction }))),
    otherConversations: history[0]?.n ?? 0,
  };
}

/** Names of the users an event's data mentions (transfers name two people). */
async function userNameMap(db: DbOrTx, events: { data: Record<string, unknown> }[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const e of events) {
    for (const key of ["toUserId", "fromUserId"]) {
      const value = e.data[key];
      if (typeof value === "string") ids.add(value);
    }
  }
  if (!ids.size) return {};
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

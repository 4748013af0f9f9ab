import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { channels, contactIdentities, contacts, conversations, conversationTags } from "@/db/schema";
import { searchConditions } from "@/lib/contacts/queries";
import { channelKinds, UNASSIGNED, type ConversationFilters, type SortDirection, type SortKey } from "@/lib/conversations/filters";
import type { DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import { addDays, zonedTime } from "@/lib/stats/span";
import { moodWhere } from "@/lib/contacts/mood";

/**
 * `contactIds`: the customer filter's contacts, looked up beforehand (customerContacts) so the planner
 * sees a short list and reads the conversations of those contacts directly; absent, the filter is a
 * subquery.
 */
export type FilterContext = { timeZone: string; region: string; contactIds?: string[] | null };

/** More contacts than this match the customer filter: it narrows little, and stays a subquery. */
const CUSTOMER_LOOKUP_CAP = 200;

/**
 * The address book's search (lib/contacts/queries.ts), except that a number is looked for in handles as
 * written (+31612345678, trigram-indexed) rather than digit by digit, which would read every identity:
 * channels that identify by number write handles in E.164.
 */
function customerConditions(customer: string, region: string) {
  const search = searchConditions(customer, region);
  if (!search) return null;
  const text = customer.trim().toLowerCase();
  const digits = text.replace(/\D/g, "");
  if (digits.length >= 4 && /^[\d\s+().\-/]+$/.test(text)) {
    return { ...search, handle: sql`lower(${contactIdentities.handle}) like ${`%${digits.replace(/^00?/, "")}%`}` };
  }
  return search;
}

/** The contacts the customer filter matches, or null when there are too many to list. */
export async function customerContacts(db: DbOrTx, customer: string | undefined, region: string): Promise<string[] | null> {
  const search = customer ? customerConditions(customer, region) : null;
  if (!search) return null;
  const found = await rows<{ id: string }>(
    db,
    sql`(select ${contacts.id} as id from ${contacts} where ${search.contact} limit ${CUSTOMER_LOOKUP_CAP + 1})
        union (select ${contactIdentities.contactId} from ${contactIdentities} where ${search.handle} limit ${CUSTOMER_LOOKUP_CAP + 1})`,
  );
  return found.length > CUSTOMER_LOOKUP_CAP ? null : found.map((r) => r.id);
}

function startOfDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return zonedTime(y, m, d, timeZone);
}

/**
 * The conditions of the list filters on `conversations` (the team filter is not here: it scopes the
 * view's branches, see viewBranches). Each is a plain predicate or a semi-join on an indexed column, so it
 * can sit inside every branch of a view without changing which index orders the branch.
 */
export function filterWhere(filters: ConversationFilters, context: FilterContext): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];

  if (filters.channels?.length) {
    const kinds = filters.channels.filter((c) => (channelKinds as readonly string[]).includes(c));
    const ids = filters.channels.filter((c) => !kinds.includes(c));
    conditions.push(
      or(
        ids.length ? inArray(conversations.channelId, ids) : undefined,
        kinds.length
          ? sql`${conversations.channelId} in (select ${channels.id} from ${channels} where ${channels.kind}::text in ${kinds})`
          : undefined,
      ),
    );
  }
  if (filters.agent) {
    conditions.push(filters.agent === UNASSIGNED ? isNull(conversations.assigneeId) : eq(conversations.assigneeId, filters.agent));
  }
  if (filters.tags?.length) {
    conditions.push(
      sql`exists (select 1 from ${conversationTags} where ${conversationTags.conversationId} = ${conversations.id}
          and ${inArray(conversationTags.tagId, filters.tags)})`,
    );
  }
  if (filters.states?.length) conditions.push(inArray(conversations.status, filters.states));
  if (filters.number) conditions.push(eq(conversations.number, filters.number));
  conditions.push(moodWhere({ language: filters.language, sentiment: filters.sentiment }));
  if (filters.customer && context.contactIds) {
    conditions.push(context.contactIds.length ? inArray(conversations.contactId, context.contactIds) : sql`false`);
  } else if (filters.customer) {
    const search = customerConditions(filters.customer, context.region);
    if (search) {
      conditions.push(
        sql`${conversations.contactId} in (select ${contacts.id} from ${contacts} where ${search.contact}
            union select ${contactIdentities.contactId} from ${contactIdentities} where ${search.handle})`,
      );
    }
  }
  // A conversation "happened" in the span when it was going on at some point in it: started before the
  // span ended and last active after it began.
  if (filters.to) conditions.push(lt(conversations.createdAt, sql`${ts(startOfDay(addDays(filters.to, 1), context.timeZone))}`));
  if (filters.from) conditions.push(sql`${conversations.lastMessageAt} >= ${ts(startOfDay(filters.from, context.timeZone))}`);

  return and(...conditions);
}

/**
 * A list order: how each branch reads its index, and the same order over the merged branches (whose
 * columns are `b.<name>`). Every order ends on the id so pages never overlap.
 */
export type ListOrder = { branch: SQL[]; merged: SQL; rows: SQL[] };

/** Longest-waiting first, VIP customers ahead; then the most recent activity (the inbox's default). */
const queue: ListOrder = {
  branch: [
    desc(conversations.priority),
    sql`${conversations.waitingSince} asc nulls last`,
    desc(conversations.lastMessageAt),
    desc(conversations.id),
  ],
  merged: sql`b.priority desc, b.waiting_since asc nulls last, b.last_message_at desc, b.id desc`,
  rows: [],
};
queue.rows = queue.branch;

function byDate(column: typeof conversations.createdAt | typeof conversations.lastMessageAt, name: string, dir: SortDirection): ListOrder {
  const by = dir === "asc" ? asc : desc;
  const order = [by(column), by(conversations.id)];
  return { branch: order, merged: sql.raw(`b.${name} ${dir}, b.id ${dir}`), rows: order };
}

export function listOrder(sort: SortKey = "queue", dir: SortDirection = "desc"): ListOrder {
  if (sort === "created") return byDate(conversations.createdAt, "created_at", dir);
  if (sort === "last") return byDate(conversations.lastMessageAt, "last_message_at", dir);
  return queue;
}

import { and, eq, sql, type SQL } from "drizzle-orm";
import { channels, contacts, conversations, users } from "@/db/schema";
import { visibleConversations, type ServiceSettings } from "@/lib/auth/permissions";
import type { ChannelKind } from "@/lib/channels/types";
import type { DbOrTx } from "@/lib/db/client";
import { rows, ts } from "@/lib/db/rows";
import type { StatsFilters } from "@/lib/stats/params";
import { addDays, firstOfMonth, localDate, spanFromDates } from "@/lib/stats/span";
import type { CurrentUser } from "@/lib/users";

/*
 * The agent-productivity dashboard: per agent, this month beside the previous one. A request is a
 * conversation started in the month and handled by the agent (its assignee); a new contact is a customer
 * first seen in that month whose conversation the agent handled; the channel columns split the requests by
 * channel kind. Months are calendar months in the viewer's time zone; this month runs up to now.
 */

export type MonthFigures = { requests: number; newContacts: number; byKind: Partial<Record<ChannelKind, number>> };
export type ProductivityRow = { id: string | null; name: string; current: MonthFigures; previous: MonthFigures };
export type Productivity = {
  current: { fromDate: string; toDate: string; label: string };
  previous: { fromDate: string; toDate: string; label: string };
  kinds: ChannelKind[];
  rows: ProductivityRow[];
  totals: { current: MonthFigures; previous: MonthFigures };
};

const monthLabel = (date: string) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));

const empty = (): MonthFigures => ({ requests: 0, newContacts: 0, byKind: {} });

export async function getProductivity(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  timeZone: string,
  filters: StatsFilters = {},
  now = new Date(),
): Promise<Productivity> {
  const today = localDate(now, timeZone);
  const thisMonth = spanFromDates("this-month", firstOfMonth(today), today, timeZone);
  const lastMonth = spanFromDates("last-month", firstOfMonth(today, -1), addDays(firstOfMonth(today), -1), timeZone);
  const scope: SQL =
    and(
      visibleConversations(actor, settings),
      filters.teamId ? eq(conversations.teamId, filters.teamId) : undefined,
      filters.channelId ? eq(conversations.channelId, filters.channelId) : undefined,
      filters.agentId ? eq(conversations.assigneeId, filters.agentId) : undefined,
    ) ?? sql`true`;
  const isCurrent = sql`${conversations.createdAt} >= ${ts(thisMonth.from)}`;
  const monthStart = sql`case when ${isCurrent} then ${ts(thisMonth.from)} else ${ts(lastMonth.from)} end`;

  const [found, people] = await Promise.all([
    rows<{ agent: string | null; current: boolean; kind: ChannelKind | null; by_kind: number; requests: number; new_contacts: number }>(
      db,
      sql`select agent, current, kind, grouping(kind)::int as by_kind, count(*)::int as requests,
                 count(distinct contact_id) filter (where new_contact)::int as new_contacts
          from (
            select ${conversations.assigneeId} as agent, ${isCurrent} as current, ${channels.kind} as kind,
                   ${conversations.contactId} as contact_id, ${contacts.createdAt} >= ${monthStart} as new_contact
            from ${conversations}
            join ${channels} on ${channels.id} = ${conversations.channelId}
            join ${contacts} on ${contacts.id} = ${conversations.contactId}
            where ${conversations.createdAt} >= ${ts(lastMonth.from)} and ${conversations.createdAt} < ${ts(now)} and ${scope}
          ) c
          group by grouping sets ((agent, current, kind), (agent, current))`,
    ),
    db.select({ id: users.id, name: users.name }).from(users),
  ]);

  const names = new Map(people.map((p) => [p.id, p.name]));
  const byAgent = new Map<string | null, ProductivityRow>();
  const totals = { current: empty(), previous: empty() };
  const kinds = new Set<ChannelKind>();
  for (const r of found) {
    let row = byAgent.get(r.agent);
    if (!row) {
      row = { id: r.agent, name: r.agent ? (names.get(r.agent) ?? "Former colleague") : "Not assigned", current: empty(), previous: empty() };
      byAgent.set(r.agent, row);
    }
    const month = r.current ? "current" : "previous";
    if (r.by_kind === 1) {
      row[month].requests = r.requests;
      row[month].newContacts = r.new_contacts;
      totals[month].requests += r.requests;
      totals[month].newContacts += r.new_contacts;
    } else if (r.kind) {
      kinds.add(r.kind);
      row[month].byKind[r.kind] = r.requests;
      totals[month].byKind[r.kind] = (totals[month].byKind[r.kind] ?? 0) + r.requests;
    }
  }
  const order: ChannelKind[] = ["sms", "whatsapp", "messenger", "instagram", "telegram", "viber", "email", "webchat"];
  return {
    current: { fromDate: thisMonth.fromDate, toDate: thisMonth.toDate, label: monthLabel(thisMonth.fromDate) },
    previous: { fromDate: lastMonth.fromDate, toDate: lastMonth.toDate, label: monthLabel(lastMonth.fromDate) },
    kinds: order.filter((k) => kinds.has(k)),
    // Agents first (busiest this month first), the unassigned requests last.
    rows: [...byAgent.values()].sort(
      (a, b) => Number(a.id === null) - Number(b.id === null) || b.current.requests - a.current.requests || a.name.localeCompare(b.name),
    ),
    totals,
  };
}

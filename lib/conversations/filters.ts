/**
 * The inbox list's filters and sort as they live in the URL (`?channel=whatsapp,sms&state=open&sort=last`),
 * so a filtered view can be bookmarked, shared and restored with Back. Pure and free of server imports:
 * the filter bar, the list's refetch and the server all read the URL through `parseFilters` and write it
 * through `filtersToSearchParams`, so the three can never disagree.
 */
import type { ChannelKind } from "@/lib/channels/types";

export const conversationStates = ["new", "open", "waiting", "closed", "blocked"] as const;
export type ConversationState = (typeof conversationStates)[number];
export const stateLabels: Record<ConversationState, string> = {
  new: "New",
  open: "Open",
  waiting: "Waiting for customer",
  closed: "Closed",
  blocked: "Blocked",
};

export const channelKinds = ["webchat", "whatsapp", "messenger", "instagram", "telegram", "sms", "viber", "email"] as const satisfies readonly ChannelKind[];

/** Queue: VIP first, then the longest waiting (the inbox's own order). The others are the reference's two dates. */
export const sortKeys = ["queue", "created", "last"] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDirection = "asc" | "desc";
export const sortLabels: Record<SortKey, string> = { queue: "Longest waiting first", created: "Conversation date", last: "Last message date" };

export const moodFilters = ["negative", "neutral", "positive"] as const;
export type MoodFilter = (typeof moodFilters)[number];
export const moodLabels: Record<MoodFilter, string> = { negative: "Unhappy", neutral: "Neutral", positive: "Happy" };

/** Unassigned, as an agent filter value. */
export const UNASSIGNED = "none";

export type ConversationFilters = {
  /** Channel kinds or channel account ids; any of them matches. */
  channels?: string[];
  /** An assignee's user id, or UNASSIGNED. */
  agent?: string;
  /** Tag ids; a conversation carrying any of them matches. */
  tags?: string[];
  team?: string;
  states?: ConversationState[];
  /** Name, phone number (any notation), handle or e-mail of the customer. */
  customer?: string;
  number?: number;
  /** The language the customer writes in (ISO 639 code, as detected on ingest). */
  language?: string;
  /** The mood of the customer's recent messages. */
  sentiment?: MoodFilter;
  /** Local calendar dates (YYYY-MM-DD) in the viewer's time zone, both included. */
  from?: string;
  to?: string;
  sort?: SortKey;
  dir?: SortDirection;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LIST = 20;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

function list(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(",").map((v) => v.trim()).filter(Boolean))].slice(0, MAX_LIST);
}

function isChannelRef(value: string): boolean {
  return UUID.test(value) || (channelKinds as readonly string[]).includes(value);
}

type Params = { get(name: string): string | null };

/**
 * Reads the filters from a URL's query. Anything malformed is left out rather than refused: a link
 * edited by hand still opens, showing what could be understood.
 */
export function parseFilters(params: Params): ConversationFilters {
  const out: ConversationFilters = {};
  const channels = list(params.get("channel")).filter(isChannelRef);
  if (channels.length) out.channels = channels;
  const agent = params.get("agent")?.trim();
  if (agent && (agent === UNASSIGNED || UUID.test(agent))) out.agent = agent.toLowerCase();
  const tags = list(params.get("tag")).filter((t) => UUID.test(t));
  if (tags.length) out.tags = tags.map((t) => t.toLowerCase());
  const team = params.get("team")?.trim();
  if (team && UUID.test(team)) out.team = team.toLowerCase();
  const states = list(params.get("state")).filter((s): s is ConversationState => (conversationStates as readonly string[]).includes(s));
  if (states.length) out.states = states;
  const customer = params.get("customer")?.trim().slice(0, 200);
  if (customer) out.customer = customer;
  const number = params.get("number")?.trim().replace(/^#/, "");
  if (number && /^\d{1,15}$/.test(number) && Number(number) > 0) out.number = Number(number);
  const language = params.get("lang")?.trim().toLowerCase();
  if (language && /^[a-z]{2,3}$/.test(language)) out.language = language;
  const sentiment = params.get("mood");
  if (sentiment && (moodFilters as readonly string[]).includes(sentiment)) out.sentiment = sentiment as MoodFilter;
  const from = params.get("from")?.trim();
  const to = params.get("to")?.trim();
  if (from && isDate(from)) out.from = from;
  if (to && isDate(to)) out.to = to;
  if (out.from && out.to && out.from > out.to) [out.from, out.to] = [out.to, out.from];
  const sort = params.get("sort");
  if (sort === "created" || sort === "last") {
    out.sort = sort;
    out.dir = params.get("dir") === "asc" ? "asc" : "desc";
  }
  return out;
}

/** The URL query for `filters`, keys in a fixed order so equal filters give equal URLs. */
export function filtersToSearchParams(filters: ConversationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.channels?.length) params.set("channel", filters.channels.join(","));
  if (filters.agent) params.set("agent", filters.agent);
  if (filters.tags?.length) params.set("tag", filters.tags.join(","));
  if (filters.team) params.set("team", filters.team);
  if (filters.states?.length) params.set("state", filters.states.join(","));
  if (filters.customer?.trim()) params.set("customer", filters.customer.trim());
  if (filters.number) params.set("number", String(filters.number));
  if (filters.language) params.set("lang", filters.language);
  if (filters.sentiment) params.set("mood", filters.sentiment);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.sort && filters.sort !== "queue") {
    params.set("sort", filters.sort);
    params.set("dir", filters.dir ?? "desc");
  }
  return params;
}

/** How many filters narrow the list (the sort is not one), for the filter button's badge. */
export function activeFilterCount(filters: ConversationFilters): number {
  return [
    filters.channels?.length,
    filters.agent,
    filters.tags?.length,
    filters.team,
    filters.states?.length,
    filters.customer,
    filters.number,
    filters.language,
    filters.sentiment,
    filters.from || filters.to,
  ].filter(Boolean).length;
}

export function isDefaultView(filters: ConversationFilters): boolean {
  return activeFilterCount(filters) === 0 && (filters.sort ?? "queue") === "queue";
}

/** "?channel=…" (or "" when nothing is set), to append to an inbox link so the filters travel with it. */
export function filterQuery(filters: ConversationFilters): string {
  const query = filtersToSearchParams(filters).toString();
  return query ? `?${query}` : "";
}

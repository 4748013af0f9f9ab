import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { conversations } from "@/db/schema";
import type { roleEnum, settings } from "@/db/schema";

export type Role = (typeof roleEnum.enumValues)[number];
export type ServiceSettings = typeof settings.$inferSelect;

/** Who is asking: the signed-in user as the permission rules need them. */
export type Actor = { id: string; role: Role; teamIds: string[] };

type Ctx = { actor: Actor; settings: ServiceSettings };
type Rule = true | ((ctx: Ctx) => boolean);

const staff = { admin: true, supervisor: true } as const;

/**
 * The permission table of DESIGN.md, as data: an action is allowed for a role when the role has a rule
 * for it and the rule holds. `disabled` has no rules, so it can do nothing. Conversation-level checks
 * (team scope, who may reply) are below and are applied on top of the table.
 */
const table = {
  "conversations.read": { ...staff, agent: true, watcher: true },
  "conversation.pickup": { ...staff, agent: true },
  "conversation.reply": { ...staff, agent: true },
  "conversation.start": { ...staff, agent: true },
  "conversation.tag": { ...staff, agent: true },
  "conversation.note": { ...staff, agent: true },
  "conversation.archive": { ...staff, agent: true },
  "conversation.assign": { ...staff, agent: true },
  "conversation.release": { ...staff, agent: true },
  "conversation.reject": { ...staff, agent: true },
  "conversation.export": { ...staff, watcher: true, agent: ({ settings }) => settings.agentsCanExport },
  "tag.create": { ...staff, agent: ({ settings }) => settings.agentsCanCreateTags },
  "conversation.bar": { ...staff, agent: true },
  "contacts.read": { ...staff, agent: true, watcher: true },
  "contacts.import": { ...staff },
  "contacts.export": { ...staff, watcher: true },
  "contact.edit": { ...staff, agent: true },
  "contact.merge": { ...staff, agent: ({ settings }) => settings.agentsCanMerge },
  "contact.block": { ...staff },
  "contact.delete": { ...staff },
  "contact.download": { ...staff },
  "statistics.read": { ...staff, watcher: true },
  "statistics.export": { ...staff, watcher: true },
  "settings.read": { ...staff, watcher: true },
  "settings.change": { admin: true },
  "audit.read": { admin: true },
  "profile.change": { ...staff, agent: true, watcher: true },
} satisfies Record<string, Partial<Record<Role, Rule>>>;

export type Action = keyof typeof table;
export const allActions = Object.keys(table) as Action[];

/** The fields of a conversation that decide who may see and work it. */
export type ConversationScope = { teamId: string; assigneeId: string | null; status: string };

export class ForbiddenError extends Error {
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export function canSeeConversation(actor: Actor, settings: ServiceSettings, c: ConversationScope): boolean {
  return can(actor, "conversations.read", settings, c);
}

/**
 * `can(actor, action, settings)` answers the table; pass a conversation to also check that the actor
 * may see it and, for the actions an agent does only on their own work, that it is theirs.
 */
export function can(actor: Actor, action: Action, settings: ServiceSettings, conversation?: ConversationScope): boolean {
  return whyNot(actor, action, settings, conversation) === null;
}

export function assertCan(actor: Actor, action: Action, settings: ServiceSettings, conversation?: ConversationScope) {
  const reason = whyNot(actor, action, settings, conversation);
  if (reason) throw new ForbiddenError(reason);
}

/** Null when allowed, else the reason in words for the person asking. */
function whyNot(actor: Actor, action: Action, settings: ServiceSettings, conversation?: ConversationScope): string | null {
  const rule = (table[action] as Partial<Record<Role, Rule>>)[actor.role];
  if (!rule || (rule !== true && !rule({ actor, settings }))) return roleRefusals[action] ?? "Your role does not allow this.";
  if (!conversation) return null;
  if (conversation.status === "blocked") {
    if (!seesBlocked(actor)) return "Blocked conversations are for supervisors and administrators.";
    if (action !== "conversations.read" && action !== "conversation.export") return "This conversation is blocked: unblock the contact or the conversation first.";
  }
  if (actor.role === "agent" && !settings.agentsCanSeeAll && conversation.assigneeId !== actor.id && !actor.teamIds.includes(conversation.teamId)) {
    return "This conversation belongs to a team you are not in.";
  }
  if (actor.role === "agent" && agentsOwnWorkOnly.has(action) && conversation.assigneeId && conversation.assigneeId !== actor.id) {
    return "This conversation is assigned to a colleague; only they (or a supervisor) can do that.";
  }
  return null;
}

/** An agent answers, hands over, releases and archives only their own (or still unassigned) conversations. */
const agentsOwnWorkOnly = new Set<Action>([
  "conversation.reply",
  "conversation.assign",
  "conversation.release",
  "conversation.archive",
]);

const roleRefusals: Partial<Record<Action, string>> = {
  "tag.create": "Creating tags is switched off for agents in the service settings.",
  "settings.change": "Only administrators can change settings.",
  "contact.merge": "Merging contacts is not allowed for your role.",
  "conversation.export": "Exporting conversations is not allowed for your role.",
};

/**
 * The conversations an actor may see, as a WHERE clause, so that a query can never return more.
 * `undefined` means everything.
 */
export function visibleConversations(actor: Actor, settings: ServiceSettings): SQL | undefined {
  if (!can(actor, "conversations.read", settings)) return sql`false`;
  if (seesBlocked(actor)) return undefined;
  const notBlocked = ne(conversations.status, "blocked");
  if (actor.role !== "agent" || settings.agentsCanSeeAll) return notBlocked;
  const own = eq(conversations.assigneeId, actor.id);
  return and(notBlocked, actor.teamIds.length ? or(inArray(conversations.teamId, actor.teamIds), own) : own);
}

/** What a blocked contact writes is kept aside for supervisors and admins to review */
function seesBlocked(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "supervisor";
}

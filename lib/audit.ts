import { count, desc, eq, sql } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/**
 * What an audited change is called: `<area>.<verb>`, e.g. "tag.merge". Free text on purpose, so each
 * settings area names its own changes; the labels below turn the known ones into words for the log page.
 */
export type AuditAction = string;

export type AuditEntry = {
  id: string;
  action: AuditAction;
  target: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
};

/**
 * Records one settings change: who (null for the system, e.g. a job or an invitation being accepted by
 * someone not yet signed in), what, on which thing (a readable label: the name at the time of the
 * change, since the thing itself may be renamed or deleted later), and the details (ids, before/after).
 * Call it inside the transaction that makes the change, so the log never claims what did not happen.
 */
export async function recordAudit(
  db: DbOrTx,
  actorId: string | null,
  action: AuditAction,
  target: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(auditLog).values({ actorId, action, target, data });
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the log, newest first, optionally only one action. */
export async function listAudit(
  db: DbOrTx,
  options: { action?: string; page?: number; pageSize?: number } = {},
): Promise<{ entries: AuditEntry[]; total: number; page: number; pageCount: number }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? AUDIT_PAGE_SIZE, 1), 200);
  const where = options.action ? eq(auditLog.action, options.action) : undefined;
  const [{ n: total }] = await db.select({ n: count() }).from(auditLog).where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), pageCount);
  const entries = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      target: auditLog.target,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { entries, total, page, pageCount };
}

/** The actions that occur in the log, for the filter. */
export async function auditActionsInUse(db: DbOrTx): Promise<string[]> {
  const found = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .groupBy(auditLog.action)
    .orderBy(sql`${auditLog.action}`);
  return found.map((r) => r.action);
}

const labels: Record<string, string> = {
  "profile.update": "Updated their profile",
  "profile.password": "Changed their password",
  "profile.avatar": "Changed their picture",
  "profile.avatar-remove": "Removed their picture",
  "profile.tips-reset": "Reset their onboarding tips",
  "settings.service": "Changed the service settings",
  "settings.seats": "Changed the number of seats",
  "settings.plan": "Changed the plan start date",
  "user.invite": "Invited a user",
  "user.invite-revoke": "Withdrew an invitation",
  "user.invite-accept": "Accepted an invitation",
  "user.role": "Changed a role",
  "user.disable": "Disabled a user",
  "tag.create": "Created a tag",
  "tag.update": "Changed a tag",
  "tag.merge": "Merged two tags",
  "tag.delete": "Deleted a tag",
  "team.create": "Created a team",
  "team.rename": "Renamed a team",
  "team.delete": "Deleted a team",
  "team.member-add": "Added a team member",
  "team.member-remove": "Removed a team member",
  "routing.update": "Changed the routing",
  "channel.create": "Added a channel account",
  "channel.update": "Changed a channel account",
  "channel.activate": "Reactivated a channel account",
  "channel.deactivate": "Deactivated a channel account",
  "templates.sync": "Synced WhatsApp templates",
  "office-hours.update": "Changed office hours",
  "office-hours.closed-add": "Added a closed date",
  "office-hours.closed-remove": "Removed a closed date",
  "away.create": "Added an out-of-office message",
  "away.update": "Changed an out-of-office message",
  "away.delete": "Deleted an out-of-office message",
  "away.reorder": "Reordered out-of-office messages",
  "quick-reply-group.create": "Created a quick-reply group",
  "quick-reply-group.rename": "Renamed a quick-reply group",
  "quick-reply-group.reorder": "Reordered quick-reply groups",
  "quick-reply-group.delete": "Deleted a quick-reply group",
  "quick-reply.create": "Created a quick reply",
  "quick-reply.update": "Changed a quick reply",
  "quick-reply.delete": "Deleted a quick reply",
  "quick-reply.reorder": "Reordered quick replies",
  "contact.merge": "Merged two contacts",
  "contact.delete": "Erased a contact and their data",
  "export.conversation": "Exported a conversation",
  "export.conversation-mail": "Sent a conversation export by e-mail",
  "export.statistics": "Exported statistics",
  "export.inbox": "Exported conversations from the inbox",
};

/** Words for an action; unknown actions (another area's) show as they are stored. */
export function auditLabel(action: string): string {
  return labels[action] ?? action;
}

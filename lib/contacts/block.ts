import { and, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { channels, contactIdentities, contacts, conversations } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { Channel } from "@/lib/channels/types";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { recordEvent, recordEvents } from "@/lib/conversations/events";
import { conversationChanged } from "@/lib/conversations/notify";
import { getSettings } from "@/lib/settings";
import { routedTeamId } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";
import { deleteConversationsWithFiles } from "@/lib/contacts/erase";

type ConversationRow = typeof conversations.$inferSelect;

/**
 * A blocked contact's new message is stored, in a conversation that lands in the Blocked list
 * (status "blocked": not New, no one's queue) for supervisors to look at. Called by ingest.
 */
export async function openBlockedConversation(
  tx: Tx,
  channel: Channel,
  identity: { id: string; contactId: string },
  at: Date,
): Promise<{ conversation: ConversationRow; created: true; reopened: false }> {
  const [created] = await tx
    .insert(conversations)
    .values({
      contactId: identity.contactId,
      teamId: await routedTeamId(tx, channel.id),
      channelId: channel.id,
      identityId: identity.id,
      status: "blocked",
      createdAt: at,
      lastMessageAt: at,
    })
    .returning();
  await recordEvent(tx, created.id, "created", null, { channelId: channel.id, blocked: true }, at);
  return { conversation: created, created: true, reopened: false };
}

/** Block a contact (spam): their open conversations close; what they write later lands in Blocked. */
export async function blockContact(db: Db, actor: CurrentUser, contactId: string): Promise<{ closed: number }> {
  assertCan(actor, "contact.block", await getSettings(db));
  const closed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contacts)
      .set({ blocked: true, blockedAt: sql`now()`, blockedById: actor.id })
      .where(eq(contacts.id, contactId))
      .returning({ id: contacts.id });
    if (!row) throw new NotFoundError("This contact");
    const ended = await tx
      .update(conversations)
      .set({ status: "closed", closedReason: "blocked", closedAt: sql`now()`, waitingSince: null })
      .where(and(eq(conversations.contactId, contactId), notInArray(conversations.status, ["closed", "blocked"])))
      .returning({ id: conversations.id });
    await recordEvents(
      tx,
      ended.map(({ id }) => ({ conversationId: id, type: "blocked" as const, actorId: actor.id, data: { reason: "blocked", closed: true } })),
    );
    return ended.map((c) => c.id);
  });
  for (const id of closed) await conversationChanged(id);
  return { closed: closed.length };
}

/** Unblock the contact: later messages reach New again, and their blocked conversations move there now. */
export async function unblockContact(db: Db, actor: CurrentUser, contactId: string): Promise<{ moved: number }> {
  assertCan(actor, "contact.block", await getSettings(db));
  const moved = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(contacts)
      .set({ blocked: false, blockedAt: null, blockedById: null })
      .where(eq(contacts.id, contactId))
      .returning({ id: contacts.id });
    if (!row) throw new NotFoundError("This contact");
    return moveToNew(tx, actor, and(eq(conversations.contactId, contactId), eq(conversations.status, "blocked"))!);
  });
  for (const id of moved) await conversationChanged(id);
  return { moved: moved.length };
}

/**
 * "Unblock all" (the contact's blocked conversations) or one blocked conversation: to New, for the team.
 * The contact itself stays blocked.
 */
export async function unblockConversations(
  db: Db,
  actor: CurrentUser,
  target: { contactId: string } | { conversationId: string },
): Promise<{ moved: number }> {
  assertCan(actor, "contact.block", await getSettings(db));
  const where =
    "contactId" in target
      ? and(eq(conversations.contactId, target.contactId), eq(conversations.status, "blocked"))!
      : and(eq(conversations.id, target.conversationId), eq(conversations.status, "blocked"))!;
  const moved = await db.transaction((tx) => moveToNew(tx, actor, where));
  if ("conversationId" in target && !moved.length) throw new UserError("This conversation is no longer blocked.");
  for (const id of moved) await conversationChanged(id);
  return { moved: moved.length };
}

async function moveToNew(tx: Tx, actor: CurrentUser, where: SQL): Promise<string[]> {
  const moved = await tx
    .update(conversations)
    .set({ status: "new", assigneeId: null, waitingSince: sql`coalesce(${conversations.waitingSince}, ${conversations.lastInboundAt})` })
    .where(where)
    .returning({ id: conversations.id });
  await recordEvents(tx, moved.map(({ id }) => ({ conversationId: id, type: "unblocked" as const, actorId: actor.id })));
  return moved.map((c) => c.id);
}

/** "Delete all": the contact's blocked conversations are removed with their messages and files. */
export async function deleteBlockedConversations(
  db: Db,
  actor: CurrentUser,
  target: { contactId: string } | { conversationId: string },
): Promise<{ deleted: number }> {
  assertCan(actor, "contact.delete", await getSettings(db));
  const where =
    "contactId" in target
      ? and(eq(conversations.contactId, target.contactId), eq(conversations.status, "blocked"))
      : and(eq(conversations.id, target.conversationId), eq(conversations.status, "blocked"));
  const ids = await db.transaction(async (tx) => {
    const found = await tx.select({ id: conversations.id }).from(conversations).where(where).for("update");
    await deleteConversationsWithFiles(tx, found.map((c) => c.id));
    return found.map((c) => c.id);
  });
  for (const id of ids) await conversationChanged(id);
  return { deleted: ids.length };
}

/** The Blocked list: conversations from blocked contacts, newest first (supervisors and admins). */
export async function listBlockedConversations(db: DbOrTx, actor: CurrentUser, options: { contactId?: string; limit?: number } = {}) {
  assertCan(actor, "contact.block", await getSettings(db));
  return db
    .select({
      id: conversations.id,
      number: conversations.number,
      createdAt: conversations.createdAt,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: conversations.messageCount,
      preview: conversations.lastMessagePreview,
      contactId: contacts.id,
      contactName: contacts.name,
      contactBlocked: contacts.blocked,
      handle: contactIdentities.handle,
      channelKind: channels.kind,
      channelName: channels.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(contactIdentities, eq(contactIdentities.id, conversations.identityId))
    .where(and(eq(conversations.status, "blocked"), options.contactId ? eq(conversations.contactId, options.contactId) : undefined))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(Math.min(options.limit ?? 200, 500));
}

export type BlockedConversationRow = Awaited<ReturnType<typeof listBlockedConversations>>[number];

export async function blockedCountFor(db: DbOrTx, contactIds: string[]): Promise<Record<string, number>> {
  if (!contactIds.length) return {};
  const found = await db
    .select({ contactId: conversations.contactId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(inArray(conversations.contactId, contactIds), eq(conversations.status, "blocked")))
    .groupBy(conversations.contactId);
  return Object.fromEntries(found.map((r) => [r.contactId, r.n]));
}

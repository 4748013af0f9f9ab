import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { contactIdentities, contacts, conversationEvents, conversations, conversationTags, files, messages, notes } from "@/db/schema";
import { MAX_EXTRA_VALUES } from "@/db/schema/contacts";
import { recordAudit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { recordEvent } from "@/lib/conversations/events";
import { conversationChanged } from "@/lib/conversations/notify";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

type Contact = typeof contacts.$inferSelect;
type Conversation = typeof conversations.$inferSelect;

/** The profile fields a merge fills on the kept contact when it has none. */
const fillable = [
  "name",
  "firstName",
  "lastName",
  "idNumber",
  "idType",
  "birthdate",
  "motherName",
  "address",
  "gender",
  "language",
  "city",
  "country",
  "postalCode",
  "company",
] as const satisfies readonly (keyof Contact)[];

/** Primary first, then the rest without repeats; what does not fit is returned apart (it goes to the notes). */
function unite(primary: string | null, values: (string | null)[], same: (v: string) => string) {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const v of [primary, ...values]) {
    if (!v || seen.has(same(v))) continue;
    seen.add(same(v));
    all.push(v);
  }
  const [first = null, ...rest] = all;
  return { primary: first, extra: rest.slice(0, MAX_EXTRA_VALUES), overflow: rest.slice(MAX_EXTRA_VALUES) };
}

/** The kept contact after folding `fold` into `keep`: keep's values win, its gaps are filled from fold's. */
export function mergedFields(keep: Contact, fold: Contact) {
  const filled: Partial<Record<(typeof fillable)[number], unknown>> = {};
  for (const key of fillable) {
    const mine = keep[key];
    if ((mine === null || mine === "") && fold[key] !== null && fold[key] !== "") filled[key] = fold[key];
  }
  const phones = unite(keep.phone, [...keep.extraPhones, fold.phone, ...fold.extraPhones], (v) => v);
  const emails = unite(keep.email, [...keep.extraEmails, fold.email, ...fold.extraEmails], (v) => v.toLowerCase());
  const overflow = [...phones.overflow, ...emails.overflow];
  const noteParts = [keep.notes, fold.notes !== keep.notes ? fold.notes : null, overflow.length ? `Also known as: ${overflow.join(", ")}` : null];
  return {
    ...(filled as Partial<Contact>),
    phone: phones.primary,
    extraPhones: phones.extra,
    email: emails.primary,
    extraEmails: emails.extra,
    vip: keep.vip || fold.vip,
    blocked: keep.blocked || fold.blocked,
    blockedAt: keep.blocked ? keep.blockedAt : fold.blockedAt,
    blockedById: keep.blocked ? keep.blockedById : fold.blockedById,
    known: true,
    notes: noteParts.filter(Boolean).join("\n\n") || null,
    createdAt: keep.createdAt < fold.createdAt ? keep.createdAt : fold.createdAt,
    updatedAt: new Date(),
  };
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const earlier = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

/**
 * Folds the open conversation `from` into `into` (the one thread a contact may have open): its messages,
 * notes, tags, events and files move, the counters add up, and `from` is deleted. If only `from` had
 * someone working on it, that person keeps it.
 */
export async function joinConversations(tx: Tx, into: Conversation, from: Conversation, actorId: string | null): Promise<void> {
  await tx.update(messages).set({ conversationId: into.id }).where(eq(messages.conversationId, from.id));
  await tx.update(notes).set({ conversationId: into.id }).where(eq(notes.conversationId, from.id));
  await tx.update(conversationEvents).set({ conversationId: into.id }).where(eq(conversationEvents.conversationId, from.id));
  await tx.update(files).set({ conversationId: into.id }).where(eq(files.conversationId, from.id));
  await tx.execute(sql`insert into ${conversationTags} (conversation_id, tag_id, added_by_id, created_at)
    select ${into.id}, tag_id, added_by_id, created_at from ${conversationTags} where conversation_id = ${from.id}
    on conflict do nothing`);
  const takeWork = into.status === "new" && from.assigneeId !== null;
  const fromIsLatest = from.lastMessageAt > into.lastMessageAt;
  const fromLastInbound = (from.lastInboundAt?.getTime() ?? 0) > (into.lastInboundAt?.getTime() ?? 0);
  await tx.delete(conversations).where(eq(conversations.id, from.id));
  const lastInbound = later(into.lastInboundAt, from.lastInboundAt);
  const firstResponse = earlier(into.firstResponseAt, from.firstResponseAt);
  const waiting = earlier(into.waitingSince, from.waitingSince);
  await tx
    .update(conversations)
    .set({
      messageCount: into.messageCount + from.messageCount,
      createdAt: earlier(into.createdAt, from.createdAt)!,
      lastMessageAt: later(into.lastMessageAt, from.lastMessageAt)!,
      lastMessagePreview: fromIsLatest ? from.lastMessagePreview : into.lastMessagePreview,
      lastMessageDirection: fromIsLatest ? from.lastMessageDirection : into.lastMessageDirection,
      lastInboundAt: lastInbound,
      firstResponseAt: firstResponse,
      waitingSince: waiting,
      priority: Math.max(into.priority, from.priority),
      // Replies go back where the customer last wrote.
      ...(fromLastInbound ? { channelId: from.channelId, identityId: from.identityId } : {}),
      ...(takeWork ? { status: from.status, assigneeId: from.assigneeId, assignedAt: from.assignedAt } : {}),
      language: into.language ?? from.language,
      sentiment: fromIsLatest ? (from.sentiment ?? into.sentiment) : (into.sentiment ?? from.sentiment),
    })
    .where(eq(conversations.id, into.id));
  await recordEvent(tx, into.id, "merged", actorId, { fromNumber: from.number, messages: from.messageCount });
}

/**
 * Moves everything of contact `foldId` to `keepId` — identities, conversations (its open one joins the
 * kept contact's), notes, files — fills the kept contact's empty fields, and deletes the folded one.
 * Runs inside the caller's transaction. Both contacts are locked in id order, so two merges over the same
 * contacts run one after the other and the second sees the first's result (and refuses if its contact
 * is gone) instead of losing or duplicating rows.
 */
export async function foldContact(tx: Tx, keepId: string, foldId: string, actorId: string | null): Promise<{ movedConversations: number }> {
  if (keepId === foldId) throw new UserError("A contact cannot be merged with itself.");
  const locked = await tx
    .select()
    .from(contacts)
    .where(inArray(contacts.id, [keepId, foldId]))
    .orderBy(asc(contacts.id))
    .for("update");
  const keep = locked.find((c) => c.id === keepId);
  const fold = locked.find((c) => c.id === foldId);
  if (!keep || !fold) throw new UserError("One of these contacts was merged or deleted in the meantime. Reload the page and try again.");

  const active = await tx
    .select()
    .from(conversations)
    .where(and(inArray(conversations.contactId, [keepId, foldId]), ne(conversations.status, "closed")))
    .orderBy(asc(conversations.id))
    .for("update");
  const keepActive = active.find((c) => c.contactId === keepId);
  const foldActive = active.find((c) => c.contactId === foldId);
  if (keepActive && foldActive) await joinConversations(tx, keepActive, foldActive, actorId);

  const moved = await tx
    .update(conversations)
    .set({ contactId: keepId })
    .where(eq(conversations.contactId, foldId))
    .returning({ id: conversations.id });
  await tx.update(contactIdentities).set({ contactId: keepId }).where(eq(contactIdentities.contactId, foldId));
  await tx.update(files).set({ contactId: keepId }).where(eq(files.contactId, foldId));
  // The folded contact's numbers and addresses move too; it must be gone before the kept one takes them.
  await tx.delete(contacts).where(eq(contacts.id, foldId));
  await tx.update(contacts).set(mergedFields(keep, fold)).where(eq(contacts.id, keepId));
  // VIP from either side now applies to the open conversation.
  if (fold.vip && !keep.vip) {
    await tx.update(conversations).set({ priority: 1 }).where(and(eq(conversations.contactId, keepId), ne(conversations.status, "closed")));
  }

  // The case timeline shows the merge on the thread the contact has now.
  const [latest] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.contactId, keepId))
    .orderBy(sql`${conversations.status} = 'closed'`, desc(conversations.lastMessageAt))
    .limit(1);
  if (latest && !(keepActive && foldActive)) {
    await recordEvent(tx, latest.id, "merged", actorId, { conversations: moved.length });
  }
  return { movedConversations: moved.length + (keepActive && foldActive ? 1 : 0) };
}

/** Merge `foldIds` into `keepId`, all or nothing (the manual Merge and the answers to a suggestion). */
export async function mergeContacts(db: Db, actor: CurrentUser, keepId: string, foldIds: string[]): Promise<{ merged: number }> {
  assertCan(actor, "contact.merge", await getSettings(db));
  const folds = [...new Set(foldIds)].filter((id) => id !== keepId);
  if (!folds.length) throw new UserError("Pick at least one other contact to merge.");
  const touched = await db.transaction(async (tx) => {
    await lockContacts(tx, [keepId, ...folds]);
    for (const foldId of folds) await foldContact(tx, keepId, foldId, actor.id);
    await recordAudit(tx, actor.id, "contact.merge", keepId, { kept: keepId, folded: folds });
    return activeConversationIds(tx, keepId);
  });
  for (const id of touched) await conversationChanged(id);
  return { merged: folds.length };
}

/**
 * Locks every contact a merge touches, in id order, before any of them changes: merges over overlapping
 * contacts then queue behind each other instead of deadlocking.
 */
export async function lockContacts(tx: Tx, ids: string[]): Promise<void> {
  await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(inArray(contacts.id, [...new Set(ids)]))
    .orderBy(asc(contacts.id))
    .for("update");
}

export async function activeConversationIds(tx: Tx | Db, contactId: string): Promise<string[]> {
  const found = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), ne(conversations.status, "closed")));
  return found.map((r) => r.id);
}

import { asc, eq, inArray, or, sql } from "drizzle-orm";
import { zipSync, strToU8 } from "fflate";
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
import { recordAudit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { rows } from "@/lib/db/rows";
import { NotFoundError } from "@/lib/errors";
import { conversationChanged } from "@/lib/conversations/notify";
import { erasureSummary } from "@/lib/contacts/queries";
import { getSettings } from "@/lib/settings";
import { safeFileName } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";

const uuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/**
 * Every stored file about these conversations: those filed under them, and those their messages
 * reference as attachments (an attachment may point at a file stored before it had a conversation).
 */
async function fileIdsOfConversations(db: DbOrTx, conversationIds: string[]): Promise<string[]> {
  if (!conversationIds.length) return [];
  const found = await rows<{ id: string }>(
    db,
    sql`select ${files.id} as id from ${files} where ${inArray(files.conversationId, conversationIds)}
        union
        select f.id from ${files} f where f.id in (
          select (a->>'id')::uuid from ${messages} m cross join lateral jsonb_array_elements(m.attachments) a
          where ${inArray(sql`m.conversation_id`, conversationIds)} and a->>'id' ~ ${uuidPattern})`,
  );
  return found.map((r) => r.id);
}

/** Deletes conversations (messages, notes, events and tags go with them by cascade) and their files. */
export async function deleteConversationsWithFiles(tx: Tx, conversationIds: string[]): Promise<{ files: number }> {
  if (!conversationIds.length) return { files: 0 };
  const fileIds = await fileIdsOfConversations(tx, conversationIds);
  if (fileIds.length) await tx.delete(files).where(inArray(files.id, fileIds));
  await tx.delete(conversations).where(inArray(conversations.id, conversationIds));
  return { files: fileIds.length };
}

/**
 * Erases a person: the contact, its identities, every conversation with its messages, notes, events and
 * tags, and every stored file — in one transaction. The audit log keeps only counts and the contact's
 * id, never a name, number or address.
 */
export async function deleteContact(db: Db, actor: CurrentUser, contactId: string) {
  assertCan(actor, "contact.delete", await getSettings(db));
  const { conversationIds, summary } = await db.transaction(async (tx) => {
    const [contact] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId)).for("update");
    if (!contact) throw new NotFoundError("This contact");
    const summary = await erasureSummary(tx, contactId);
    const owned = await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, contactId));
    const ids = owned.map((c) => c.id);
    const { files: conversationFiles } = await deleteConversationsWithFiles(tx, ids);
    const loose = await tx.delete(files).where(eq(files.contactId, contactId)).returning({ id: files.id });
    await tx.delete(contacts).where(eq(contacts.id, contactId));
    await recordAudit(tx, actor.id, "contact.delete", null, {
      contactId,
      conversations: summary.conversations,
      messages: summary.messages,
      files: conversationFiles + loose.length,
    });
    return { conversationIds: ids, summary };
  });
  for (const id of conversationIds) await conversationChanged(id);
  return summary;
}

/**
 * "Download all data": one zip with everything stored about the contact — contact.json (profile,
 * identities, every conversation with its messages, notes, events and tags) and the files themselves.
 */
export async function contactArchive(db: Db, actor: CurrentUser, contactId: string): Promise<{ fileName: string; data: Uint8Array }> {
  assertCan(actor, "contact.download", await getSettings(db));
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!contact) throw new NotFoundError("This contact");
  const identities = await db
    .select({ identity: contactIdentities, channel: { kind: channels.kind, name: channels.name } })
    .from(contactIdentities)
    .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
    .where(eq(contactIdentities.contactId, contactId));
  const convs = await db
    .select({ conversation: conversations, team: teams.name, channel: channels.name })
    .from(conversations)
    .innerJoin(teams, eq(teams.id, conversations.teamId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.contactId, contactId))
    .orderBy(asc(conversations.createdAt));
  const ids = convs.map((c) => c.conversation.id);
  const [msgs, noteRows, eventRows, tagRows] = ids.length
    ? await Promise.all([
        db
          .select({ message: messages, author: users.name })
          .from(messages)
          .leftJoin(users, eq(users.id, messages.authorId))
          .where(inArray(messages.conversationId, ids))
          .orderBy(asc(messages.createdAt)),
        db.select({ note: notes, author: users.name }).from(notes).leftJoin(users, eq(users.id, notes.authorId)).where(inArray(notes.conversationId, ids)),
        db
          .select({ event: conversationEvents, actor: users.name })
          .from(conversationEvents)
          .leftJoin(users, eq(users.id, conversationEvents.actorId))
          .where(inArray(conversationEvents.conversationId, ids))
          .orderBy(asc(conversationEvents.createdAt)),
        db
          .select({ conversationId: conversationTags.conversationId, name: tags.name })
          .from(conversationTags)
          .innerJoin(tags, eq(tags.id, conversationTags.tagId))
          .where(inArray(conversationTags.conversationId, ids)),
      ])
    : [[], [], [], []];
  const fileIds = [...new Set([...(await fileIdsOfConversations(db, ids))])];
  const stored = await db
    .select()
    .from(files)
    .where(fileIds.length ? or(eq(files.contactId, contactId), inArray(files.id, fileIds)) : eq(files.contactId, contactId));

  const by = <T extends { conversationId: string }>(list: T[], id: string) => list.filter((x) => x.conversationId === id);
  const document = {
    exportedAt: new Date().toISOString(),
    contact,
    identities: identities.map(({ identity, channel }) => ({ ...identity, channel })),
    conversations: convs.map(({ conversation, team, channel }) => ({
      ...conversation,
      team,
      channel,
      tags: by(tagRows, conversation.id).map((t) => t.name),
      messages: msgs.filter((m) => m.message.conversationId === conversation.id).map((m) => ({ ...m.message, author: m.author })),
      notes: noteRows.filter((n) => n.note.conversationId === conversation.id).map((n) => ({ ...n.note, author: n.author })),
      events: eventRows.filter((e) => e.event.conversationId === conversation.id).map((e) => ({ ...e.event, actor: e.actor })),
    })),
    files: stored.map(({ data: _bytes, ...meta }) => ({ ...meta, path: `files/${meta.id}-${safeFileName(meta.name)}` })),
  };
  const entries: Record<string, Uint8Array> = { "contact.json": strToU8(JSON.stringify(document, null, 2)) };
  for (const f of stored) entries[`files/${f.id}-${safeFileName(f.name)}`] = new Uint8Array(f.data);
  const label = (contact.name ?? "contact").normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "contact";
  // Already-compressed media gains nothing from deflate; JSON does.
  return { fileName: `${label}-${contact.id.slice(0, 8)}.zip`, data: zipSync(entries, { level: 6 }) };
}

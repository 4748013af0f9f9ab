import { asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { quickReplies, quickReplyGroups } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import type { editReplySchema, groupSchema, renameGroupSchema, replySchema } from "@/lib/quick-replies/quick-replies.validation";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

export type QuickReply = { id: string; groupId: string; position: number; body: string };
export type QuickReplyGroup = { id: string; name: string; position: number; replies: QuickReply[] };

/** Every group with its replies, both in their set order: the settings page and the composer's picker. */
export async function listQuickReplies(db: DbOrTx): Promise<QuickReplyGroup[]> {
  const [groups, replies] = await Promise.all([
    db
      .select({ id: quickReplyGroups.id, name: quickReplyGroups.name, position: quickReplyGroups.position })
      .from(quickReplyGroups)
      .orderBy(asc(quickReplyGroups.position), asc(quickReplyGroups.createdAt)),
    db
      .select({ id: quickReplies.id, groupId: quickReplies.groupId, position: quickReplies.position, body: quickReplies.body })
      .from(quickReplies)
      .orderBy(asc(quickReplies.position), asc(quickReplies.createdAt)),
  ]);
  const byGroup = new Map<string, QuickReply[]>(groups.map((g) => [g.id, []]));
  for (const reply of replies) byGroup.get(reply.groupId)?.push(reply);
  return groups.map((g) => ({ ...g, replies: byGroup.get(g.id) ?? [] }));
}

async function assertAdmin(db: DbOrTx, actor: CurrentUser) {
  assertCan(actor, "settings.change", await getSettings(db));
}

const nameTaken = (name: string) => new UserError(`There is already a group called ${name}.`, { name: [`!${name} is taken: pick another name.`] });

async function loadGroup(db: DbOrTx, id: string) {
  const [group] = await db.select().from(quickReplyGroups).where(eq(quickReplyGroups.id, id));
  if (!group) throw new NotFoundError("This group");
  return group;
}

async function loadReply(db: DbOrTx, id: string) {
  const [reply] = await db.select().from(quickReplies).where(eq(quickReplies.id, id));
  if (!reply) throw new NotFoundError("This quick reply");
  return reply;
}

/** Runs a write that may hit the unique group name, turning that into a field error on the name. */
async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "quick_reply_groups_name_lower_idx")) throw nameTaken(name);
    throw error;
  }
}

export async function createGroup(db: Db, actor: CurrentUser, input: z.output<typeof groupSchema>) {
  await assertAdmin(db, actor);
  return uniqueName(input.name, () =>
    db.transaction(async (tx) => {
      const [{ last }] = await tx.select({ last: max(quickReplyGroups.position) }).from(quickReplyGroups);
      const [group] = await tx
        .insert(quickReplyGroups)
        .values({ name: input.name, position: (last ?? -1) + 1 })
        .returning({ id: quickReplyGroups.id, name: quickReplyGroups.name });
      await recordAudit(tx, actor.id, "quick-reply-group.create", group.name, { groupId: group.id });
      return group;
    }),
  );
}

/** Renames a group; its `!name` shortcut in the composer changes with it. */
export async function renameGroup(db: Db, actor: CurrentUser, input: z.output<typeof renameGroupSchema>) {
  await assertAdmin(db, actor);
  await uniqueName(input.name, () =>
    db.transaction(async (tx) => {
      const group = await loadGroup(tx, input.groupId);
      if (group.name === input.name) return;
      await tx.update(quickReplyGroups).set({ name: input.name }).where(eq(quickReplyGroups.id, group.id));
      await recordAudit(tx, actor.id, "quick-reply-group.rename", input.name, { groupId: group.id, before: group.name, after: input.name });
    }),
  );
}

/** Deletes a group and its replies; `expectedReplies` is the count the admin confirmed, so none added meanwhile go unseen. */
export async function deleteGroup(db: Db, actor: CurrentUser, groupId: string, expectedReplies: number): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const group = await loadGroup(tx, groupId);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(quickReplies).where(eq(quickReplies.groupId, group.id));
    if (n !== expectedReplies) {
      throw new UserError(`!${group.name} now holds ${n} repl${n === 1 ? "y" : "ies"}, not ${expectedReplies}. Look again before deleting it.`);
    }
    await tx.delete(quickReplyGroups).where(eq(quickReplyGroups.id, group.id));
    await recordAudit(tx, actor.id, "quick-reply-group.delete", group.name, { groupId: group.id, replies: n });
  });
}

/**
 * Writes `ids` as positions 0…n-1 in one statement. The list must be exactly the current one (same ids,
 * each once), so an order built on a stale page is refused instead of half applied.
 */
async function applyOrder(tx: Tx, table: typeof quickReplyGroups | typeof quickReplies, current: string[], ids: string[]) {
  const set = new Set(ids);
  if (ids.length !== current.length || set.size !== ids.length || !current.every((id) => set.has(id))) {
    throw new UserError("The list changed in the meantime. Reload the page and try again.");
  }
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${table} set position = o.pos::int - 1 from unnest(array[${list}]::uuid[]) with ordinality as o(id, pos) where ${table.id} = o.id`,
  );
}

export async function reorderGroups(db: Db, actor: CurrentUser, ids: string[]): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    // One reorder at a time: the check and the write must see the same list.
    await tx.execute(sql`lock table ${quickReplyGroups} in share row exclusive mode`);
    const current = await tx.select({ id: quickReplyGroups.id }).from(quickReplyGroups);
    await applyOrder(
      tx,
      quickReplyGroups,
      current.map((g) => g.id),
      ids,
    );
    await recordAudit(tx, actor.id, "quick-reply-group.reorder", null, { order: ids });
  });
}

export async function createReply(db: Db, actor: CurrentUser, input: z.output<typeof replySchema>): Promise<QuickReply> {
  await assertAdmin(db, actor);
  return db.transaction(async (tx) => {
    // Locks the group: appends to it get distinct positions, and a concurrent delete waits.
    const [group] = await tx.select().from(quickReplyGroups).where(eq(quickReplyGroups.id, input.groupId)).for("update");
    if (!group) throw new NotFoundError("This group");
    const [{ last }] = await tx.select({ last: max(quickReplies.position) }).from(quickReplies).where(eq(quickReplies.groupId, group.id));
    const [reply] = await tx
      .insert(quickReplies)
      .values({ groupId: group.id, body: input.body, position: (last ?? -1) + 1, createdById: actor.id })
      .returning({ id: quickReplies.id, groupId: quickReplies.groupId, position: quickReplies.position, body: quickReplies.body });
    await recordAudit(tx, actor.id, "quick-reply.create", group.name, { groupId: group.id, replyId: reply.id, body: reply.body });
    return reply;
  });
}

export async function editReply(db: Db, actor: CurrentUser, input: z.output<typeof editReplySchema>): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const reply = await loadReply(tx, input.replyId);
    if (reply.body === input.body) return;
    const group = await loadGroup(tx, reply.groupId);
    await tx.update(quickReplies).set({ body: input.body, updatedAt: sql`now()` }).where(eq(quickReplies.id, reply.id));
    await recordAudit(tx, actor.id, "quick-reply.update", group.name, { groupId: group.id, replyId: reply.id, before: reply.body, after: input.body });
  });
}

export async function deleteReply(db: Db, actor: CurrentUser, replyId: string): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const reply = await loadReply(tx, replyId);
    const group = await loadGroup(tx, reply.groupId);
    await tx.delete(quickReplies).where(eq(quickReplies.id, reply.id));
    await recordAudit(tx, actor.id, "quick-reply.delete", group.name, { groupId: group.id, replyId: reply.id, body: reply.body });
  });
}

export async function reorderReplies(db: Db, actor: CurrentUser, groupId: string, ids: string[]): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const [group] = await tx.select().from(quickReplyGroups).where(eq(quickReplyGroups.id, groupId)).for("update");
    if (!group) throw new NotFoundError("This group");
    const current = await tx.select({ id: quickReplies.id }).from(quickReplies).where(eq(quickReplies.groupId, group.id));
    await applyOrder(
      tx,
      quickReplies,
      current.map((r) => r.id),
      ids,
    );
    await recordAudit(tx, actor.id, "quick-reply.reorder", group.name, { groupId: group.id, order: ids });
  });
}

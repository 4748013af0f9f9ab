import { asc, eq, sql } from "drizzle-orm";
import { conversationTags, tags } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/permissions";
import type { Tag } from "@/lib/conversations/tags";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation, rows } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import {
  createTagSchema,
  mergeTagsSchema,
  updateTagSchema,
  type CreateTagInput,
  type MergeTagsInput,
  type UpdateTagInput,
} from "@/lib/settings/tags.validation";

export type TagWithUse = Tag & { conversations: number };

/** Every tag with the number of conversations carrying it, by name. */
export async function listTagsWithUse(db: DbOrTx): Promise<TagWithUse[]> {
  return db
    .select({
      id: tags.id,
      name: tags.name,
      color: tags.color,
      createdAt: tags.createdAt,
      // The outer row is named in full: drizzle writes its columns unqualified, which inside the subquery
      // would bind to the inner tables' columns of the same name.
      conversations: sql<number>`(select count(*)::int from ${conversationTags} ct where ct.tag_id = tags.id)`,
    })
    .from(tags)
    .orderBy(asc(sql`lower(${tags.name})`));
}

function duplicateName(name: string): UserError {
  const message = `There is already a tag called “${name}”.`;
  return new UserError(message, { name: [message] });
}

/** Runs `fn`, turning the unique index on lower(name) into a field error. */
async function uniqueName<T>(name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error, "tags_name_lower_idx")) throw duplicateName(name);
    throw error;
  }
}

async function findTag(db: DbOrTx, id: string): Promise<Tag> {
  const [tag] = await db.select().from(tags).where(eq(tags.id, id));
  if (!tag) throw new NotFoundError("This tag");
  return tag;
}

export async function createTag(db: Db, actor: Actor, input: CreateTagInput): Promise<Tag> {
  const { name, color } = parseInput(createTagSchema, input);
  return uniqueName(name, () =>
    db.transaction(async (tx) => {
      await assertCanChangeSettings(tx, actor);
      const [tag] = await tx.insert(tags).values({ name, color }).returning();
      await recordAudit(tx, actor.id, "tag.create", name, { tagId: tag.id, color });
      return tag;
    }),
  );
}

/** Rename and/or recolour. Conversations keep the tag; they show the new name. */
export async function updateTag(db: Db, actor: Actor, input: UpdateTagInput): Promise<Tag> {
  const { tagId, name, color } = parseInput(updateTagSchema, input);
  return uniqueName(name, () =>
    db.transaction(async (tx) => {
      await assertCanChangeSettings(tx, actor);
      const before = await findTag(tx, tagId);
      if (before.name === name && before.color === color) return before;
      const [tag] = await tx.update(tags).set({ name, color }).where(eq(tags.id, tagId)).returning();
      await recordAudit(tx, actor.id, "tag.update", name, {
        tagId,
        ...(before.name !== name ? { name: { from: before.name, to: name } } : {}),
        ...(before.color !== color ? { color: { from: before.color, to: color } } : {}),
      });
      return tag;
    }),
  );
}

/**
 * Merges `source` into `target` in one transaction: every conversation tagged with the source gets the
 * target (once, however it was tagged before), then the source is deleted. The conversations' timelines
 * are left as they were: the merge is an admin's tidy-up, recorded in the audit log, not something that
 * happened in each conversation.
 */
export async function mergeTags(db: Db, actor: Actor, input: MergeTagsInput): Promise<{ added: number }> {
  const { sourceId, targetId } = parseInput(mergeTagsSchema, input);
  return db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const source = await findTag(tx, sourceId);
    const target = await findTag(tx, targetId);
    const [{ added }] = await rows<{ added: number }>(
      tx,
      sql`with ins as (
            insert into ${conversationTags} (conversation_id, tag_id, added_by_id, created_at)
            select conversation_id, ${targetId}::uuid, added_by_id, created_at from ${conversationTags} where tag_id = ${sourceId}
            on conflict do nothing
            returning 1
          ) select count(*)::int as added from ins`,
    );
    await tx.delete(tags).where(eq(tags.id, sourceId));
    await recordAudit(tx, actor.id, "tag.merge", target.name, { sourceId, targetId, from: source.name, into: target.name, added });
    return { added };
  });
}

/** Deletes a tag; it disappears from every conversation that had it. Returns how many that were. */
export async function deleteTag(db: Db, actor: Actor, tagId: string): Promise<{ conversations: number }> {
  return db.transaction(async (tx) => {
    await assertCanChangeSettings(tx, actor);
    const tag = await findTag(tx, tagId);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(conversationTags).where(eq(conversationTags.tagId, tagId));
    await tx.delete(tags).where(eq(tags.id, tagId));
    await recordAudit(tx, actor.id, "tag.delete", tag.name, { tagId, conversations: n });
    return { conversations: n };
  });
}

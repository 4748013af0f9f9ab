import { and, asc, eq, sql } from "drizzle-orm";
import { conversationTags, tags } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { conversationChanged } from "@/lib/conversations/notify";
import { recordEvent } from "@/lib/conversations/events";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

export type Tag = typeof tags.$inferSelect;
export const tagColors = ["slate", "red", "orange", "amber", "green", "teal", "blue", "indigo", "violet", "pink"] as const;

export function listTags(db: DbOrTx): Promise<Tag[]> {
  return db.select().from(tags).orderBy(asc(sql`lower(${tags.name})`));
}

export async function findTagByName(db: DbOrTx, name: string): Promise<Tag | null> {
  const [row] = await db.select().from(tags).where(eq(sql`lower(${tags.name})`, name.trim().toLowerCase()));
  return row ?? null;
}

/**
 * Tags a conversation with an existing tag, or with a new one by name when the actor may create tags
 * (agents only when the service settings allow it). Tagging twice is a no-op.
 */
export async function addTag(
  db: Db,
  actor: CurrentUser,
  conversationId: string,
  tag: { id: string } | { name: string },
): Promise<Tag> {
  await loadForAction(db, actor, conversationId, "conversation.tag");
  const result = await db.transaction(async (tx) => {
    let found: Tag | null;
    if ("id" in tag) {
      [found] = await tx.select().from(tags).where(eq(tags.id, tag.id));
      if (!found) throw new NotFoundError("This tag");
    } else {
      const name = tag.name.trim();
      if (!name || name.length > 40) throw new UserError("A tag name has 1 to 40 characters.", { name: ["1 to 40 characters."] });
      found = await findTagByName(tx, name);
      if (!found) {
        assertCan(actor, "tag.create", await getSettings(tx));
        [found] = await tx.insert(tags).values({ name, color: tagColors[name.length % tagColors.length] }).onConflictDoNothing().returning();
        found ??= await findTagByName(tx, name);
        if (!found) throw new UserError("This tag could not be created.");
      }
    }
    const [added] = await tx
      .insert(conversationTags)
      .values({ conversationId, tagId: found.id, addedById: actor.id })
      .onConflictDoNothing()
      .returning();
    if (added) await recordEvent(tx, conversationId, "tagged", actor.id, { tagId: found.id, name: found.name });
    return found;
  });
  await conversationChanged(conversationId);
  return result;
}

export async function removeTag(db: Db, actor: CurrentUser, conversationId: string, tagId: string): Promise<void> {
  await loadForAction(db, actor, conversationId, "conversation.tag");
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(conversationTags)
      .where(and(eq(conversationTags.conversationId, conversationId), eq(conversationTags.tagId, tagId)))
      .returning();
    if (!removed) return;
    const [tag] = await tx.select({ name: tags.name }).from(tags).where(eq(tags.id, tagId));
    await recordEvent(tx, conversationId, "untagged", actor.id, { tagId, name: tag?.name });
  });
  await conversationChanged(conversationId);
}

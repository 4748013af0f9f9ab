import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversationTags, tags } from "@/db/schema";
import { addTag } from "@/lib/conversations/tags";
import { UserError } from "@/lib/errors";
import { createTag, deleteTag, listTagsWithUse, mergeTags, updateTag } from "@/lib/settings/tags";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

async function conversation(visitor: string) {
  const outcome = await customerWrites(db(), await makeChannel(db()), visitor, "Hi");
  if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
  return outcome.conversationId;
}

async function fieldError(promise: Promise<unknown>, field: string) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).fieldErrors?.[field]?.[0];
}

describe("tag management", () => {
  it("creates, renames and recolours; a duplicate name (any case) is a field error", async () => {
    const admin = await makeUser(db(), "admin");
    const tag = await createTag(db(), admin, { name: "Shipping", color: "blue" });
    expect(await fieldError(createTag(db(), admin, { name: " shipping ", color: "red" }), "name")).toMatch(/already a tag called/);
    const other = await createTag(db(), admin, { name: "Returns", color: "green" });
    expect(await fieldError(updateTag(db(), admin, { tagId: other.id, name: "SHIPPING", color: "green" }), "name")).toMatch(/already/);
    expect(await fieldError(createTag(db(), admin, { name: "", color: "blue" }), "name")).toBe("Enter a name.");
    expect(await fieldError(createTag(db(), admin, { name: "x".repeat(41), color: "blue" }), "name")).toMatch(/40/);
    expect(await fieldError(createTag(db(), admin, { name: "Fine", color: "chartreuse" }), "color")).toMatch(/palette/);
    const renamed = await updateTag(db(), admin, { tagId: tag.id, name: "Delivery issues", color: "orange" });
    expect(renamed).toMatchObject({ name: "Delivery issues", color: "orange" });
  });

  it("merges two tags in one go: conversations moved without duplicates, the source gone", async () => {
    const admin = await makeUser(db(), "admin");
    const source = await createTag(db(), admin, { name: "Refund please", color: "amber" });
    const target = await createTag(db(), admin, { name: "Refund", color: "amber" });
    const both = await conversation("visitor-merge-both-00001");
    const onlySource = await conversation("visitor-merge-source-001");
    const onlyTarget = await conversation("visitor-merge-target-001");
    for (const [id, tagIds] of [[both, [source.id, target.id]], [onlySource, [source.id]], [onlyTarget, [target.id]]] as const) {
      for (const tagId of tagIds) await addTag(db(), admin, id, { id: tagId });
    }
    const result = await mergeTags(db(), admin, { sourceId: source.id, targetId: target.id });
    expect(result).toEqual({ added: 1 });
    expect(await db().select().from(tags).where(eq(tags.id, source.id))).toEqual([]);
    const tagged = await db().select({ conversationId: conversationTags.conversationId }).from(conversationTags).where(eq(conversationTags.tagId, target.id));
    expect(tagged.map((t) => t.conversationId).sort()).toEqual([both, onlySource, onlyTarget].sort());
    expect((await listTagsWithUse(db())).find((t) => t.id === target.id)?.conversations).toBe(3);
    expect(await fieldError(mergeTags(db(), admin, { sourceId: target.id, targetId: target.id }), "targetId")).toMatch(/two different/);
  });

  it("deletes a tag and says how many conversations carried it", async () => {
    const admin = await makeUser(db(), "admin");
    const tag = await createTag(db(), admin, { name: "Obsolete", color: "slate" });
    await addTag(db(), admin, await conversation("visitor-delete-tag-00001"), { id: tag.id });
    await addTag(db(), admin, await conversation("visitor-delete-tag-00002"), { id: tag.id });
    expect(await deleteTag(db(), admin, tag.id)).toEqual({ conversations: 2 });
    expect(await db().select().from(conversationTags).where(eq(conversationTags.tagId, tag.id))).toEqual([]);
    await expect(deleteTag(db(), admin, tag.id)).rejects.toThrow(/does not exist/);
  });
});

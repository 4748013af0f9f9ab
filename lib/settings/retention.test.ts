import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, files, messages } from "@/db/schema";
import { jobs } from "@/lib/jobs/registry";
import { previewRetention, purgeOlderThan, retentionCutoff, runRetention } from "@/lib/settings/retention";
import { putFile } from "@/lib/storage/files";
import { customerWrites, makeChannel, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();
const DAY = 86_400_000;

/** A conversation with one message per age (in days), the oldest first; some carry a stored file. */
async function conversationWithAges(visitor: string, ages: number[], withFile: (age: number) => boolean) {
  const channel = await makeChannel(db());
  let conversationId = "";
  for (const age of ages) {
    const outcome = await customerWrites(db(), channel, visitor, `message ${age} days old`);
    if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
    conversationId = outcome.conversationId;
    const attachments = withFile(age)
      ? [await putFile(db(), { name: `photo-${age}.png`, mimeType: "image/png", data: Buffer.alloc(1000 + age), conversationId })]
      : [];
    await db()
      .update(messages)
      .set({ createdAt: new Date(Date.now() - age * DAY), attachments })
      .where(eq(messages.id, outcome.messageId));
  }
  return conversationId;
}

describe("data retention", () => {
  it("is off by default and the job then deletes nothing", async () => {
    await conversationWithAges("visitor-retention-off-01", [400, 1], () => false);
    expect(await runRetention(db())).toMatchObject({ days: null, messages: 0 });
  });

  it("deletes exactly what the preview counted, files included, and keeps the conversation counters honest", async () => {
    const whollyOld = await conversationWithAges("visitor-retention-old-001", [200, 150, 120], (age) => age === 150);
    const partlyOld = await conversationWithAges("visitor-retention-part-01", [100, 95, 10, 1], (age) => age >= 95 || age === 1);
    const now = new Date();
    const days = 90;

    const [{ total }] = await db().select({ total: sql<number>`count(*)::int` }).from(messages);
    const preview = await previewRetention(db(), days, now);
    // Earlier tests' messages are old too; count ours on top of whatever else is older than the cutoff.
    const [{ expected }] = await db()
      .select({ expected: sql<number>`count(*)::int` })
      .from(messages)
      .where(sql`${messages.createdAt} < ${retentionCutoff(days, now).toISOString()}::timestamptz`);
    expect(preview.messages).toBe(expected);
    expect(preview.attachments).toBeGreaterThanOrEqual(3);
    expect(preview.bytes).toBeGreaterThanOrEqual(1150 + 1100 + 1095);

    const filesBefore = await db().select({ id: files.id, name: files.name }).from(files);
    const purged = await purgeOlderThan(db(), retentionCutoff(days, now));
    expect(purged).toEqual({ messages: preview.messages, attachments: preview.attachments, bytes: preview.bytes });

    const [{ left }] = await db().select({ left: sql<number>`count(*)::int` }).from(messages);
    expect(left).toBe(total - preview.messages);
    const filesAfter = await db().select({ name: files.name }).from(files);
    expect(filesBefore.length - filesAfter.length).toBe(3);
    expect(filesAfter.map((f) => f.name)).toContain("photo-1.png");

    const [old] = await db().select().from(conversations).where(eq(conversations.id, whollyOld));
    expect(old.messageCount).toBe(0);
    expect(old.lastMessagePreview).toBeNull();
    const [part] = await db().select().from(conversations).where(eq(conversations.id, partlyOld));
    expect(part.messageCount).toBe(2);
    expect(part.lastMessagePreview).not.toBeNull();
    const remaining = await db().select({ body: messages.body }).from(messages).where(inArray(messages.conversationId, [whollyOld, partlyOld]));
    expect(remaining.map((m) => m.body).sort()).toEqual(["message 1 days old", "message 10 days old"]);

    // Nothing left to delete: the preview says so and a second run is a no-op.
    expect((await previewRetention(db(), days, now)).messages).toBe(0);
    expect(await purgeOlderThan(db(), retentionCutoff(days, now))).toEqual({ messages: 0, attachments: 0, bytes: 0 });
  });

  it("the scheduled job uses the setting", async () => {
    await conversationWithAges("visitor-retention-job-001", [40, 5], () => false);
    await updateSettings(db(), { retentionDays: 30 });
    const preview = await previewRetention(db(), 30);
    expect(preview.messages).toBeGreaterThanOrEqual(1);
    const result = await jobs.retention(db());
    expect(result).toMatchObject({ days: 30, messages: preview.messages });
    await updateSettings(db(), { retentionDays: null });
  });
});

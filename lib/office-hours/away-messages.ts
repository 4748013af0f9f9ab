import { and, asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { awayMessages, channels } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import { recordAudit } from "@/lib/audit";
import { assertCan } from "@/lib/auth/permissions";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import { describeMediaRules, outboundProblem } from "@/lib/channels/rules";
import type { Channel } from "@/lib/channels/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import type { editAwayTextSchema, newAwayTextSchema } from "@/lib/office-hours/away-messages.validation";
import { getSettings } from "@/lib/settings";
import { putFile } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";

export type AwayMessage = { id: string; position: number; body: string; attachment: Attachment | null };

/** A file an admin uploads as an away message. */
export type AwayFile = { name: string; mimeType: string; data: Buffer };

/** Whether a channel account can carry files, and which, in words; null when it carries none (or is not connected yet). */
export function awayFileRules(channel: Pick<Channel, "kind">): string | null {
  const adapter = adapterFor(channel.kind);
  return adapter?.capabilities.media.length ? describeMediaRules(adapter.capabilities) : null;
}

export async function listAwayMessages(db: DbOrTx, channelId: string): Promise<AwayMessage[]> {
  return db
    .select({ id: awayMessages.id, position: awayMessages.position, body: awayMessages.body, attachment: awayMessages.attachment })
    .from(awayMessages)
    .where(eq(awayMessages.channelId, channelId))
    .orderBy(asc(awayMessages.position), asc(awayMessages.createdAt));
}

/** How many away messages each channel account has, for the channel picker. */
export async function awayMessageCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ channelId: awayMessages.channelId, n: sql<number>`count(*)::int` })
    .from(awayMessages)
    .groupBy(awayMessages.channelId);
  return new Map(rows.map((r) => [r.channelId, r.n]));
}

async function assertAdmin(db: DbOrTx, actor: CurrentUser) {
  assertCan(actor, "settings.change", await getSettings(db));
}

async function loadChannel(db: DbOrTx, channelId: string): Promise<Channel> {
  const [channel] = await db.select().from(channels).where(eq(channels.id, channelId));
  if (!channel) throw new NotFoundError("This channel account");
  return channel;
}

async function loadMessage(db: DbOrTx, id: string) {
  const [row] = await db.select().from(awayMessages).where(eq(awayMessages.id, id));
  if (!row) throw new NotFoundError("This away message");
  return row;
}

async function append(db: DbOrTx, channel: Channel, values: { body: string; attachment: Attachment | null }) {
  // Serialises appends to one channel's list, so two admins adding at once do not share a position.
  await db.select({ id: channels.id }).from(channels).where(eq(channels.id, channel.id)).for("update");
  const [{ last }] = await db.select({ last: max(awayMessages.position) }).from(awayMessages).where(eq(awayMessages.channelId, channel.id));
  const [row] = await db
    .insert(awayMessages)
    .values({ channelId: channel.id, position: (last ?? -1) + 1, ...values })
    .returning({ id: awayMessages.id, position: awayMessages.position, body: awayMessages.body, attachment: awayMessages.attachment });
  return row;
}

export async function addAwayText(db: Db, actor: CurrentUser, input: z.output<typeof newAwayTextSchema>): Promise<AwayMessage> {
  await assertAdmin(db, actor);
  return db.transaction(async (tx) => {
    const channel = await loadChannel(tx, input.channelId);
    const row = await append(tx, channel, { body: input.body, attachment: null });
    await recordAudit(tx, actor.id, "away.create", channel.name, { channelId: channel.id, messageId: row.id, body: input.body });
    return row;
  });
}

/** Adds a file as the last away message, when the channel carries that kind of file. */
export async function addAwayFile(db: Db, actor: CurrentUser, channelId: string, file: AwayFile): Promise<AwayMessage> {
  await assertAdmin(db, actor);
  const channel = await loadChannel(db, channelId);
  const adapter = adapterFor(channel.kind);
  const label = channelLabels[channel.kind];
  if (!adapter?.capabilities.media.length) {
    throw new UserError(`${label} cannot carry files here, so its away messages are text only.`, { file: [`${label} takes text only.`] });
  }
  const problem = outboundProblem(label, adapter.capabilities, "", [{ name: file.name, mimeType: file.mimeType, size: file.data.length }]);
  if (problem) throw new UserError(problem, { file: [problem] });
  return db.transaction(async (tx) => {
    const attachment = await putFile(tx, file);
    const row = await append(tx, channel, { body: "", attachment });
    await recordAudit(tx, actor.id, "away.create", channel.name, { channelId: channel.id, messageId: row.id, file: attachment.name });
    return row;
  });
}

export async function editAwayText(db: Db, actor: CurrentUser, input: z.output<typeof editAwayTextSchema>): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const row = await loadMessage(tx, input.messageId);
    if (row.attachment) throw new UserError("A file message has no text to edit: delete it and add a new one.");
    const channel = await loadChannel(tx, row.channelId);
    await tx.update(awayMessages).set({ body: input.body, updatedAt: sql`now()` }).where(eq(awayMessages.id, row.id));
    await recordAudit(tx, actor.id, "away.update", channel.name, { channelId: channel.id, messageId: row.id, before: row.body, after: input.body });
  });
}

export async function deleteAwayMessage(db: Db, actor: CurrentUser, messageId: string): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const row = await loadMessage(tx, messageId);
    const channel = await loadChannel(tx, row.channelId);
    await tx.delete(awayMessages).where(eq(awayMessages.id, row.id));
    await recordAudit(tx, actor.id, "away.delete", channel.name, {
      channelId: channel.id,
      messageId: row.id,
      body: row.body,
      file: row.attachment?.name ?? null,
    });
  });
}

/** Puts a channel's away messages in the given order; `ids` must name each of them exactly once. */
export async function reorderAwayMessages(db: Db, actor: CurrentUser, channelId: string, ids: string[]): Promise<void> {
  await assertAdmin(db, actor);
  await db.transaction(async (tx) => {
    const channel = await loadChannel(tx, channelId);
    await tx.select({ id: channels.id }).from(channels).where(eq(channels.id, channel.id)).for("update");
    const current = await listAwayMessages(tx, channel.id);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !current.every((m) => ids.includes(m.id))) {
      throw new UserError("The list changed in the meantime. Reload the page and try again.");
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(awayMessages)
        .set({ position })
        .where(and(eq(awayMessages.id, id), eq(awayMessages.channelId, channel.id)));
    }
    await recordAudit(tx, actor.id, "away.reorder", channel.name, { channelId: channel.id, order: ids });
  });
}

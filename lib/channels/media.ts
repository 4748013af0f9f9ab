import { and, eq, sql } from "drizzle-orm";
import { channels, messages } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import { adapterFor } from "@/lib/channels/registry";
import type { Db } from "@/lib/db/client";
import { MAX_FILE_BYTES, putFile } from "@/lib/storage/files";

/**
 * Downloads the files of an inbound message that are still at the provider (their links expire within
 * minutes, so this runs right after the webhook's response) and stores them. A failed download keeps the
 * message with an "attachment unavailable" marker; the media job retries it.
 */
export async function fetchPendingMedia(db: Db, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ message: messages, channel: channels })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  if (!row) return false;
  const pending = row.message.attachments.filter((a) => a.pendingRef);
  if (!pending.length) return false;
  const adapter = adapterFor(row.channel.kind);

  const next: Attachment[] = [];
  for (const attachment of row.message.attachments) {
    if (!attachment.pendingRef) {
      next.push(attachment);
      continue;
    }
    try {
      if (!adapter?.fetchMedia) throw new Error("This channel cannot download files.");
      const file = await adapter.fetchMedia(row.channel, attachment.pendingRef);
      if (file.data.length > MAX_FILE_BYTES) throw new Error("The file is larger than 25 MB.");
      next.push(
        await putFile(db, {
          name: file.name ?? attachment.name,
          mimeType: file.mimeType || attachment.mimeType,
          data: file.data,
          conversationId: row.message.conversationId,
        }),
      );
    } catch (error) {
      next.push({ ...attachment, error: error instanceof Error ? error.message : "Download failed." });
    }
  }
  // Only replace what we read: a concurrent retry may have finished first.
  await db
    .update(messages)
    .set({ attachments: next })
    .where(and(eq(messages.id, messageId), sql`${messages.attachments} = ${JSON.stringify(row.message.attachments)}::jsonb`));
  return true;
}

/** The scheduled retry: messages whose files could not be fetched yet, newest first, a batch at a time. */
export async function retryPendingMedia(db: Db, limit = 50): Promise<number> {
  const stale = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.direction, "in"),
        sql`${messages.createdAt} > now() - interval '2 days'`,
        sql`jsonb_path_exists(${messages.attachments}, '$[*] ? (exists(@.pendingRef))')`,
      ),
    )
    .limit(limit);
  let done = 0;
  for (const { id } of stale) if (await fetchPendingMedia(db, id)) done++;
  return done;
}

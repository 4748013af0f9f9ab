import { eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import type { Channel, ChannelKind } from "@/lib/channels/types";
import type { DbOrTx } from "@/lib/db/client";

const TTL_MS = 10_000;
/** Only active accounts are kept: a miss or an inactive account is always read afresh. */
const active = new Map<string, { channel: Channel; expires: number }>();

/**
 * The account a webhook is for, read at most every 10 s per process, since every delivery needs it.
 * Ingest reads `active` again when it stores, so a deactivated account stores nothing at once; a
 * reactivated one is never judged from a stale copy; a changed secret counts at once on this instance
 * (forgetAccount) and within 10 s on others, until when the provider's retries carry the message.
 */
export async function accountFor(db: DbOrTx, id: string, kind: ChannelKind): Promise<Channel | null> {
  const hit = active.get(id);
  const channel = hit && hit.expires > Date.now() ? hit.channel : (await db.select().from(channels).where(eq(channels.id, id)))[0];
  if (!channel) return null;
  if (channel.active && channel !== hit?.channel) active.set(id, { channel, expires: Date.now() + TTL_MS });
  if (!channel.active) active.delete(id);
  return channel.kind === kind ? channel : null;
}

/** An account was changed on this instance: the next webhook reads it afresh. */
export function forgetAccount(id: string) {
  active.delete(id);
}

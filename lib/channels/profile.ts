import { and, eq, isNull, sql } from "drizzle-orm";
import { channels, contactIdentities, contacts, messages } from "@/db/schema";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import type { Db } from "@/lib/db/client";

/**
 * Messenger and Instagram webhooks carry only an opaque sender id; the name comes from the provider's
 * profile API. Looked up once per identity, after the webhook has been answered: a lookup that finds
 * nothing (Meta's "No profile available" is normal) leaves a neutral handle, so it is not retried on
 * every message. Returns whether anything changed.
 */
export async function fillProfile(db: Db, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ identity: contactIdentities, channel: channels })
    .from(messages)
    .innerJoin(contactIdentities, eq(contactIdentities.id, messages.identityId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(and(eq(messages.id, messageId), isNull(contactIdentities.profileName), isNull(contactIdentities.handle)));
  const adapter = row && adapterFor(row.channel.kind);
  if (!row || !adapter?.profile) return false;
  const { identity, channel } = row;
  let found: { profileName?: string; handle?: string } | null = null;
  try {
    found = await adapter.profile(channel, identity.externalId);
  } catch (error) {
    console.warn("no profile from the provider", { identityId: identity.id, error: error instanceof Error ? error.message : error });
  }
  const fallback = `${channelLabels[channel.kind]} user …${identity.externalId.slice(-4)}`;
  await db
    .update(contactIdentities)
    .set({ profileName: found?.profileName ?? null, handle: found?.handle ?? (found?.profileName ? null : fallback) })
    .where(and(eq(contactIdentities.id, identity.id), isNull(contactIdentities.profileName), isNull(contactIdentities.handle)));
  if (found?.profileName) {
    await db
      .update(contacts)
      .set({ name: found.profileName })
      .where(and(eq(contacts.id, identity.contactId), sql`${contacts.name} is null`));
  }
  return true;
}

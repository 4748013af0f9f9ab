import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { channels, settings, users } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import type { Channel, ChannelKind, InboundMessage } from "@/lib/channels/types";
import type { Db } from "@/lib/db/client";
import { ingest } from "@/lib/conversations/ingest";
import { getSettings } from "@/lib/settings";
import { createUser, loadCurrentUser, touchPresence, type CurrentUser } from "@/lib/users";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString("hex")}`;

export async function makeUser(db: Db, role: Role, options: { teamIds?: string[]; name?: string; online?: boolean } = {}): Promise<CurrentUser> {
  const id = unique();
  const user = await createUser(db, {
    email: `${role}-${id}@example.test`,
    name: options.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${id}`,
    role,
    teamIds: options.teamIds,
  });
  if (options.online) await touchPresence(db, user.id);
  const current = await loadCurrentUser(db, user.id);
  if (!current) throw new Error("user vanished");
  return current;
}

export async function makeChannel(db: Db, kind: ChannelKind = "webchat", values: Partial<typeof channels.$inferInsert> = {}): Promise<Channel> {
  const [channel] = await db.insert(channels).values({ kind, name: `${kind} ${unique()}`, ...values }).returning();
  return channel;
}

/** A customer message through the real ingest path. */
export async function customerWrites(db: Db, channel: Channel, from: string, body: string, extra: Partial<InboundMessage> = {}) {
  const [outcome] = await ingest(db, channel, [
    { type: "message", providerMessageId: extra.providerMessageId ?? `p-${unique()}`, externalId: from, kind: "text", body, ...extra },
  ]);
  return outcome;
}

export async function updateSettings(db: Db, values: Partial<typeof settings.$inferInsert>) {
  await getSettings(db);
  await db.update(settings).set(values).where(eq(settings.id, 1));
}

export async function setRole(db: Db, userId: string, role: Role) {
  await db.update(users).set({ role }).where(eq(users.id, userId));
  return (await loadCurrentUser(db, userId))!;
}

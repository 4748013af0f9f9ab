import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { channels, contactIdentities, messages, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { webchatSettings } from "@/lib/channels/webchat/adapter";

/** The public face of a web-chat channel: what the widget may know about it. */
export async function widgetChannel(db: DbOrTx, channelId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(channelId)) return null;
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.kind, "webchat")));
  if (!channel) return null;
  const settings = webchatSettings.parse(channel.settings ?? {});
  return { id: channel.id, name: channel.name, active: channel.active, ...settings };
}

export type WidgetChannel = NonNullable<Awaited<ReturnType<typeof widgetChannel>>>;

/** For the widget's endpoints: the channel when it can take messages, else the answer to give. */
export async function openWidgetChannel(db: DbOrTx, channelId: string): Promise<WidgetChannel | Response> {
  const channel = await widgetChannel(db, channelId);
  if (!channel) return Response.json({ error: "Unknown chat." }, { status: 404 });
  if (!channel.active) return Response.json({ error: "This chat is not available right now." }, { status: 403 });
  return channel;
}

const THREAD_LIMIT = 200;

/**
 * The visitor's own thread: only messages exchanged with this visitor's identity, never the rest of
 * the contact's conversation on other channels, nor notes. Agents appear by first name.
 */
export async function visitorThread(db: DbOrTx, channelId: string, visitorId: string, options: { markRead?: boolean } = {}) {
  const [identity] = await db
    .select({ id: contactIdentities.id })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, visitorId)));
  if (!identity) return [];
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      body: messages.body,
      status: messages.status,
      createdAt: messages.createdAt,
      author: sql<string | null>`split_part(${users.name}, ' ', 1)`,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.identityId, identity.id), inArray(messages.status, ["received", "sent", "delivered", "read"])))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(THREAD_LIMIT);
  if (options.markRead) {
    await db
      .update(messages)
      .set({ status: "read", statusAt: new Date() })
      .where(and(eq(messages.identityId, identity.id), eq(messages.direction, "out"), inArray(messages.status, ["sent", "delivered"])));
  }
  return rows.reverse();
}

export type VisitorMessage = Awaited<ReturnType<typeof visitorThread>>[number];

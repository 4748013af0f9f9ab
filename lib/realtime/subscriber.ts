import { and, eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import { getCurrentUser, getServiceSettings } from "@/lib/auth/session";
import { verifyVisitorToken } from "@/lib/channels/webchat/token";
import { getDb } from "@/lib/db/client";
import type { Subscriber } from "@/lib/realtime/access";
import { isUuid } from "@/lib/realtime/topics";

export type VisitorCredentials = { channelId: string | null; token: string | null };

/**
 * Who is asking, for the stream and the Pusher auth endpoint: a web-chat visitor when the request names a
 * channel or carries a bearer token, otherwise the session's user. Null means "not authenticated" (401).
 */
export async function resolveSubscriber(visitor: VisitorCredentials | null): Promise<Subscriber | null> {
  if (visitor) {
    const { channelId, token } = visitor;
    if (!channelId || !token || !isUuid(channelId) || !verifyVisitorToken(channelId, token)) return null;
    // A token outlives its channel (it needs no lookup to verify), so make sure the widget is still live.
    const db = getDb();
    const [channel] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.id, channelId), eq(channels.kind, "webchat"), eq(channels.active, true)));
    return channel ? { kind: "visitor", channelId, token } : null;
  }
  const user = await getCurrentUser();
  if (!user) return null;
  return { kind: "user", db: getDb(), user, settings: await getServiceSettings() };
}

import { issueVisitorToken } from "@/lib/channels/webchat/token";
import { openWidgetChannel } from "@/lib/channels/webchat/visitor";
import { getDb } from "@/lib/db/client";
import { clientIp } from "@/lib/http";
import { hit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channelId: string }> };

/** A new visitor gets an unguessable token that lets them write and read their own thread only. */
export async function POST(req: Request, context: Context) {
  const { channelId } = await context.params;
  const db = getDb();
  const channel = await openWidgetChannel(db, channelId);
  if (channel instanceof Response) return channel;
  const limit = await hit(db, `widget-session:${clientIp(req)}`, 30, 3600);
  if (!limit.ok) {
    return Response.json(
      { error: "Too many new chats from your network. Try again later." },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  return Response.json(issueVisitorToken(channel.id), { status: 201 });
}

import { bearerToken } from "@/lib/channels/webchat/token";
import { canSubscribe } from "@/lib/realtime/access";
import { authorizePusherChannel, pusherServer, SOCKET_ID } from "@/lib/realtime/pusher-server";
import { resolveSubscriber } from "@/lib/realtime/subscriber";
import { topicFromPusherChannel } from "@/lib/realtime/topics";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// pusher-js posts two short fields (plus the widget's channel id); anything bigger is not from it.
const MAX_BODY_BYTES = 4096;

/**
 * Pusher channel authorization. pusher-js posts `socket_id` and `channel_name` form-encoded; the widget
 * adds `Authorization: Bearer <visitor token>` and a `channel_id` field, everyone else has a session.
 */
export async function POST(req: Request) {
  if (!pusherServer()) return Response.json({ error: "Pusher is not configured." }, { status: 404 });

  const raw = await req.text();
  if (raw.length > MAX_BODY_BYTES) return Response.json({ error: "Request too large." }, { status: 413 });
  const form = new URLSearchParams(raw);
  const socketId = form.get("socket_id") ?? "";
  const channelName = form.get("channel_name") ?? "";
  const topic = topicFromPusherChannel(channelName);
  if (!SOCKET_ID.test(socketId) || !topic) {
    return Response.json({ error: "Expected socket_id and a private channel_name." }, { status: 400 });
  }

  const token = bearerToken(req);
  const channelId = form.get("channel_id");
  const subscriber = await resolveSubscriber(token !== null || channelId !== null ? { channelId, token } : null);
  if (!subscriber) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!(await canSubscribe(subscriber, topic))) {
    return Response.json({ error: "You may not follow this channel." }, { status: 403 });
  }

  const auth = authorizePusherChannel(socketId, channelName);
  if (!auth) return Response.json({ error: "Pusher is not configured." }, { status: 404 });
  return Response.json(auth, { headers: { "Cache-Control": "no-store" } });
}

import { bearerToken } from "@/lib/channels/webchat/token";
import { pusherConfig } from "@/lib/env";
import { canSubscribeAll } from "@/lib/realtime/access";
import { createEventStream } from "@/lib/realtime/sse-stream";
import { resolveSubscriber } from "@/lib/realtime/subscriber";
import { parseTopic } from "@/lib/realtime/topics";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_TOPICS = 20;

/**
 * Server-sent events for the in-process transport. `?topics=a,b` with the session's user, or, for the
 * web-chat widget, `&channel=<channelId>&token=<visitor token>` (EventSource cannot send headers).
 */
export async function GET(req: Request) {
  // With Pusher configured, publishers never touch the in-process hub: a stream here would stay silent.
  if (pusherConfig()) return Response.json({ error: "Realtime runs on Pusher in this deployment." }, { status: 404 });

  const params = new URL(req.url).searchParams;
  const topics = [...new Set((params.get("topics") ?? "").split(",").map((t) => t.trim()).filter(Boolean))];
  if (topics.length === 0 || topics.length > MAX_TOPICS || !topics.every((t) => parseTopic(t))) {
    return Response.json({ error: `Give 1 to ${MAX_TOPICS} known topics in ?topics=` }, { status: 400 });
  }

  const channelId = params.get("channel");
  const token = params.get("token") ?? bearerToken(req);
  const subscriber = await resolveSubscriber(channelId !== null || token !== null ? { channelId, token } : null);
  if (!subscriber) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!(await canSubscribeAll(subscriber, topics))) {
    return Response.json({ error: "You may not follow one of these topics." }, { status: 403 });
  }

  return new Response(createEventStream(topics, req.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      // nginx would otherwise buffer the stream and deliver events in lumps.
      "X-Accel-Buffering": "no",
    },
  });
}

import { after } from "next/server";
import { handleWebhook } from "@/lib/channels/webhook";
import { bearerToken, verifyVisitorToken } from "@/lib/channels/webchat/token";
import { openWidgetChannel, visitorThread } from "@/lib/channels/webchat/visitor";
import { getDb } from "@/lib/db/client";
import { hit } from "@/lib/rate-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channelId: string }> };

/** The widget's messages are small; anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 16 * 1024;

export async function GET(req: Request, context: Context) {
  const { channelId } = await context.params;
  const visitorId = verifyVisitorToken(channelId, bearerToken(req));
  if (!visitorId) return Response.json({ error: "Unknown visitor." }, { status: 401 });
  const seen = new URL(req.url).searchParams.get("seen") === "1";
  return Response.json({ messages: await visitorThread(getDb(), channelId, visitorId, { markRead: seen }) });
}

export async function POST(req: Request, context: Context) {
  const { channelId } = await context.params;
  const db = getDb();
  const channel = await openWidgetChannel(db, channelId);
  if (channel instanceof Response) return channel;
  const visitorId = verifyVisitorToken(channelId, bearerToken(req));
  if (!visitorId) return Response.json({ error: "Unknown visitor." }, { status: 401 });
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: "This message is too long." }, { status: 413 });
  }
  const limit = await hit(db, `widget-message:${visitorId}`, 20, 60);
  if (!limit.ok) {
    return Response.json(
      { error: `You are sending messages very fast. Wait ${limit.retryAfterSeconds} seconds.` },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const body = await req.arrayBuffer();
  if (body.byteLength > MAX_BODY_BYTES) return Response.json({ error: "This message is too long." }, { status: 413 });
  // The same path as every provider webhook: verify (the visitor token), parse, ingest.
  const forwarded = new Request(req.url, { method: "POST", headers: req.headers, body });
  const { response } = await handleWebhook(db, forwarded, "webchat", channelId, (task) => after(task));
  return response;
}

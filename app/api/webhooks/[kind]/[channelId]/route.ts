import { after } from "next/server";
import { handleWebhook } from "@/lib/channels/webhook";
import { getDb } from "@/lib/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ kind: string; channelId: string }> };

async function handler(req: Request, context: Context) {
  const { kind, channelId } = await context.params;
  const { response } = await handleWebhook(getDb(), req, kind, channelId, (task) => after(task));
  return response;
}

export { handler as GET, handler as POST };

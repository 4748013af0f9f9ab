import { z } from "zod";
import { apiError, authorize, getServiceSettings } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { exportConversation, mailConversation } from "@/lib/export/conversation-export";
import { conversationFormats, mailExportSchema } from "@/lib/export/export.validation";
import { download } from "@/lib/export/files";

type Params = { params: Promise<{ number: string }> };

const numberSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** GET /api/export/conversations/1042?format=pdf|xlsx|csv — the conversation as a file. */
export async function GET(req: Request, { params }: Params) {
  try {
    const user = await authorize("conversation.export");
    const number = numberSchema.safeParse((await params).number);
    const format = z.enum(conversationFormats).safeParse(new URL(req.url).searchParams.get("format") ?? "pdf");
    if (!number.success || !format.success) return Response.json({ error: "Ask for a conversation number and pdf, xlsx or csv." }, { status: 400 });
    const file = await exportConversation(getDb(), user, await getServiceSettings(), number.data, format.data);
    return download(new Uint8Array(file.content), file.fileName, file.format);
  } catch (error) {
    return refusal(error);
  }
}

/** POST /api/export/conversations/1042 {to, format} — the export sent by e-mail. */
export async function POST(req: Request, { params }: Params) {
  try {
    const user = await authorize("conversation.export");
    const number = numberSchema.safeParse((await params).number);
    const input = mailExportSchema.safeParse(await req.json().catch(() => null));
    if (!number.success) return Response.json({ error: "Unknown conversation." }, { status: 400 });
    if (!input.success) {
      return Response.json({ error: "Check the form.", fieldErrors: z.flattenError(input.error).fieldErrors }, { status: 400 });
    }
    const outcome = await mailConversation(getDb(), user, await getServiceSettings(), number.data, input.data);
    return Response.json({ ok: true, outcome });
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown): Response {
  if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
  if (error instanceof UserError) return Response.json({ error: error.message }, { status: 422 });
  return apiError(error);
}

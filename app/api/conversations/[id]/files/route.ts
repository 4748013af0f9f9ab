import { apiError, getCurrentUser, UnauthenticatedError } from "@/lib/auth/session";
import { MAX_FILES_PER_MESSAGE } from "@/lib/channels/rules";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { isUuid } from "@/lib/realtime/topics";
import { MAX_FILE_BYTES, putFile } from "@/lib/storage/files";
import { formatBytes } from "@/lib/format";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * Uploads files for a reply (the composer sends them first, then the reply names them). Only someone who
 * may reply in this conversation can upload to it; the channel's own rules are checked again at send.
 */
export async function POST(req: Request, context: Context) {
  try {
    const user = await getCurrentUser();
    if (!user) throw new UnauthenticatedError();
    const { id } = await context.params;
    if (!isUuid(id)) return Response.json({ error: "Unknown conversation." }, { status: 404 });
    const db = getDb();
    await loadForAction(db, user, id, "conversation.reply");
    if (Number(req.headers.get("content-length") ?? 0) > MAX_FILES_PER_MESSAGE * MAX_FILE_BYTES + 1024 * 1024) {
      return Response.json({ error: "Too much at once." }, { status: 413 });
    }
    const form = await req.formData().catch(() => null);
    const uploads = form?.getAll("file").filter((f): f is File => f instanceof File) ?? [];
    if (!uploads.length) return Response.json({ error: "No file was sent." }, { status: 400 });
    if (uploads.length > MAX_FILES_PER_MESSAGE) {
      return Response.json({ error: `At most ${MAX_FILES_PER_MESSAGE} files at once.` }, { status: 400 });
    }
    const tooBig = uploads.find((f) => f.size > MAX_FILE_BYTES);
    if (tooBig) return Response.json({ error: `“${tooBig.name}” is larger than ${formatBytes(MAX_FILE_BYTES)}.` }, { status: 413 });
    const stored = [];
    for (const file of uploads) {
      stored.push(
        await putFile(db, {
          name: file.name,
          mimeType: file.type || "application/octet-stream",
          data: Buffer.from(await file.arrayBuffer()),
          conversationId: id,
        }),
      );
    }
    return Response.json({ files: stored }, { status: 201 });
  } catch (error) {
    if (error instanceof UserError) return Response.json({ error: error.message }, { status: 400 });
    return apiError(error);
  }
}

import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser, getServiceSettings } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/realtime/topics";
import { readFile, verifyFileSignature } from "@/lib/storage/files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/**
 * Serves a stored file to a signed-in user who may see its conversation (or contact), or to anyone holding
 * a short-lived signed link (providers fetching outbound media).
 */
export async function GET(req: Request, context: Context) {
  const { id } = await context.params;
  if (!isUuid(id)) return new Response("Not found", { status: 404 });
  const url = new URL(req.url);
  const signed = verifyFileSignature(id, url.searchParams.get("exp"), url.searchParams.get("sig"));
  const db = getDb();
  const file = await readFile(db, id);
  if (!file) return new Response("Not found", { status: 404 });

  if (!signed) {
    const user = await getCurrentUser();
    if (!user) return new Response("Sign in first", { status: 401 });
    const settings = await getServiceSettings();
    let allowed = false;
    if (file.conversationId) {
      const [scope] = await db
        .select({ teamId: conversations.teamId, assigneeId: conversations.assigneeId, status: conversations.status })
        .from(conversations)
        .where(eq(conversations.id, file.conversationId));
      allowed = Boolean(scope) && can(user, "conversations.read", settings, scope);
    } else {
      allowed = can(user, "contacts.read", settings);
    }
    if (!allowed) return new Response("Forbidden", { status: 403 });
  }

  // Only inert types are shown inline; anything else downloads, so a stored HTML or SVG cannot run in our origin.
  const inline = /^(image\/(png|jpeg|gif|webp)|audio\/|video\/|application\/pdf)/.test(file.mimeType);
  const disposition = `${inline && url.searchParams.get("download") !== "1" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`;
  return new Response(new Uint8Array(file.data), {
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.size),
      "content-disposition": disposition,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": signed ? "public, max-age=3600" : "private, max-age=86400",
      etag: `"${file.sha256}"`,
    },
  });
}

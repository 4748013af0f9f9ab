import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { isUuid } from "@/lib/realtime/topics";
import { readAvatar } from "@/lib/settings/profile";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ userId: string }> };

/**
 * A colleague's picture, for signed-in users only. Its URL carries a version (see avatarUrl), so the
 * browser may keep each one for a year; the ETag answers a revalidation without the bytes.
 */
export async function GET(req: Request, context: Context) {
  try {
    await authorize("profile.change");
    const { userId } = await context.params;
    const avatar = isUuid(userId) ? await readAvatar(getDb(), userId) : null;
    if (!avatar) return Response.json({ error: "No picture." }, { status: 404 });
    const etag = `"${avatar.sha256}"`;
    const headers = {
      "Content-Type": avatar.mimeType,
      "Cache-Control": "private, max-age=31536000, immutable",
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(avatar.data), { headers: { ...headers, "Content-Length": String(avatar.data.length) } });
  } catch (error) {
    return apiError(error);
  }
}

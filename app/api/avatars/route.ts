import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { setAvatar } from "@/lib/settings/profile";
import { AVATAR_MAX_BYTES } from "@/lib/settings/profile.validation";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Uploads the signed-in user's own picture (multipart, field `file`). A route handler rather than a
 * server action: server actions cap request bodies at 1 MB, and a 1 MB picture needs a little more.
 */
export async function POST(req: Request) {
  try {
    const user = await authorize("profile.change");
    if (Number(req.headers.get("content-length") ?? 0) > AVATAR_MAX_BYTES + 64 * 1024) {
      return Response.json({ error: "Use a picture of at most 1 MB." }, { status: 413 });
    }
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return Response.json({ error: "Choose a picture." }, { status: 400 });
    const url = await setAvatar(getDb(), user, Buffer.from(await file.arrayBuffer()));
    return Response.json({ url });
  } catch (error) {
    if (error instanceof UserError) return Response.json({ error: error.message }, { status: 422 });
    return apiError(error);
  }
}

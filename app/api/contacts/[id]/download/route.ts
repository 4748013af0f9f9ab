import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { contactArchive } from "@/lib/contacts/erase";
import { isUuid } from "@/lib/realtime/topics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** "Download all data": one zip with everything stored about the contact (JSON plus the files). */
export async function GET(_req: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await context.params;
    if (!isUuid(id)) return Response.json({ error: "Not found." }, { status: 404 });
    const user = await authorize("contact.download");
    const { fileName, data } = await contactArchive(getDb(), user, id);
    return new Response(Buffer.from(data), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
    return apiError(error);
  }
}

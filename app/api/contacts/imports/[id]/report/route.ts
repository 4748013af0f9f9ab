import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { importReportCsv } from "@/lib/contacts/import";
import { isUuid } from "@/lib/realtime/topics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** An import's report: the skipped and rejected rows with their reasons, as CSV. */
export async function GET(_req: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await context.params;
    if (!isUuid(id)) return Response.json({ error: "Not found." }, { status: 404 });
    const user = await authorize("contacts.import");
    const { fileName, csv } = await importReportCsv(getDb(), user, id);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${encodeURIComponent(fileName)}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: error.message }, { status: 404 });
    return apiError(error);
  }
}

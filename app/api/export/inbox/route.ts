import { z } from "zod";
import { apiError, authorize, getServiceSettings } from "@/lib/auth/session";
import { parseFilters } from "@/lib/conversations/filters";
import { views } from "@/lib/conversations/views";
import { getDb } from "@/lib/db/client";
import { bulkExportStream, bulkFileName } from "@/lib/export/bulk";
import { contentDisposition, mimeTypes, recordExport } from "@/lib/export/files";

const query = z.object({
  view: z.enum(views).default("all"),
  rows: z.enum(["conversations", "messages"]).default("conversations"),
  format: z.enum(["csv", "xlsx"]).default("csv"),
});

/**
 * GET /api/export/inbox?view=all&rows=messages&format=xlsx&… — the inbox view the user is on, streamed,
 * with the inbox's own filters (the same query parameters as the inbox URL).
 */
export async function GET(req: Request) {
  try {
    const user = await authorize("conversation.export");
    const search = new URL(req.url).searchParams;
    const parsed = query.safeParse({ view: search.get("view") ?? undefined, rows: search.get("rows") ?? undefined, format: search.get("format") ?? undefined });
    if (!parsed.success) return Response.json({ error: "Unknown view, row kind or format." }, { status: 400 });
    const request = { ...parsed.data, filters: parseFilters(search) };
    const db = getDb();
    const fileName = bulkFileName(request, user.timeZone);
    await recordExport(db, user.id, "export.inbox", fileName, { ...request });
    const body = bulkExportStream(db, user, await getServiceSettings(), request);
    return new Response(body, {
      headers: {
        "content-type": mimeTypes[request.format],
        "content-disposition": contentDisposition(fileName),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return apiError(error);
  }
}

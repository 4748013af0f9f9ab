import { z } from "zod";
import { apiError, authorize, getServiceSettings } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { download } from "@/lib/export/files";
import { exportStatistics } from "@/lib/export/statistics-export";
import { parseStatsParams } from "@/lib/stats/params";
import { chartIds } from "@/lib/stats/tables";

const query = z.object({ format: z.enum(["csv", "xlsx", "pdf"]).default("xlsx"), chart: z.enum(chartIds).optional() });

/** GET /api/export/statistics?format=csv&chart=volume&span=30d&team=… — the statistics page's data as a file. */
export async function GET(req: Request) {
  try {
    const user = await authorize("statistics.export");
    const params = new URL(req.url).searchParams;
    const parsed = query.safeParse({ format: params.get("format") ?? undefined, chart: params.get("chart") ?? undefined });
    if (!parsed.success) return Response.json({ error: "Ask for csv (with a chart), xlsx or pdf." }, { status: 400 });
    const { span, filters } = parseStatsParams(params, user.timeZone);
    const file = await exportStatistics(getDb(), user, await getServiceSettings(), { span, filters, ...parsed.data });
    return download(new Uint8Array(file.content), file.fileName, parsed.data.format);
  } catch (error) {
    return apiError(error);
  }
}

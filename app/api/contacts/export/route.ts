import { z } from "zod";
import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { exportContactsCsv, exportContactsXlsx } from "@/lib/contacts/export";
import { contactTabs } from "@/lib/contacts/queries";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  q: z.string().max(200).optional(),
  tab: z.enum(contactTabs).default("all"),
});

/** The address book (as filtered on the page) as CSV or Excel, streamed. */
export async function GET(req: Request) {
  try {
    const user = await authorize("contacts.export");
    const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!parsed.success) return Response.json({ error: "Invalid query." }, { status: 400 });
    const { format, q, tab } = parsed.data;
    const stamp = new Date().toISOString().slice(0, 10);
    const body = format === "xlsx" ? await exportContactsXlsx(getDb(), user, { q, tab }) : await exportContactsCsv(getDb(), user, { q, tab });
    return new Response(body, {
      headers: {
        "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="contacts-${stamp}.${format}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return apiError(error);
  }
}

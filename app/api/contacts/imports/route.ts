import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { createImport, MAX_IMPORT_BYTES } from "@/lib/contacts/import";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Step 1 of an import: the CSV file (multipart field "file"); answers the import's id. */
export async function POST(req: Request) {
  try {
    const user = await authorize("contacts.import");
    if (Number(req.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) {
      return Response.json({ error: "The file is larger than 25 MB. Split it and import the parts one after the other." }, { status: 413 });
    }
    const form = await req.formData().catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return Response.json({ error: "Choose a CSV file first." }, { status: 400 });
    const created = await createImport(getDb(), user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json({ id: created.import.id });
  } catch (error) {
    if (error instanceof UserError) return Response.json({ error: error.message }, { status: 422 });
    return apiError(error);
  }
}

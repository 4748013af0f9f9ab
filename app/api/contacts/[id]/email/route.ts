import { apiError, authorize } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { sendContactEmail } from "@/lib/contacts/email";
import { contactEmailSchema, EMAIL_MAX_TOTAL_ATTACHMENT_BYTES } from "@/lib/contacts/email.validation";
import { isUuid } from "@/lib/realtime/topics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sends an e-mail to a contact: the form's fields plus attachments as multipart (a server action's body
 * is capped at 1 MB; attachments may be 2 MB). Answers { ok, data } or { ok: false, error, fieldErrors }
 * like a server action, so the form shows errors in place.
 */
export async function POST(req: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await context.params;
    if (!isUuid(id)) return Response.json({ ok: false, error: "This contact does not exist." }, { status: 404 });
    const user = await authorize("contacts.read");
    if (Number(req.headers.get("content-length") ?? 0) > EMAIL_MAX_TOTAL_ATTACHMENT_BYTES + 1024 * 1024) {
      return Response.json({ ok: false, error: "Attachments can be 2 MB together.", fieldErrors: { files: ["Attachments can be 2 MB together."] } }, { status: 413 });
    }
    const form = await req.formData();
    const parsed = contactEmailSchema.safeParse({
      channelId: form.get("channelId"),
      to: form.get("to"),
      cc: form.get("cc") ?? "",
      subject: form.get("subject"),
      body: form.get("body"),
      close: form.get("close") === "true",
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      return Response.json({ ok: false, error: "Check the highlighted fields.", fieldErrors }, { status: 422 });
    }
    const files = await Promise.all(
      form
        .getAll("files")
        .filter((f): f is File => f instanceof File && f.size > 0)
        .map(async (f) => ({ name: f.name, mimeType: f.type || "application/octet-stream", data: Buffer.from(await f.arrayBuffer()) })),
    );
    const result = await sendContactEmail(getDb(), user, id, parsed.data, files);
    return Response.json({ ok: true, data: result });
  } catch (error) {
    if (error instanceof UserError) return Response.json({ ok: false, error: error.message, fieldErrors: error.fieldErrors }, { status: 422 });
    return apiError(error);
  }
}

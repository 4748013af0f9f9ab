import { recordAudit } from "@/lib/audit";
import type { DbOrTx } from "@/lib/db/client";

export const mimeTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;
export type ExportFormat = keyof typeof mimeTypes;

/** A file name safe on every system; the readable one goes in `filename*` (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize("NFKD").replace(/[^\w.\-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A download response; exports are personal and change with the data, so nothing caches them. */
export function download(body: BodyInit, fileName: string, format: ExportFormat): Response {
  return new Response(body, {
    headers: {
      "content-type": mimeTypes[format],
      "content-disposition": contentDisposition(fileName),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Every export is written to the audit log: who took which data out, and how. */
export async function recordExport(
  db: DbOrTx,
  actorId: string,
  action: "export.conversation" | "export.conversation-mail" | "export.statistics" | "export.inbox",
  target: string,
  data: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, actorId, action, target, data);
}

import { renderConversationPdf } from "@/components/export/conversation-pdf";
import type { ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { conversationFileStem, imageBytes, loadConversationExport } from "@/lib/export/conversation";
import { conversationCsv, conversationWorkbook } from "@/lib/export/conversation-files";
import type { ConversationFormat } from "@/lib/export/export.validation";
import { mimeTypes, recordExport } from "@/lib/export/files";
import { sendExportMail } from "@/lib/export/mail";
import type { CurrentUser } from "@/lib/users";

export type ExportFile = { fileName: string; format: ConversationFormat; content: Buffer };

/**
 * One conversation as a file, for someone allowed to export (the route checks the permission) who can
 * see it; recorded in the audit log. Times are in the requester's time zone.
 */
export async function exportConversation(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  number: number,
  format: ConversationFormat,
): Promise<ExportFile> {
  const data = await loadConversationExport(db, actor, settings, number);
  if (!data) throw new NotFoundError("This conversation");
  const content =
    format === "pdf"
      ? await renderConversationPdf(data, { timeZone: actor.timeZone, exportedBy: actor.name, images: await imageBytes(db, data) })
      : format === "xlsx"
        ? await conversationWorkbook(data, actor.timeZone)
        : Buffer.from(conversationCsv(data, actor.timeZone), "utf8");
  await recordExport(db, actor.id, "export.conversation", `#${number}`, { format, number, messages: data.messages.length, notes: data.notes.length });
  return { fileName: `${conversationFileStem(data)}.${format}`, format, content };
}

/** The export sent to an address the agent typed, through the configured SMTP account. */
export async function mailConversation(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  number: number,
  input: { to: string; format: ConversationFormat },
): Promise<"sent" | "logged"> {
  const file = await exportConversation(db, actor, settings, number, input.format);
  const outcome = await sendExportMail(db, {
    to: input.to,
    subject: `Conversation #${number}`,
    text: `${actor.name} sent you conversation #${number} from Switchboard; it is attached as ${file.fileName}.\n\nIt includes the internal notes of the team.`,
    attachment: { filename: file.fileName, content: file.content, contentType: mimeTypes[file.format] },
  });
  await recordExport(db, actor.id, "export.conversation-mail", `#${number}`, { format: input.format, to: input.to, outcome });
  return outcome;
}

import { z } from "zod";

export const conversationFormats = ["pdf", "xlsx", "csv"] as const;
export type ConversationFormat = (typeof conversationFormats)[number];

export const formatLabels: Record<ConversationFormat, string> = { pdf: "PDF", xlsx: "Excel", csv: "CSV" };

/** "Send by e-mail": where to, and as what. Shared by the dialog and the route. */
export const mailExportSchema = z.object({
  to: z.email("Enter an e-mail address, e.g. name@example.com.").max(254),
  format: z.enum(conversationFormats),
});
export type MailExportInput = z.infer<typeof mailExportSchema>;

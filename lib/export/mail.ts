import { and, asc, eq } from "drizzle-orm";
import { channels } from "@/db/schema";
import { readEmailConfig } from "@/lib/channels/email/config";
import { smtpError, smtpTransport } from "@/lib/channels/email/send";
import type { DbOrTx } from "@/lib/db/client";
import { UserError } from "@/lib/errors";

export type ExportMail = { to: string; subject: string; text: string; attachment: { filename: string; content: Buffer; contentType: string } };

/**
 * Sends an export by e-mail through the first active e-mail channel's SMTP account (the same transport
 * as replies on that channel). Without one, development logs the mail instead, and production refuses
 * with a reason the agent can act on. Returns how the mail went.
 */
export async function sendExportMail(db: DbOrTx, mail: ExportMail): Promise<"sent" | "logged"> {
  const accounts = await db.select().from(channels).where(and(eq(channels.kind, "email"), eq(channels.active, true))).orderBy(asc(channels.createdAt));
  const account = accounts.map((channel) => ({ channel, config: readEmailConfig(channel) })).find((a) => a.config);
  if (!account?.config) {
    if (process.env.NODE_ENV === "production") {
      throw new UserError("No e-mail account is set up to send from. An admin can connect one in Settings → Channels.");
    }
    console.info(`[export mail] to ${mail.to}: “${mail.subject}” with ${mail.attachment.filename} (${mail.attachment.content.length} bytes)\n${mail.text}`);
    return "logged";
  }
  const { config } = account;
  try {
    await smtpTransport(config).sendMail({
      from: config.fromName ? { name: config.fromName, address: config.inboundAddress } : config.inboundAddress,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [mail.attachment],
    });
  } catch (error) {
    throw new UserError(smtpError(error, config).message);
  }
  return "sent";
}

import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { messages } from "@/db/schema";
import { SendError, type Channel, type Identity, type Outbound } from "@/lib/channels/types";
import type { EmailConfig } from "@/lib/channels/email/config";
import { emailAttachmentProblem } from "@/lib/channels/email/limits";
import { messageIdList, normalizeMessageId, outboundMessageId } from "@/lib/channels/email/message-id";
import { getDb } from "@/lib/db/client";

export function smtpTransport(config: EmailConfig) {
  const security = config.smtpSecurity === "auto" && config.smtpPort === 465 ? "tls" : config.smtpSecurity;
  const options: SMTPTransport.Options = {
    host: config.smtpHost,
    port: config.smtpPort,
    secure: security === "tls",
    requireTLS: security === "starttls",
    ignoreTLS: security === "none",
    auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword ?? "" } : undefined,
    // A reply waits for this in the agent's request: fail in seconds, not minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  return nodemailer.createTransport(options);
}

type SmtpFailure = Error & { code?: string; response?: string; responseCode?: number };

/** nodemailer's error as the reason shown on the message: the server's own words where it gave some. */
export function smtpError(error: unknown, config: EmailConfig): SendError {
  const e = (error instanceof Error ? error : new Error(String(error))) as SmtpFailure;
  const code = e.responseCode ? String(e.responseCode) : (e.code ?? "smtp");
  if (e.code === "EAUTH") return new SendError(`The mail server refused the SMTP user name or password: ${e.response ?? e.message}`, code);
  if (e.response) return new SendError(`The mail server refused the mail: ${e.response}`, code);
  if (["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED"].includes(e.code ?? "")) {
    return new SendError(`The mail server ${config.smtpHost}:${config.smtpPort} could not be reached (${e.message}).`, code);
  }
  return new SendError(`Sending failed: ${e.message}`, code);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML alternative of a reply: its text, escaped, with its line breaks. */
export function replyHtml(text: string): string {
  return `<div dir="auto">${escapeHtml(text).replace(/\r?\n/g, "<br>\n")}</div>`;
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[,;]/).map((v) => v.trim()).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter(Boolean) : [];
}

function withRe(subject: string): string {
  return /^(re|aw|sv|antw)\s*:/i.test(subject) ? subject : `Re: ${subject}`;
}

/**
 * Where this reply sits in the mail thread: the customer's last mail on this address (In-Reply-To its
 * Message-ID, References its References plus that id), else our own last mail to them.
 */
async function threadOf(conversationId: string, channelId: string, identityId: string, messageId: string) {
  const earlier = await getDb()
    .select({ direction: messages.direction, providerMessageId: messages.providerMessageId, payload: messages.payload })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.channelId, channelId),
        eq(messages.identityId, identityId),
        ne(messages.id, messageId),
        isNotNull(messages.providerMessageId),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(20);
  const parent = earlier.find((m) => m.direction === "in") ?? earlier[0];
  if (!parent) return { inReplyTo: null, references: [], subject: null, autoSubmitted: false };
  const parentId = normalizeMessageId(parent.providerMessageId ?? "");
  const payload = parent.payload ?? {};
  return {
    inReplyTo: parentId,
    references: messageIdList(stringList(payload.references), parentId ?? undefined),
    subject: typeof payload.subject === "string" && payload.subject.trim() ? payload.subject.trim() : null,
    autoSubmitted: parent.direction === "in" && payload.autoSubmitted === true,
  };
}

/**
 * One reply as a mail: From the account's address, To the customer's, the subject the agent typed or
 * "Re: " + the thread's, threading headers so the customer's mail client keeps one thread, our own
 * Message-ID (stable per message, so Retry sends the same id), text plus a simple HTML alternative, and
 * the files (2 MB in total). The headers used are kept on the message for the thread view and for later
 * replies; the Message-ID is returned as the provider id, so answers to it thread back here.
 */
export async function sendMail(channel: Channel, config: EmailConfig, to: Identity, message: Outbound): Promise<{ providerMessageId: string }> {
  const recipient = to.externalId.trim().toLowerCase();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(recipient)) throw new SendError(`“${to.externalId}” is not an e-mail address.`, "no_recipient");
  const tooLarge = emailAttachmentProblem(message.attachments);
  if (tooLarge) throw new SendError(tooLarge, "attachments_too_large");

  const payload = message.payload ?? {};
  const thread = await threadOf(message.conversationId, channel.id, to.id, message.messageId);
  if (payload.automatic && thread.autoSubmitted) {
    // RFC 3834: answering an out-of-office, a list or a bounce automatically would start a mail loop.
    throw new SendError("Not sent: the customer's last mail was itself automatic (an out-of-office reply, a list or a bounce).", "auto_submitted");
  }
  const typedSubject = typeof payload.subject === "string" ? payload.subject.trim() : "";
  const subject = typedSubject || (thread.subject ? withRe(thread.subject) : `Message from ${config.fromName || channel.name}`);
  const cc = stringList(payload.cc).filter((a) => /^[^\s@<>]+@[^\s@<>]+$/.test(a));
  const messageId = outboundMessageId(message.messageId, config.inboundAddress);
  const headers = { subject, messageId, inReplyTo: thread.inReplyTo, references: thread.references, to: [recipient], cc };

  await getDb()
    .update(messages)
    .set({ payload: sql`coalesce(${messages.payload}, '{}'::jsonb) || ${JSON.stringify(headers)}::jsonb` })
    .where(eq(messages.id, message.messageId));

  const attachments = await Promise.all(
    message.attachments.map(async (file) => ({ filename: file.name, contentType: file.mimeType, content: await file.read() })),
  );
  const transport = smtpTransport(config);
  try {
    await transport.sendMail({
      from: { name: config.fromName || channel.name, address: config.inboundAddress },
      to: recipient,
      cc,
      subject,
      text: message.body,
      html: replyHtml(message.body),
      attachments,
      messageId,
      inReplyTo: thread.inReplyTo ?? undefined,
      references: thread.references.length ? thread.references : undefined,
      headers: payload.automatic ? { "Auto-Submitted": "auto-replied" } : undefined,
    });
  } catch (error) {
    throw smtpError(error, config);
  } finally {
    transport.close();
  }
  return { providerMessageId: messageId };
}

/** The settings page's "Test connection": connects, signs in and says so. */
export async function verifySmtp(config: EmailConfig): Promise<string> {
  const transport = smtpTransport(config);
  try {
    await transport.verify();
  } catch (error) {
    throw smtpError(error, config);
  } finally {
    transport.close();
  }
  return `Connected to ${config.smtpHost}:${config.smtpPort}${config.smtpUser ? ` as ${config.smtpUser}` : ""}; replies go out from ${config.inboundAddress}.`;
}

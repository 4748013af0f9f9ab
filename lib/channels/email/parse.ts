import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { z } from "zod";
import { ParseError, type InboundEvent, type InboundFile } from "@/lib/channels/types";
import { sha256Hex } from "@/lib/crypto";
import { htmlToText, sanitizeEmailHtml } from "@/lib/channels/email/html";
import { messageIdList, normalizeMessageId, ourMessageIds } from "@/lib/channels/email/message-id";
import { foldQuoted } from "@/lib/channels/email/quoted";

/** One reply's text beyond this is cut: nobody reads it in a chat bubble, and the row stays small. */
const MAX_BODY = 100_000;

type Address = { address: string; name: string };

/** A mail as both inbound formats describe it, before it becomes an event. */
export type InboundMail = {
  from: Address | null;
  to: string[];
  cc: string[];
  subject: string;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  date: Date | null;
  text: string | null;
  html: string | null;
  files: InboundFile[];
  autoSubmitted: boolean;
  /** A delivery status notification (multipart/report), or a mail from a mailer daemon. */
  looksLikeBounce: boolean;
  /** The machine-readable parts of a report (delivery status, returned headers), for bounce matching. */
  reportText: string;
  /** The dedupe key when the mail has no Message-ID. */
  fallbackId: string;
};

function formatAddress({ address, name }: Address): string {
  return name && name !== address ? `${name} <${address}>` : address;
}

function cleanAddress(address: string | undefined | null): string | null {
  const value = address?.trim().toLowerCase();
  return value && /^[^\s@<>]+@[^\s@<>]+$/.test(value) ? value : null;
}

function bounceSender(from: Address | null): boolean {
  return Boolean(from && /^(mailer-daemon|postmaster|mail-daemon)@/i.test(from.address));
}

/** RFC 3834: mail that must never get an automatic answer (out-of-office replies, lists, bounces). */
function isAutoSubmitted(header: (name: string) => string | undefined): boolean {
  const auto = header("auto-submitted")?.trim().toLowerCase();
  const precedence = header("precedence")?.trim().toLowerCase();
  const returnPath = header("return-path")?.trim();
  return (auto !== undefined && auto !== "no") || ["bulk", "list", "junk"].includes(precedence ?? "") || returnPath === "<>";
}

// ---------------------------------------------------------------------------------------------------
// Postmark's inbound webhook (JSON). Field names as in the official `postmark` package's InboundWebhook.

const postmarkAddress = z.object({ Email: z.string(), Name: z.string().nullish() });
const postmarkInbound = z.object({
  From: z.string().nullish(),
  FromName: z.string().nullish(),
  FromFull: postmarkAddress.nullish(),
  ToFull: z.array(postmarkAddress).nullish(),
  CcFull: z.array(postmarkAddress).nullish(),
  Subject: z.string().nullish(),
  Date: z.string().nullish(),
  MessageID: z.string().nullish(),
  TextBody: z.string().nullish(),
  HtmlBody: z.string().nullish(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).nullish(),
  Attachments: z
    .array(
      z.object({
        Name: z.string().nullish(),
        Content: z.string().regex(/^[A-Za-z0-9+/=\r\n]*$/, "is not base64"),
        ContentType: z.string().nullish(),
      }),
    )
    .nullish(),
});

function addressesOf(list: z.infer<typeof postmarkAddress>[] | null | undefined): string[] {
  return (list ?? []).flatMap((a) => {
    const address = cleanAddress(a.Email);
    return address ? [formatAddress({ address, name: a.Name?.trim() ?? "" })] : [];
  });
}

export function readPostmark(rawBody: string): InboundMail {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ParseError("The body is neither Postmark JSON nor a MIME message.");
  }
  const parsed = postmarkInbound.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError(`Not a Postmark inbound message: ${issue?.path.join(".") || "body"} ${issue?.message ?? "is malformed"}.`);
  }
  const mail = parsed.data;
  const headers = new Map<string, string>();
  for (const h of mail.Headers ?? []) if (!headers.has(h.Name.toLowerCase())) headers.set(h.Name.toLowerCase(), h.Value);
  const header = (name: string) => headers.get(name);

  const address = cleanAddress(mail.FromFull?.Email ?? mail.From);
  const from = address ? { address, name: (mail.FromFull?.Name ?? mail.FromName ?? "").trim() } : null;
  const date = mail.Date ? new Date(mail.Date) : null;
  const files = (mail.Attachments ?? []).map((a) => ({
    name: a.Name?.trim() || "attachment",
    mimeType: a.ContentType?.split(";")[0].trim().toLowerCase() || "application/octet-stream",
    data: Buffer.from(a.Content, "base64"),
  }));
  return {
    from,
    to: addressesOf(mail.ToFull),
    cc: addressesOf(mail.CcFull),
    subject: mail.Subject?.trim() ?? "",
    // The top-level MessageID is Postmark's own GUID; threading needs the header (gotcha 18).
    messageId: normalizeMessageId(header("message-id") ?? ""),
    inReplyTo: messageIdList(header("in-reply-to")),
    references: messageIdList(header("references")),
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    text: mail.TextBody || null,
    html: mail.HtmlBody || null,
    files,
    autoSubmitted: isAutoSubmitted(header),
    looksLikeBounce: bounceSender(from) || /multipart\/report/i.test(header("content-type") ?? ""),
    reportText: [mail.TextBody ?? "", ...files.filter((f) => /^(message\/|text\/rfc822-headers)/.test(f.mimeType)).map((f) => f.data.toString("utf8"))].join("\n"),
    fallbackId: mail.MessageID?.trim() ? `postmark:${mail.MessageID.trim()}` : `sha256:${sha256Hex(rawBody)}`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Raw MIME (message/rfc822), parsed with mailparser.

function mimeAddresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .flatMap((a) => {
      const address = cleanAddress(a.address);
      return address ? [{ address, name: a.name?.trim() ?? "" }] : [];
    });
}

function headerText(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((l) => l.key === name);
  return line ? line.line.slice(line.line.indexOf(":") + 1).trim() : undefined;
}

export async function readMime(bytes: Buffer): Promise<InboundMail> {
  let parsed: ParsedMail;
  try {
    // cid: images are listed as attachments rather than inlined into the HTML as data: URLs.
    parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch {
    throw new ParseError("The body is not a readable MIME message.");
  }
  if (!parsed.headerLines.length) throw new ParseError("The body is not a MIME message: it has no headers.");
  const [from] = mimeAddresses(parsed.from);
  const contentType = parsed.headers.get("content-type");
  const report =
    typeof contentType === "object" && contentType !== null && "value" in contentType && contentType.value === "multipart/report";
  const files = parsed.attachments.map((a) => ({
    name: a.filename?.trim() || (a.contentType === "message/rfc822" ? "message.eml" : "attachment"),
    mimeType: a.contentType?.toLowerCase() || "application/octet-stream",
    data: a.content,
  }));
  return {
    from: from ?? null,
    to: mimeAddresses(parsed.to).map(formatAddress),
    cc: mimeAddresses(parsed.cc).map(formatAddress),
    subject: parsed.subject?.trim() ?? "",
    messageId: parsed.messageId ? normalizeMessageId(parsed.messageId) : null,
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: parsed.text || null,
    html: typeof parsed.html === "string" && parsed.html ? parsed.html : null,
    files,
    autoSubmitted: isAutoSubmitted((name) => headerText(parsed, name)),
    looksLikeBounce: report || bounceSender(from ?? null),
    // mailparser puts a message/delivery-status part into `text`; returned headers come as attachments.
    reportText: [parsed.text ?? "", ...files.filter((f) => /^(message\/|text\/rfc822-headers)/.test(f.mimeType)).map((f) => f.data.toString("utf8"))].join("\n"),
    fallbackId: `sha256:${sha256Hex(bytes)}`,
  };
}

// ---------------------------------------------------------------------------------------------------

/**
 * A delivery failure report for one of our own mails → that message's `failed` status with the remote
 * server's reason. Null when the report is only a delay notice or names no mail of ours (then the
 * report is stored as an ordinary message, so nothing is lost).
 */
function bounceStatus(mail: InboundMail): InboundEvent | null {
  if (!mail.looksLikeBounce) return null;
  const actions = [...mail.reportText.matchAll(/^Action:\s*([a-z]+)/gim)].map((m) => m[1].toLowerCase());
  if (actions.length && !actions.includes("failed")) return null;
  // The returned mail's own Message-ID line, never any id quoted in its References.
  const returned = mail.reportText.match(/^Message-ID:\s*(<[^<>\s]+>)/im)?.[1];
  const original = (returned ? ourMessageIds(returned) : []).concat(ourMessageIds(mail.inReplyTo.join(" ")))[0];
  if (!original) return null;
  const diagnostic = mail.reportText.match(/^Diagnostic-Code:\s*(?:[a-z-]+;\s*)?(.+(?:\n[ \t]+.+)*)/im)?.[1].replace(/\s+/g, " ").trim();
  const status = mail.reportText.match(/^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im)?.[1];
  return {
    type: "status",
    providerMessageId: original,
    status: "failed",
    errorCode: status ?? "bounced",
    errorText: diagnostic
      ? `The recipient's mail server returned the mail: ${diagnostic.slice(0, 500)}`
      : "The recipient's mail server returned the mail as undeliverable.",
    timestamp: new Date(),
  };
}

/** The events one inbound mail becomes: a bounce's status, or the customer's message. */
export function mailToEvents(mail: InboundMail): InboundEvent[] {
  if (!mail.from) throw new ParseError("The mail has no sender address (From).");
  const bounce = bounceStatus(mail);
  if (bounce) return [bounce];

  const fullText = mail.text ?? (mail.html ? htmlToText(mail.html) : "");
  const { body, quoted } = foldQuoted(fullText);
  const html = mail.html ? sanitizeEmailHtml(mail.html) : null;
  const messageId = mail.messageId;
  return [
    {
      type: "message",
      providerMessageId: messageId ?? mail.fallbackId,
      externalId: mail.from.address,
      handle: mail.from.address,
      profileName: mail.from.name || undefined,
      contact: { email: mail.from.address },
      kind: mail.files.length ? "media" : "text",
      body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}…` : body,
      payload: {
        subject: mail.subject,
        // Shown, not used for ordering: a sender's clock (and second-precision Date headers) could put
        // the answer before the mail it answers; the thread keeps arrival order.
        ...(mail.date ? { date: mail.date.toISOString() } : {}),
        messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        to: mail.to,
        cc: mail.cc,
        ...(quoted ? { quoted: quoted.slice(0, MAX_BODY) } : {}),
        ...(html ? { html } : {}),
        ...(mail.autoSubmitted ? { autoSubmitted: true } : {}),
        ...(mail.looksLikeBounce ? { bounce: true } : {}),
      },
      files: mail.files,
      threadRefs: [...new Set([...mail.inReplyTo, ...mail.references])],
    },
  ];
}

/** Either inbound format: Postmark's JSON starts with `{`, a MIME message with a header name. */
export async function parseInboundMail(rawBody: string, bytes: Buffer): Promise<InboundEvent[]> {
  if (!bytes.length || !rawBody.trim()) throw new ParseError("The body is empty.");
  const mail = rawBody.trimStart().startsWith("{") ? readPostmark(rawBody) : await readMime(bytes);
  return mailToEvents(mail);
}

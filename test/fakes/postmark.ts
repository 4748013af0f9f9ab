import crypto from "node:crypto";
import type Mail from "nodemailer/lib/mailer";
import MailComposer from "nodemailer/lib/mail-composer";

/**
 * Delivers inbound mail the way Postmark's inbound webhook does (channels.md 2.7 and section 4): a JSON
 * POST whose field set matches the official `postmark` package's InboundWebhook, with the credentials
 * embedded in the webhook URL sent as `Authorization: Basic …`. It also delivers raw MIME
 * (`message/rfc822`, built with nodemailer's MailComposer) for our own raw-mail contract.
 */

export type PostmarkAddress = { Email: string; Name: string; MailboxHash: string };
export type PostmarkInbound = {
  FromName: string;
  From: string;
  FromFull: PostmarkAddress;
  To: string;
  ToFull: PostmarkAddress[];
  Cc: string;
  CcFull: PostmarkAddress[];
  Bcc: string;
  BccFull: PostmarkAddress[];
  ReplyTo: string;
  OriginalRecipient: string;
  Subject: string;
  Date: string;
  MailboxHash: string;
  Tag: string;
  MessageID: string;
  MessageStream: string;
  TextBody: string;
  HtmlBody: string;
  StrippedTextReply: string;
  Headers: { Name: string; Value: string }[];
  Attachments: { Name: string; Content: string; ContentType: string; ContentLength: number; ContentID: string }[];
};

export type SimpleMail = {
  from: string;
  fromName?: string;
  to: string;
  cc?: string[];
  subject?: string;
  text?: string;
  html?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { name: string; contentType: string; content: Buffer }[];
};

const address = (email: string, name = ""): PostmarkAddress => ({ Email: email, Name: name, MailboxHash: "" });

/** A Postmark inbound payload for a simple mail, headers and all. */
export function postmarkPayload(mail: SimpleMail): PostmarkInbound {
  const headers = [
    ...(mail.messageId === null ? [] : [{ Name: "Message-ID", Value: mail.messageId ?? `<${crypto.randomUUID()}@mail.example.org>` }]),
    ...(mail.inReplyTo ? [{ Name: "In-Reply-To", Value: mail.inReplyTo }] : []),
    ...(mail.references?.length ? [{ Name: "References", Value: mail.references.join(" ") }] : []),
    ...Object.entries(mail.headers ?? {}).map(([Name, Value]) => ({ Name, Value })),
    { Name: "X-Spam-Status", Value: "No" },
  ];
  return {
    FromName: mail.fromName ?? "",
    From: mail.from,
    FromFull: address(mail.from, mail.fromName),
    To: mail.to,
    ToFull: [address(mail.to)],
    Cc: (mail.cc ?? []).join(", "),
    CcFull: (mail.cc ?? []).map((c) => address(c)),
    Bcc: "",
    BccFull: [],
    ReplyTo: "",
    OriginalRecipient: mail.to,
    Subject: mail.subject ?? "",
    Date: new Date().toUTCString(),
    MailboxHash: "",
    Tag: "",
    MessageID: crypto.randomUUID(),
    MessageStream: "inbound",
    TextBody: mail.text ?? "",
    HtmlBody: mail.html ?? "",
    StrippedTextReply: "",
    Headers: headers,
    Attachments: (mail.attachments ?? []).map((a) => ({
      Name: a.name,
      Content: a.content.toString("base64"),
      ContentType: a.contentType,
      ContentLength: a.content.length,
      ContentID: "",
    })),
  };
}

/** The same mail as raw RFC 5322 bytes, composed by nodemailer. */
export function rawMime(mail: SimpleMail): Promise<Buffer> {
  const options: Mail.Options = {
    from: mail.fromName ? { name: mail.fromName, address: mail.from } : mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId ?? undefined,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    headers: mail.headers,
    attachments: mail.attachments?.map((a) => ({ filename: a.name, contentType: a.contentType, content: a.content })),
  };
  // MailComposer always adds a Message-ID; a test of "no Message-ID" needs the header gone.
  return new MailComposer(options)
    .compile()
    .build()
    .then((raw) => (mail.messageId === null ? Buffer.from(raw.toString("utf8").replace(/^Message-ID:.*\r\n/im, "")) : raw));
}

export type Delivery = { kind: "postmark" | "raw"; status: number; body: unknown };
type App = (req: Request) => Promise<Response>;

/**
 * Turns `https://user:pass@host/path` into the request Postmark makes: the credentials move into an
 * Authorization header (a fetch Request cannot carry them in its URL).
 */
function request(webhookUrl: string, body: string | Buffer, contentType: string, authorization?: string | null): Request {
  const url = new URL(webhookUrl);
  const basic = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}` : null;
  url.username = "";
  url.password = "";
  const auth = authorization === undefined ? basic : authorization;
  return new Request(url, {
    method: "POST",
    headers: { "content-type": contentType, "user-agent": "Postmark", ...(auth ? { authorization: auth } : {}) },
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
}

export function createMailDeliverer(app: App) {
  const deliveries: Delivery[] = [];
  async function send(kind: Delivery["kind"], req: Request) {
    const response = await app(req);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    deliveries.push({ kind, status: response.status, body });
    return { status: response.status, body };
  }
  return {
    deliveries,
    /** POSTs Postmark JSON (exact bytes when a string is given). `authorization` overrides the header (null: none). */
    postmark: (webhookUrl: string, payload: PostmarkInbound | string, options: { authorization?: string | null } = {}) =>
      send("postmark", request(webhookUrl, typeof payload === "string" ? payload : JSON.stringify(payload), "application/json", options.authorization)),
    /** POSTs a raw MIME message. */
    raw: (webhookUrl: string, mime: Buffer | string, options: { authorization?: string | null } = {}) =>
      send("raw", request(webhookUrl, mime, "message/rfc822", options.authorization)),
  };
}

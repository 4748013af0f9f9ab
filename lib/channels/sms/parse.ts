import type { Attachment } from "@/db/schema/conversations";
import { ParseError, type InboundEvent, type InboundStatus } from "@/lib/channels/types";
import { twilioReason } from "@/lib/channels/sms/api";

/** Twilio posts at most 10 media per message. */
const MAX_MEDIA = 10;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "audio/mpeg": "mp3",
  "audio/ogg": "ogg",
  "audio/amr": "amr",
  "audio/mp4": "m4a",
  "application/pdf": "pdf",
  "text/vcard": "vcf",
  "text/x-vcard": "vcf",
  "text/plain": "txt",
};

/** Form fields, a repeated name as an array of its values: the shape Twilio's signature helper takes. */
export function formParams(rawBody: string): Record<string, string | string[]> {
  const params = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(rawBody)) {
    const seen = params.get(name);
    params.set(name, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]);
  }
  // fromEntries makes own properties, even for a name such as "__proto__".
  return Object.fromEntries(params);
}

function one(params: Record<string, string | string[]>, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return Array.isArray(value) ? value[0] : value;
}

/** Twilio's statuses on our project's scale; the in-between ones (queued, sending...) change nothing. */
const STATUS: Record<string, InboundStatus["status"]> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  undelivered: "failed",
  failed: "failed",
  canceled: "failed",
};

function parseStatus(params: Record<string, string | string[]>): InboundEvent[] {
  const sid = one(params, "MessageSid") ?? one(params, "SmsSid");
  const reported = one(params, "MessageStatus") ?? one(params, "SmsStatus");
  if (!sid) throw new ParseError("A status callback needs a MessageSid.");
  if (!reported) throw new ParseError("A status callback needs a MessageStatus.");
  const status = STATUS[reported];
  if (!status) {
    console.info("sms: skipped status", { sid, status: reported });
    return [];
  }
  const errorCode = one(params, "ErrorCode") || undefined;
  return [
    {
      type: "status",
      providerMessageId: sid,
      status,
      ...(status === "failed"
        ? {
            errorCode: errorCode ?? reported,
            errorText: errorCode ? twilioReason(errorCode, one(params, "ErrorMessage")) : reported === "canceled" ? "The message was canceled." : `Twilio reports the message as ${reported}.`,
          }
        : {}),
    },
  ];
}

function parseInbound(params: Record<string, string | string[]>): InboundEvent[] {
  const sid = one(params, "MessageSid") ?? one(params, "SmsMessageSid") ?? one(params, "SmsSid");
  const from = one(params, "From")?.trim();
  if (!sid) throw new ParseError("An inbound message needs a MessageSid.");
  if (!from) throw new ParseError("An inbound message needs a From number.");
  // WhatsApp via Twilio prefixes addresses with "whatsapp:"; the raw form stays the identity's key.
  const number = from.replace(/^whatsapp:/, "");
  const body = one(params, "Body") ?? "";
  const profileName = one(params, "ProfileName")?.trim() || undefined;

  const count = Math.min(Number.parseInt(one(params, "NumMedia") ?? "0", 10) || 0, MAX_MEDIA);
  const attachments: Attachment[] = [];
  for (let i = 0; i < count; i++) {
    const url = one(params, `MediaUrl${i}`);
    if (!url) continue;
    const mimeType = one(params, `MediaContentType${i}`) || "application/octet-stream";
    const ext = EXTENSIONS[mimeType.toLowerCase()];
    attachments.push({ id: "", name: `media-${i + 1}${ext ? `.${ext}` : ""}`, mimeType, size: 0, pendingRef: url });
  }

  const base = {
    type: "message" as const,
    providerMessageId: sid,
    externalId: from,
    handle: number,
    profileName,
    contact: /^\+[1-9]\d{6,14}$/.test(number) ? { phone: number } : undefined,
  };
  if (attachments.length) return [{ ...base, kind: "media", body, attachments }];
  const latitude = Number(one(params, "Latitude"));
  const longitude = Number(one(params, "Longitude"));
  if (one(params, "Latitude") && Number.isFinite(latitude) && Number.isFinite(longitude)) {
    // The thread draws the location from the payload.
    return [{ ...base, kind: "location", body, payload: { latitude, longitude, name: one(params, "Label"), address: one(params, "Address") } }];
  }
  if (!body.trim()) {
    // A carrier may drop what it cannot carry (a contact card, say) and deliver an empty message.
    return [{ ...base, kind: "text", body: "Unsupported message type: an empty message (the carrier may have dropped a contact card or another attachment)" }];
  }
  return [{ ...base, kind: "text", body }];
}

/**
 * A Twilio webhook: an inbound SMS/MMS, or a status callback. Status callbacks are told apart by the
 * `?event=status` we put on their URL (signed along with it); a callback configured without it is still
 * recognised by its MessageStatus, so it can never become a message from our own number.
 */
export function parseTwilio(rawBody: string, url?: URL): InboundEvent[] {
  const params = formParams(rawBody);
  if (!Object.keys(params).length) throw new ParseError("The body is not a Twilio form post.");
  const status = one(params, "MessageStatus");
  if (url?.searchParams.get("event") === "status" || (status && status !== "received")) return parseStatus(params);
  return parseInbound(params);
}

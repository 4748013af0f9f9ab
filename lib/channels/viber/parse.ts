import { z } from "zod";
import type { Attachment } from "@/db/schema/conversations";
import { ParseError, type InboundEvent, type InboundMessage } from "@/lib/channels/types";
import { parseJsonKeepingBigIntegers, tokenString } from "@/lib/channels/viber/json";

const media = z.string().min(1).max(4096);
const message = z.object({
  type: z.string(),
  text: z.string().optional(),
  media: media.optional(),
  file_name: z.string().optional(),
  size: z.number().nonnegative().optional(),
  sticker_id: z.union([z.number(), z.string()]).optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  contact: z.object({ name: z.string().optional(), phone_number: z.string().optional() }).optional(),
});
const messageEvent = z.object({
  timestamp: z.number().optional(),
  sender: z.object({ id: z.string().min(1), name: z.string().optional() }),
  message,
});
const statusEvent = z.object({ timestamp: z.number().optional(), user_id: z.string().optional(), desc: z.string().optional() });

const EXTENSIONS: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  txt: "text/plain",
  csv: "text/csv",
  zip: "application/zip",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
};

function mimeOf(name: string): string {
  return EXTENSIONS[name.split(".").pop()?.toLowerCase() ?? ""] ?? "application/octet-stream";
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return `${first.path.join(".") || "body"}: ${first.message}`;
}

function skip(event: string, details: Record<string, unknown>): InboundEvent[] {
  console.info(`viber: skipped ${event} event`, details);
  return [];
}

function attachment(url: string | undefined, name: string, mimeType: string, size?: number): Attachment[] {
  return url ? [{ id: "", name, mimeType, size: size ?? 0, pendingRef: url }] : [];
}

function inbound(token: string, raw: Record<string, unknown>): InboundEvent[] {
  const parsed = messageEvent.safeParse(raw);
  if (!parsed.success) throw new ParseError(`Malformed message event: ${issue(parsed.error)}`);
  const { sender, message: m, timestamp } = parsed.data;
  const base: Omit<InboundMessage, "kind" | "body"> = {
    type: "message",
    providerMessageId: token,
    externalId: sender.id,
    // Viber ids are opaque: an agent sees the name, or this short label when the profile hides it.
    handle: `Viber user ${sender.id.slice(0, 6)}`,
    profileName: sender.name?.trim() || undefined,
    timestamp: timestamp ? new Date(timestamp) : undefined,
  };
  const text = m.text ?? "";
  switch (m.type) {
    case "text":
      return [{ ...base, kind: "text", body: text }];
    case "url":
      return [{ ...base, kind: "text", body: m.media ?? text }];
    case "picture":
      return [{ ...base, kind: "media", body: text, attachments: attachment(m.media, m.file_name ?? "picture.jpg", mimeOf(m.file_name ?? "picture.jpg"), m.size) }];
    case "video":
      return [{ ...base, kind: "media", body: text, attachments: attachment(m.media, "video.mp4", "video/mp4", m.size) }];
    case "file":
      return [{ ...base, kind: "media", body: text, attachments: attachment(m.media, m.file_name ?? "file", mimeOf(m.file_name ?? ""), m.size) }];
    case "sticker": {
      const payload = { sticker: String(m.sticker_id ?? "") };
      if (!m.media) return [{ ...base, kind: "text", body: "Sticker", payload }];
      return [{ ...base, kind: "media", body: "", attachments: attachment(m.media, "sticker.png", "image/png"), payload }];
    }
    // The thread draws locations and contact cards from the payload; the body stays for words.
    case "location":
      if (!m.location) throw new ParseError("A location message needs a location.");
      return [{ ...base, kind: "location", body: "", payload: { latitude: m.location.lat, longitude: m.location.lon } }];
    case "contact": {
      const name = m.contact?.name?.trim() || m.contact?.phone_number || "Contact";
      const phone = m.contact?.phone_number;
      return [{ ...base, kind: "contact", body: "", payload: { contacts: [{ name, phones: phone ? [phone] : [] }] } }];
    }
    default:
      // rich_media and whatever Viber adds later: kept visible, never dropped.
      return [{ ...base, kind: "text", body: `Unsupported message type: ${m.type}` }];
  }
}

const STATUSES = { delivered: "delivered", seen: "read", failed: "failed" } as const;

/**
 * A Viber callback → events. `message_token` is read as its exact digits (a 64-bit integer). The
 * `webhook` check that set_webhook triggers, and subscription events, store nothing (200).
 */
export function parseViber(rawBody: string): InboundEvent[] {
  let json: unknown;
  try {
    json = parseJsonKeepingBigIntegers(rawBody);
  } catch {
    throw new ParseError("The body is not JSON.");
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new ParseError("A callback must be a JSON object.");
  const raw = json as Record<string, unknown>;
  const event = raw.event;
  if (typeof event !== "string") throw new ParseError("A callback needs an event.");
  const token = raw.message_token === undefined ? null : tokenString(raw.message_token);
  if (raw.message_token !== undefined && !token) throw new ParseError("message_token must be an integer.");

  if (event === "webhook") return [];
  if (event === "message") {
    if (!token) throw new ParseError("A message needs a message_token.");
    return inbound(token, raw);
  }
  if (event === "delivered" || event === "seen" || event === "failed") {
    if (!token) throw new ParseError(`A ${event} callback needs a message_token.`);
    const parsed = statusEvent.safeParse(raw);
    if (!parsed.success) throw new ParseError(`Malformed ${event} callback: ${issue(parsed.error)}`);
    const status = STATUSES[event];
    return [
      {
        type: "status",
        providerMessageId: token,
        status,
        timestamp: parsed.data.timestamp ? new Date(parsed.data.timestamp) : undefined,
        ...(status === "failed" ? { errorCode: "failed", errorText: `Viber could not deliver the message: ${parsed.data.desc || "no reason given"}.` } : {}),
      },
    ];
  }
  // The customer unsubscribing loses nothing we store; later sends fail with status 6, said in words.
  if (event === "unsubscribed") return skip(event, { userId: raw.user_id });
  // Opening the chat or subscribing is not a message; the customer's first message will follow.
  if (event === "subscribed" || event === "conversation_started") {
    return skip(event, { userId: (raw.user as { id?: unknown } | undefined)?.id });
  }
  return skip(event, {});
}

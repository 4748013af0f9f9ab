import { z } from "zod";
import type { Attachment } from "@/db/schema/conversations";
import type { InboundEvent, InboundMessage } from "@/lib/channels/types";
import { fileNameFor, nameFromUrl, parseEnvelope, skip } from "@/lib/channels/meta/payload";

/**
 * Messenger and Instagram share the Messenger Platform's webhook shape (channels.md 2.2, 2.3): `entry[]`
 * per Page / Instagram account, each with `messaging[]` items of sender, recipient, timestamp (ms) and
 * one of message / delivery / read / postback / reaction… Instagram's dashboard test events come as
 * `changes[{field:"messages", value:<item>}]` instead; both are read.
 */
export type Flavour = "messenger" | "instagram";

const objectOf: Record<Flavour, string> = { messenger: "page", instagram: "instagram" };
const label: Record<Flavour, string> = { messenger: "Messenger", instagram: "Instagram" };

// Ids are strings in Meta's JSON; a number would have lost digits already, so it is refused.
const id = z.string().min(1).max(256);

const attachmentSchema = z.looseObject({
  type: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  payload: z
    .looseObject({
      url: z.string().optional(),
      title: z.string().optional(),
      sticker_id: z.union([z.number(), z.string()]).optional(),
      coordinates: z.looseObject({ lat: z.number(), long: z.number() }).optional(),
    })
    .nullish(),
});

const itemSchema = z.looseObject({
  sender: z.looseObject({ id }).optional(),
  recipient: z.looseObject({ id }).optional(),
  timestamp: z.number().optional(),
  message: z
    .looseObject({
      mid: id,
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      is_unsupported: z.boolean().optional(),
      attachments: z.array(attachmentSchema).optional(),
      reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
    })
    .optional(),
  delivery: z.looseObject({ mids: z.array(id).optional(), watermark: z.number().optional() }).optional(),
  read: z.looseObject({ watermark: z.number().optional(), mid: id.optional() }).optional(),
  postback: z.looseObject({ mid: id.optional(), title: z.string().optional(), payload: z.string().optional() }).optional(),
});

type Item = z.infer<typeof itemSchema>;

const guessedTypes: Record<string, string> = { image: "image/jpeg", video: "video/mp4", audio: "audio/mpeg", file: "application/octet-stream" };

/** Media at Meta's CDN becomes a pending attachment (fetched right after the 200); everything else is described in words. */
function readAttachments(list: z.infer<typeof attachmentSchema>[]) {
  const attachments: Attachment[] = [];
  const lines: string[] = [];
  let location: Record<string, unknown> | undefined;
  for (const a of list) {
    const url = a.payload?.url;
    if (guessedTypes[a.type] && url) {
      const mimeType = guessedTypes[a.type];
      const kind = a.type === "image" && a.payload?.sticker_id !== undefined ? "sticker" : a.type;
      attachments.push({ id: "", name: nameFromUrl(url) ?? fileNameFor(kind, mimeType), mimeType, size: 0, pendingRef: url });
    } else if (a.type === "location" && a.payload?.coordinates) {
      const { lat, long } = a.payload.coordinates;
      location = { latitude: lat, longitude: long, name: a.title };
      lines.push(a.title ? `${a.title} (${lat}, ${long})` : `Location ${lat}, ${long}`);
    } else if (["fallback", "share", "ig_reel", "ig_post", "reel", "story_mention"].includes(a.type)) {
      const link = url ?? a.url;
      const what = a.type === "story_mention" ? "Mentioned you in their story" : "Shared a link";
      lines.push([`${what}${a.title ?? a.payload?.title ? `: ${a.title ?? a.payload?.title}` : ""}`, link].filter(Boolean).join(" "));
    } else {
      lines.push(`Unsupported message type: ${a.type}`);
    }
  }
  return { attachments, lines, location };
}

function messageEvent(item: Item, accountId: string | undefined, sender: string): InboundMessage | null {
  const message = item.message;
  if (!message) return null;
  const timestamp = item.timestamp ? new Date(item.timestamp) : undefined;
  const base = { type: "message" as const, providerMessageId: message.mid, externalId: sender, timestamp, accountId };
  if (message.is_unsupported) return { ...base, kind: "text", body: "Unsupported message type: unsupported" };
  const { attachments, lines, location } = readAttachments(message.attachments ?? []);
  const body = [message.text, ...lines].filter((part) => part && part.trim()).join("\n");
  if (location && !attachments.length && !message.text) return { ...base, kind: "location", body, payload: location };
  if (!body && !attachments.length) return { ...base, kind: "text", body: "Unsupported message type: empty message" };
  return { ...base, kind: attachments.length ? "media" : "text", body, attachments: attachments.length ? attachments : undefined };
}

function itemEvents(flavour: Flavour, raw: unknown, accountId: string | undefined): InboundEvent[] {
  const name = label[flavour];
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    skip(name, "a malformed messaging item", parsed.error.issues[0]?.message);
    return [];
  }
  const item = parsed.data;
  const account = accountId ?? item.recipient?.id;
  const sender = item.sender?.id;
  const at = item.timestamp ? new Date(item.timestamp) : undefined;

  if (item.message) {
    // What the page sends comes back as an echo (gotcha 7): never the inbound path, or auto-replies answer
    // themselves. Ingest drops the echoes of our own sends and records the rest as sent from outside.
    if (item.message.is_echo || (sender && sender === account)) {
      const customer = item.recipient?.id;
      const echo = customer && !item.message.is_deleted ? messageEvent(item, account, customer) : null;
      if (!echo) skip(name, "an echo without a customer", item.message.mid);
      return echo ? [{ ...echo, type: "echo" }] : [];
    }
    if (!sender) {
      skip(name, "a message without a sender", item.message.mid);
      return [];
    }
    if (item.message.is_deleted) return [{ type: "unsent", providerMessageId: item.message.mid, accountId: account }];
    const event = messageEvent(item, account, sender);
    return event ? [event] : [];
  }

  if (item.postback && sender) {
    const body = item.postback.title || item.postback.payload || "";
    if (!body) return [];
    const mid = item.postback.mid ?? `postback:${sender}:${item.timestamp ?? ""}`;
    return [{ type: "message", providerMessageId: mid, externalId: sender, timestamp: at, accountId: account, kind: "text", body }];
  }

  if (item.delivery && sender) {
    // Receipts name the customer as sender; `mids` is optional, the watermark covers everything sent before it.
    const events: InboundEvent[] = (item.delivery.mids ?? []).map((mid) => ({
      type: "status" as const,
      providerMessageId: mid,
      status: "delivered" as const,
      timestamp: at,
      accountId: account,
    }));
    if (item.delivery.watermark) {
      events.push({
        type: "status",
        providerMessageId: "",
        status: "delivered",
        timestamp: at,
        accountId: account,
        watermark: { recipient: sender, upTo: new Date(item.delivery.watermark) },
      });
    }
    return events;
  }

  if (item.read && sender) {
    if (item.read.mid) return [{ type: "status", providerMessageId: item.read.mid, status: "read", timestamp: at, accountId: account }];
    if (item.read.watermark) {
      return [
        {
          type: "status",
          providerMessageId: "",
          status: "read",
          timestamp: at,
          accountId: account,
          watermark: { recipient: sender, upTo: new Date(item.read.watermark) },
        },
      ];
    }
  }

  const kind = Object.keys(item).find((k) => !["sender", "recipient", "timestamp"].includes(k)) ?? "nothing";
  skip(name, `a "${kind}" event`);
  return [];
}

/** The whole webhook body → events, in order; unknown kinds and malformed items are skipped with a log line. */
export function parseMessaging(flavour: Flavour, rawBody: string): InboundEvent[] {
  const { object, entries } = parseEnvelope(rawBody);
  if (object !== objectOf[flavour]) {
    skip(label[flavour], `an "${object}" payload`);
    return [];
  }
  const events: InboundEvent[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== "object") {
      skip(label[flavour], "an entry that is not an object");
      continue;
    }
    const { id: entryId, messaging, changes, standby } = entry as Record<string, unknown>;
    const accountId = typeof entryId === "string" && entryId ? entryId : undefined;
    if (Array.isArray(messaging)) for (const item of messaging) events.push(...itemEvents(flavour, item, accountId));
    if (Array.isArray(changes)) {
      for (const change of changes) {
        const { field, value } = (change ?? {}) as Record<string, unknown>;
        if (field === "messages") events.push(...itemEvents(flavour, value, accountId));
        else skip(label[flavour], `a "${String(field)}" change`);
      }
    }
    // Handover protocol: another app owns the thread; its events are not ours to store.
    if (Array.isArray(standby)) skip(label[flavour], "standby events");
  }
  return events;
}

import { z } from "zod";
import type { InboundEvent, InboundMessage, InboundStatus } from "@/lib/channels/types";
import { statusErrorText } from "@/lib/channels/meta/graph";
import { fileNameFor, parseEnvelope, skip } from "@/lib/channels/meta/payload";

const id = z.string().min(1).max(512);
// Unix seconds as a string (channels.md gotcha 14); tolerate a number.
const seconds = z.union([z.string(), z.number()]).optional();

const contactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});

const mediaSchema = z.looseObject({
  id,
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const cardSchema = z.looseObject({
  name: z.looseObject({ formatted_name: z.string().optional(), first_name: z.string().optional() }).optional(),
  phones: z.array(z.looseObject({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
  emails: z.array(z.looseObject({ email: z.string().optional() })).optional(),
});

const messageSchema = z.looseObject({
  id,
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  timestamp: seconds,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  document: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
  location: z
    .looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional(), url: z.string().optional() })
    .optional(),
  contacts: z.array(cardSchema).optional(),
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  interactive: z
    .looseObject({
      button_reply: z.looseObject({ title: z.string() }).optional(),
      list_reply: z.looseObject({ title: z.string(), description: z.string().optional() }).optional(),
      nfm_reply: z.looseObject({ body: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  errors: z.array(z.looseObject({ title: z.string().optional(), message: z.string().optional() })).optional(),
});

const statusSchema = z.looseObject({
  id,
  status: z.string(),
  timestamp: seconds,
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const valueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

type Message = z.infer<typeof messageSchema>;
type Contact = z.infer<typeof contactSchema>;

const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;

function toDate(value: string | number | undefined): Date | undefined {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? new Date(n * 1000) : undefined;
}

/** A phone-number sender has a wa_id of digits; a username user may only have a BSUID (gotcha 5). */
const isWaId = (value: string | undefined): value is string => Boolean(value && /^\d{5,20}$/.test(value));

function describeCards(cards: z.infer<typeof cardSchema>[]): string {
  return cards
    .map((card) => {
      const name = card.name?.formatted_name || card.name?.first_name || "Contact";
      const reach = [...(card.phones ?? []).map((p) => p.phone || (p.wa_id ? `+${p.wa_id}` : "")), ...(card.emails ?? []).map((e) => e.email ?? "")].filter(Boolean);
      return reach.length ? `${name}: ${reach.join(", ")}` : name;
    })
    .join("\n");
}

/** Type-specific content: what the message says, and the kind it is stored as. Null for things that are not messages. */
function content(m: Message): Pick<InboundMessage, "kind" | "body" | "payload" | "attachments"> | null {
  switch (m.type) {
    case "text":
      return m.text ? { kind: "text", body: m.text.body } : null;
    case "location": {
      if (!m.location) return null;
      const { latitude, longitude, name, address, url } = m.location;
      const body = [name, address].filter(Boolean).join(", ") || `Location ${latitude}, ${longitude}`;
      return { kind: "location", body, payload: { latitude, longitude, name, address, url } };
    }
    case "contacts":
      return m.contacts?.length ? { kind: "contact", body: describeCards(m.contacts), payload: { contacts: m.contacts } } : null;
    case "button":
      return m.button ? { kind: "text", body: m.button.text || m.button.payload || "" } : null;
    case "interactive": {
      const i = m.interactive;
      if (i?.button_reply) return { kind: "text", body: i.button_reply.title };
      if (i?.list_reply) return { kind: "text", body: [i.list_reply.title, i.list_reply.description].filter(Boolean).join(" — ") };
      if (i?.nfm_reply) return { kind: "text", body: i.nfm_reply.body || `Form reply${i.nfm_reply.name ? `: ${i.nfm_reply.name}` : ""}` };
      return { kind: "text", body: "Unsupported message type: interactive" };
    }
    case "unsupported":
      return { kind: "text", body: `Unsupported message type: ${m.errors?.[0]?.title || m.errors?.[0]?.message || "unknown"}` };
  }
  const mediaType = MEDIA_TYPES.find((t) => t === m.type);
  const media = mediaType ? m[mediaType] : undefined;
  if (mediaType && media) {
    const mimeType = (media.mime_type ?? "application/octet-stream").split(";")[0].trim();
    const base = mediaType === "audio" && media.voice ? "voice-message" : mediaType;
    return {
      kind: "media",
      body: media.caption ?? "",
      attachments: [{ id: "", name: media.filename || fileNameFor(base, mimeType), mimeType, size: 0, pendingRef: media.id }],
    };
  }
  return { kind: "text", body: `Unsupported message type: ${m.type}` };
}

function messageEvent(raw: unknown, contacts: Contact[], accountId: string | undefined): InboundMessage | null {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) {
    skip("WhatsApp", "a malformed message", parsed.error.issues[0]?.message);
    return null;
  }
  const m = parsed.data;
  if (m.type === "reaction" || m.type === "system" || m.type === "request_welcome" || m.type === "ephemeral") {
    skip("WhatsApp", `a "${m.type}" message`, m.id);
    return null;
  }
  // Identity = wa_id when there is one, else the business-scoped user id; never assume a phone number.
  const waId = isWaId(m.from) ? m.from : undefined;
  const bsuid = m.from_user_id || (!waId && m.from ? m.from : undefined);
  const externalId = waId ?? bsuid;
  if (!externalId) {
    skip("WhatsApp", "a message without a sender", m.id);
    return null;
  }
  const contact =
    contacts.find((c) => (waId && c.wa_id === waId) || (bsuid && c.user_id === bsuid)) ?? (contacts.length === 1 ? contacts[0] : undefined);
  const body = content(m);
  if (!body) {
    skip("WhatsApp", `a "${m.type}" message without its content`, m.id);
    return null;
  }
  const username = contact?.profile?.username;
  return {
    type: "message",
    providerMessageId: m.id,
    externalId,
    handle: waId ? `+${waId}` : username ? `@${username}` : externalId,
    profileName: contact?.profile?.name || undefined,
    contact: waId ? { phone: `+${waId}` } : undefined,
    timestamp: toDate(m.timestamp),
    accountId,
    ...body,
  };
}

const statusNames: Record<string, InboundStatus["status"]> = { sent: "sent", delivered: "delivered", read: "read", played: "read", failed: "failed" };

function statusEvent(raw: unknown, accountId: string | undefined): InboundStatus | null {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) {
    skip("WhatsApp", "a malformed status", parsed.error.issues[0]?.message);
    return null;
  }
  const s = parsed.data;
  const status = statusNames[s.status];
  if (!status) {
    skip("WhatsApp", `a "${s.status}" status`, s.id);
    return null;
  }
  return {
    type: "status",
    providerMessageId: s.id,
    status,
    timestamp: toDate(s.timestamp),
    accountId,
    ...(status === "failed" ? statusErrorText(s.errors?.[0]) : {}),
  };
}

/**
 * A WhatsApp Cloud API webhook → messages and statuses, in order, across every entry and change
 * (channels.md 2.1: not just index 0). Other fields (template updates, account alerts) and malformed
 * items are skipped with a log line; only a body that is not the envelope at all is a 400.
 */
export function parseWhatsApp(rawBody: string): InboundEvent[] {
  const { object, entries } = parseEnvelope(rawBody);
  if (object !== "whatsapp_business_account") {
    skip("WhatsApp", `an "${object}" payload`);
    return [];
  }
  const events: InboundEvent[] = [];
  for (const entry of entries) {
    const changes = entry && typeof entry === "object" ? (entry as { changes?: unknown }).changes : undefined;
    if (!Array.isArray(changes)) {
      skip("WhatsApp", "an entry without changes");
      continue;
    }
    for (const change of changes) {
      const { field, value } = (change && typeof change === "object" ? change : {}) as { field?: unknown; value?: unknown };
      if (field !== "messages") {
        skip("WhatsApp", `a "${String(field)}" change`);
        continue;
      }
      const parsed = valueSchema.safeParse(value);
      if (!parsed.success) {
        skip("WhatsApp", "a malformed change", parsed.error.issues[0]?.message);
        continue;
      }
      const v = parsed.data;
      const accountId = v.metadata?.phone_number_id;
      const contacts = (v.contacts ?? []).flatMap((c) => {
        const one = contactSchema.safeParse(c);
        return one.success ? [one.data] : [];
      });
      for (const m of v.messages ?? []) {
        const event = messageEvent(m, contacts, accountId);
        if (event) events.push(event);
      }
      for (const s of v.statuses ?? []) {
        const event = statusEvent(s, accountId);
        if (event) events.push(event);
      }
      if (v.errors?.length) skip("WhatsApp", "system errors", v.errors);
    }
  }
  return events;
}

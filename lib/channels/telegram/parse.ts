import { z } from "zod";
import type { Attachment } from "@/db/schema/conversations";
import { ParseError, type InboundEvent, type InboundMessage } from "@/lib/channels/types";
import { formatBytes } from "@/lib/format";
import { TELEGRAM_DOWNLOAD_LIMIT } from "@/lib/channels/telegram/api";

const int = z.number().int();
const user = z.object({
  id: int,
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});
const chat = z.object({ id: int, type: z.string(), first_name: z.string().optional(), last_name: z.string().optional(), username: z.string().optional() });
const file = z.object({
  file_id: z.string().min(1),
  file_size: z.number().nonnegative().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});
const location = z.object({ latitude: z.number(), longitude: z.number() });
const message = z.object({
  message_id: int,
  from: user.optional(),
  chat,
  date: int,
  edit_date: int.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(file).optional(),
  document: file.optional(),
  audio: file.extend({ title: z.string().optional(), performer: z.string().optional() }).optional(),
  voice: file.optional(),
  video: file.optional(),
  video_note: file.optional(),
  animation: file.optional(),
  sticker: file.extend({ is_animated: z.boolean().optional(), is_video: z.boolean().optional(), emoji: z.string().optional() }).optional(),
  location: location.optional(),
  venue: z.object({ location, title: z.string().optional(), address: z.string().optional() }).optional(),
  contact: z
    .object({ phone_number: z.string(), first_name: z.string(), last_name: z.string().optional(), user_id: int.optional(), vcard: z.string().optional() })
    .optional(),
  reply_to_message: z.object({ message_id: int }).optional(),
});
const update = z.object({
  update_id: int.nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
});

type TelegramMessage = z.infer<typeof message>;

/** Content a customer can send that we do not show: stored as a placeholder, never dropped silently. */
const UNSUPPORTED_CONTENT = ["poll", "dice", "game", "invoice", "story", "giveaway", "giveaway_winners", "paid_media", "checklist"];

/** Telegram's own service notices (pins, shared chats, payments...): nothing a customer wrote. */
const SERVICE_KEYS = [
  "pinned_message",
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "group_chat_created",
  "supergroup_chat_created",
  "channel_chat_created",
  "message_auto_delete_timer_changed",
  "migrate_to_chat_id",
  "migrate_from_chat_id",
  "write_access_allowed",
  "users_shared",
  "chat_shared",
  "connected_website",
  "successful_payment",
  "refunded_payment",
  "proximity_alert_triggered",
  "boost_added",
  "chat_background_set",
  "web_app_data",
  "passport_data",
  "gift",
  "unique_gift",
];

function skip(reason: string, details: Record<string, unknown>): InboundEvent[] {
  console.info(`telegram: skipped update (${reason})`, details);
  return [];
}

function attachment(f: z.infer<typeof file>, name: string, mimeType: string): Attachment {
  const size = f.file_size ?? 0;
  if (size > TELEGRAM_DOWNLOAD_LIMIT) {
    // Telegram refuses bots such files; say so instead of failing the download later.
    return { id: "", name, mimeType, size, error: `Telegram lets bots download files up to 20 MB; this one is ${formatBytes(size)}.` };
  }
  return { id: "", name, mimeType, size, pendingRef: f.file_id };
}

function attachmentsOf(m: TelegramMessage): Attachment[] {
  const out: Attachment[] = [];
  // Telegram lists every size of a photo, smallest first: the last one is the original.
  const photo = m.photo?.at(-1);
  if (photo) out.push(attachment(photo, "photo.jpg", "image/jpeg"));
  if (m.animation) out.push(attachment(m.animation, m.animation.file_name ?? "animation.mp4", m.animation.mime_type ?? "video/mp4"));
  // An animation also arrives as `document` (for old clients); take it once.
  else if (m.document) out.push(attachment(m.document, m.document.file_name ?? "document", m.document.mime_type ?? "application/octet-stream"));
  if (m.audio) out.push(attachment(m.audio, m.audio.file_name ?? "audio.mp3", m.audio.mime_type ?? "audio/mpeg"));
  if (m.voice) out.push(attachment(m.voice, "voice-message.ogg", m.voice.mime_type ?? "audio/ogg"));
  if (m.video) out.push(attachment(m.video, m.video.file_name ?? "video.mp4", m.video.mime_type ?? "video/mp4"));
  if (m.video_note) out.push(attachment(m.video_note, "video-message.mp4", "video/mp4"));
  if (m.sticker) {
    const [name, mimeType] = m.sticker.is_video
      ? ["sticker.webm", "video/webm"]
      : m.sticker.is_animated
        ? ["sticker.tgs", "application/x-tgsticker"]
        : ["sticker.webp", "image/webp"];
    out.push(attachment(m.sticker, name, mimeType));
  }
  return out;
}

function fullName(first?: string, last?: string): string | undefined {
  return [first, last].filter(Boolean).join(" ").trim() || undefined;
}

type Sender = Omit<InboundMessage, "kind" | "body" | "providerMessageId">;

function senderOf(m: TelegramMessage): Sender {
  const username = m.from?.username || m.chat.username;
  return {
    type: "message",
    // In a private chat the chat id is the user's id: the stable key for the customer.
    externalId: String(m.chat.id),
    handle: username ? `@${username}` : undefined,
    profileName: fullName(m.from?.first_name ?? m.chat.first_name, m.from?.last_name ?? m.chat.last_name),
    // `date` has whole seconds; an album's messages share one. Their message_id (rising per chat) orders
    // them within that second, as channels.md gotcha 12 asks.
    timestamp: new Date(m.date * 1000 + (m.message_id % 1000)),
  };
}

function messageEvent(m: TelegramMessage, rawKeys: string[], updateId: number): InboundEvent[] {
  // Message ids are unique only within a chat.
  const base = { ...senderOf(m), providerMessageId: `${m.chat.id}:${m.message_id}` };
  const replyTo = m.reply_to_message ? { replyTo: `${m.chat.id}:${m.reply_to_message.message_id}` } : undefined;

  const files = attachmentsOf(m);
  if (files.length) {
    const sticker = m.sticker?.emoji ? { sticker: m.sticker.emoji } : undefined;
    return [{ ...base, kind: "media", body: m.caption ?? m.text ?? "", attachments: files, payload: replyTo || sticker ? { ...replyTo, ...sticker } : undefined }];
  }
  // The thread draws locations and contact cards from the payload; the body stays for words.
  const place = m.venue?.location ?? m.location;
  if (place) {
    return [
      {
        ...base,
        kind: "location",
        body: "",
        payload: { latitude: place.latitude, longitude: place.longitude, name: m.venue?.title, address: m.venue?.address },
      },
    ];
  }
  if (m.contact) {
    const name = fullName(m.contact.first_name, m.contact.last_name) ?? m.contact.phone_number;
    return [{ ...base, kind: "contact", body: "", payload: { contacts: [{ name, phones: [m.contact.phone_number] }] } }];
  }
  if (m.text !== undefined) return [{ ...base, kind: "text", body: m.text, payload: replyTo }];

  const service = SERVICE_KEYS.find((key) => rawKeys.includes(key));
  if (service) return skip("service message", { updateId, service });
  const type = UNSUPPORTED_CONTENT.find((key) => rawKeys.includes(key)) ?? "unknown";
  return [{ ...base, kind: "text", body: `Unsupported message type: ${type}` }];
}

/**
 * One Telegram Update → events. Private chats only (a bot added to a group is not a customer). Messages
 * are keyed `chat.id:message_id`. An edit is stored as a new message keyed by its update (`u:<update_id>`):
 * the agent sees the correction in order, and a repeated delivery of that update is recognised. Other
 * update kinds store nothing, so a repeat of them is harmless.
 */
export function parseTelegramUpdate(rawBody: string): InboundEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ParseError("The body is not JSON.");
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) throw new ParseError("An update must be a JSON object.");
  const raw = json as Record<string, unknown>;
  const kind = "message" in raw ? "message" : "edited_message" in raw ? "edited_message" : null;
  // Validate only what we use: an update kind we ignore must not turn a 200 into a 400.
  const parsed = update.safeParse(kind ? { update_id: raw.update_id, [kind]: raw[kind] } : { update_id: raw.update_id });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError(`Malformed update: ${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const { update_id: updateId } = parsed.data;
  const m = parsed.data.message ?? parsed.data.edited_message;
  if (!kind || !m) {
    // my_chat_member with status "kicked" means the customer blocked the bot: worth a line in the log.
    const member = raw.my_chat_member as { new_chat_member?: { status?: unknown }; chat?: { id?: unknown } } | undefined;
    if (member) return skip("bot membership changed", { updateId, chatId: member.chat?.id, status: member.new_chat_member?.status });
    return skip("not a message", { updateId, kind: Object.keys(raw).find((k) => k !== "update_id") ?? "none" });
  }
  if (m.chat.type !== "private") return skip("not a private chat", { updateId, chatType: m.chat.type });
  if (m.from?.is_bot) return skip("sent by a bot", { updateId });
  if (kind === "message") return messageEvent(m, Object.keys(raw.message as object), updateId);

  // Live locations move through edits every few seconds: only changed text is news for the agent.
  const text = m.text ?? m.caption;
  if (text === undefined) return skip("edit without text", { updateId });
  return [
    {
      ...senderOf(m),
      timestamp: new Date((m.edit_date ?? m.date) * 1000),
      providerMessageId: `u:${updateId}`,
      kind: "text",
      body: `✏️ Edited: ${text}`,
      payload: { editOf: `${m.chat.id}:${m.message_id}` },
    },
  ];
}

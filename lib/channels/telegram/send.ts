import { SendError, type Outbound, type OutboundFile } from "@/lib/channels/types";
import { callTelegram } from "@/lib/channels/telegram/api";

/** Telegram's caption limit; a longer text goes out as its own message before the files. */
const CAPTION_LIMIT = 1024;

type SentMessage = { message_id: number; chat: { id: number } };
type MediaType = "photo" | "video" | "audio" | "voice" | "document";

const METHOD: Record<MediaType, string> = {
  photo: "sendPhoto",
  video: "sendVideo",
  audio: "sendAudio",
  voice: "sendVoice",
  document: "sendDocument",
};

/** How Telegram should show a file. Anything it would not play or preview goes as a document. */
function mediaTypeOf(mimeType: string): MediaType {
  const type = mimeType.split(";")[0].trim().toLowerCase();
  if (type === "image/jpeg" || type === "image/png") return "photo";
  if (type === "video/mp4") return "video";
  if (type === "audio/ogg") return "voice";
  if (type === "audio/mpeg" || type === "audio/mp4" || type === "audio/x-m4a") return "audio";
  return "document";
}

/**
 * sendMediaGroup mixes photos with videos, and otherwise takes only audio with audio and documents with
 * documents; voice notes cannot be grouped at all.
 */
function groupKey(type: MediaType): string | null {
  if (type === "photo" || type === "video") return "visual";
  return type === "voice" ? null : type;
}

function groups(files: OutboundFile[]): { type: MediaType; file: OutboundFile }[][] {
  const out: { type: MediaType; file: OutboundFile }[][] = [];
  const open = new Map<string, { type: MediaType; file: OutboundFile }[]>();
  for (const file of files) {
    const type = mediaTypeOf(file.mimeType);
    const key = groupKey(type);
    const current = key ? open.get(key) : undefined;
    // A group carries 2–10 items.
    if (current && current.length < 10) {
      current.push({ type, file });
      continue;
    }
    const group = [{ type, file }];
    out.push(group);
    if (key) open.set(key, group);
  }
  return out;
}

/** Telegram chat ids fit in 52 bits; the API takes them as numbers. */
function chatId(externalId: string): number {
  if (!/^-?\d{1,16}$/.test(externalId)) throw new SendError("This customer's Telegram chat id is not valid.", "no_recipient");
  return Number(externalId);
}

async function blobOf(file: OutboundFile): Promise<Blob> {
  return new Blob([new Uint8Array(await file.read())], { type: file.mimeType || "application/octet-stream" });
}

/**
 * Text with sendMessage; files uploaded as multipart bytes (a document sent by URL works only for GIF, PDF
 * and ZIP), several at once with sendMediaGroup. The caption rides on the first file when it fits.
 * Telegram has no delivery receipts: the first message's `chat:message_id` is the id we keep.
 */
export async function sendTelegram(token: string, externalId: string, message: Outbound): Promise<{ providerMessageId: string }> {
  const chat = chatId(externalId);
  const body = message.body.trim();
  const sent: SentMessage[] = [];
  let caption = body.length <= CAPTION_LIMIT ? body : "";
  if (body && (!message.attachments.length || !caption)) {
    sent.push(await callTelegram<SentMessage>(token, "sendMessage", { chat_id: chat, text: body }));
    caption = "";
  }

  for (const group of groups(message.attachments)) {
    const form = new FormData();
    form.append("chat_id", String(chat));
    if (group.length === 1) {
      const [{ type, file }] = group;
      form.append(type, await blobOf(file), file.name);
      if (caption) form.append("caption", caption);
      sent.push(await callTelegram<SentMessage>(token, METHOD[type], form));
    } else {
      const media = [];
      for (const [index, { type, file }] of group.entries()) {
        form.append(`file${index}`, await blobOf(file), file.name);
        media.push({ type, media: `attach://file${index}`, ...(index === 0 && caption ? { caption } : {}) });
      }
      form.append("media", JSON.stringify(media));
      sent.push(...(await callTelegram<SentMessage[]>(token, "sendMediaGroup", form)));
    }
    caption = "";
  }

  const first = sent[0];
  if (!first) throw new SendError("There was nothing to send.", "empty");
  return { providerMessageId: `${first.chat.id}:${first.message_id}` };
}

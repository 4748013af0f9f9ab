import { z } from "zod";
import { digitsId, metaAppConfig, metaAppFields, metaWebhookDetails } from "@/lib/channels/meta/fields";
import { downloadMedia, graphRequest, metaGraphUrl } from "@/lib/channels/meta/graph";
import { filePart, readConfig, requireConfig } from "@/lib/channels/meta/account";
import { metaHandshake } from "@/lib/channels/meta/handshake";
import { verifyMetaSignature } from "@/lib/channels/meta/signature";
import { SendError, type Channel, type ChannelAdapter, type Identity, type Outbound, type OutboundFile } from "@/lib/channels/types";
import { WHATSAPP_MAX_CAPTION, whatsappCapabilities } from "@/lib/channels/whatsapp/capabilities";
import { parseWhatsApp } from "@/lib/channels/whatsapp/parse";

export const whatsappConfig = z.object({
  phoneNumberId: digitsId("phone number ID"),
  wabaId: digitsId("WhatsApp Business Account ID"),
  accessToken: z.string().trim().min(20, "Paste the whole access token."),
  ...metaAppConfig,
});

const needed = { phoneNumberId: "phone number ID", accessToken: "access token" } as const;

/** Where a message goes: `to` for a wa_id, `recipient` for a business-scoped user id (channels.md 2.1, BSUIDs). */
function address(to: Identity) {
  return /^\d{5,20}$/.test(to.externalId) ? { to: to.externalId } : { recipient: to.externalId };
}

type MediaType = "image" | "sticker" | "video" | "audio" | "document";

function mediaType(mimeType: string): MediaType {
  const type = mimeType.split(";")[0].trim().toLowerCase();
  if (type === "image/webp") return "sticker";
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "document";
}

type SendResponse = { messages?: { id?: string }[] };

async function post(phoneNumberId: string, token: string, body: Record<string, unknown>): Promise<string> {
  const response = await graphRequest<SendResponse>(`${metaGraphUrl()}/${phoneNumberId}/messages`, { token, json: body });
  const id = response.messages?.[0]?.id;
  if (!id) throw new SendError("Meta accepted the message but returned no message id.", "bad_response");
  return id;
}

/** Uploads a stored file to WhatsApp (`POST /{phone}/media`, multipart) and returns its media id. */
async function upload(phoneNumberId: string, token: string, file: OutboundFile): Promise<string> {
  const form = new FormData();
  form.append("messaging_product", "whatsapp");
  form.append("type", file.mimeType);
  form.append("file", await filePart(file), file.name);
  const response = await graphRequest<{ id?: string }>(`${metaGraphUrl()}/${phoneNumberId}/media`, { token, form });
  if (!response.id) throw new SendError(`Meta did not return a media id for “${file.name}”.`, "bad_response");
  return response.id;
}

const templatePayload = z.object({
  name: z.string().min(1),
  language: z.string().min(1),
  parameters: z.array(z.object({ name: z.string(), text: z.string() })).default([]),
});

/** A template message: positional `{{1}}` parameters in order, named ones with `parameter_name`. */
function templateBody(payload: Outbound["payload"]) {
  const parsed = templatePayload.safeParse(payload);
  if (!parsed.success) throw new SendError("This template message lacks its template name or language.", "bad_template");
  const { name, language, parameters } = parsed.data;
  const positional = parameters.every((p) => /^\d+$/.test(p.name));
  const components = parameters.length
    ? [
        {
          type: "body",
          parameters: parameters.map((p) => (positional ? { type: "text", text: p.text } : { type: "text", parameter_name: p.name, text: p.text })),
        },
      ]
    : undefined;
  return { type: "template", template: { name, language: { code: language }, ...(components ? { components } : {}) } };
}

/**
 * Text, files (uploaded first, then sent by media id: no public URL needed) and templates. Several
 * files are several WhatsApp messages; the text rides as the first file's caption when it fits, else
 * goes first on its own. The last message's id is the one stored.
 */
async function send(channel: Channel, to: Identity, message: Outbound) {
  const { phoneNumberId, accessToken } = requireConfig(channel, "whatsapp", needed);
  const envelope = { messaging_product: "whatsapp", recipient_type: "individual", ...address(to) };

  if (message.kind === "template") return { providerMessageId: await post(phoneNumberId, accessToken, { ...envelope, ...templateBody(message.payload) }) };

  const location = message.payload;
  if (message.kind === "location" && typeof location?.latitude === "number" && typeof location?.longitude === "number") {
    const { latitude, longitude, name, address: street } = location;
    return { providerMessageId: await post(phoneNumberId, accessToken, { ...envelope, type: "location", location: { latitude, longitude, name, address: street } }) };
  }

  const files = message.attachments;
  const body = message.body.trim();
  const captionable = (f: OutboundFile) => ["image", "video", "document"].includes(mediaType(f.mimeType));
  const caption = body && files.length && body.length <= WHATSAPP_MAX_CAPTION && captionable(files[0]) ? body : "";
  let last = "";
  if (body && !caption) {
    last = await post(phoneNumberId, accessToken, { ...envelope, type: "text", text: { preview_url: false, body } });
  }
  for (const [index, file] of files.entries()) {
    const type = mediaType(file.mimeType);
    const media = {
      id: await upload(phoneNumberId, accessToken, file),
      ...(index === 0 && caption ? { caption } : {}),
      ...(type === "document" ? { filename: file.name } : {}),
    };
    last = await post(phoneNumberId, accessToken, { ...envelope, type, [type]: media });
  }
  if (!last) throw new SendError("There is nothing to send.", "empty");
  return { providerMessageId: last };
}

type MediaInfo = { url?: string; mime_type?: string; file_size?: number | string };

export const whatsappAdapter: ChannelAdapter = {
  kind: "whatsapp",
  label: "WhatsApp",
  capabilities: whatsappCapabilities,
  fields: [
    {
      name: "phoneNumberId",
      label: "Phone number ID",
      type: "text",
      placeholder: "106540352242922",
      help: "Meta app dashboard → WhatsApp → API Setup: the Phone number ID under “From” (not the phone number itself).",
    },
    {
      name: "wabaId",
      label: "WhatsApp Business Account ID",
      type: "text",
      placeholder: "102290129340398",
      help: "On the same API Setup page. Needed to sync your approved message templates.",
    },
    {
      name: "accessToken",
      label: "Access token",
      type: "secret",
      help: "A permanent token of a system user with whatsapp_business_messaging and whatsapp_business_management (Business settings → System users → Generate token).",
    },
    ...metaAppFields,
  ],
  config: whatsappConfig,
  externalId: (config) => (typeof config.phoneNumberId === "string" ? config.phoneNumberId : null),
  handshake: (req, channel) => metaHandshake(req, readConfig(channel).verifyToken),
  verify: (req, rawBody, channel) => verifyMetaSignature(rawBody, req.headers.get("x-hub-signature-256"), readConfig(channel).appSecret),
  parse: (rawBody) => parseWhatsApp(rawBody),
  send,
  async fetchMedia(channel, ref) {
    const { phoneNumberId, accessToken } = requireConfig(channel, "whatsapp", needed);
    // Step 1: the media id → a short-lived URL; step 2: that URL with the same Bearer token (channels.md 2.1).
    const info = await graphRequest<MediaInfo>(`${metaGraphUrl()}/${encodeURIComponent(ref)}?phone_number_id=${phoneNumberId}`, { token: accessToken });
    if (!info.url) throw new Error("Meta returned no download address for this file.");
    if (Number(info.file_size ?? 0) > 25 * 1024 * 1024) throw new Error("The file is larger than 25 MB.");
    const file = await downloadMedia(info.url, accessToken);
    return { data: file.data, mimeType: info.mime_type?.split(";")[0].trim() || file.mimeType };
  },
  async testConnection(channel) {
    const { phoneNumberId, accessToken } = requireConfig(channel, "whatsapp", needed);
    const number = await graphRequest<{ display_phone_number?: string; verified_name?: string }>(
      `${metaGraphUrl()}/${phoneNumberId}?fields=display_phone_number,verified_name`,
      { token: accessToken },
    );
    return `WhatsApp number ${number.display_phone_number ?? phoneNumberId}${number.verified_name ? ` (${number.verified_name})` : ""}`;
  },
  webhookDetails: (channel, webhookUrl) => metaWebhookDetails(readConfig(channel).verifyToken, webhookUrl),
};

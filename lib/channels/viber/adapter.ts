import { z } from "zod";
import { channelConfig } from "@/lib/channels/config";
import { SendError, type Channel, type ChannelAdapter, type Outbound, type OutboundFile } from "@/lib/channels/types";
import { callViber, downloadViberMedia } from "@/lib/channels/viber/api";
import { tokenString } from "@/lib/channels/viber/json";
import { parseViber } from "@/lib/channels/viber/parse";
import { hmacHex, safeEqual } from "@/lib/crypto";

const MB = 1024 * 1024;
/** Viber shows a picture inline up to 1 MB; a bigger image goes as a file. */
const PICTURE_LIMIT = 1 * MB;
const PICTURE_TEXT_LIMIT = 768;
const VIDEO_LIMIT = 26 * MB;

export const viberConfig = z.object({
  authToken: z.string().trim().min(20, "Paste the whole token from the Viber Admin Panel.").max(200),
  senderName: z.string().trim().min(1, "Viber shows this name on every message.").max(28, "Viber allows at most 28 characters."),
  senderAvatar: z.url({ protocol: /^https$/, message: "Give an https:// link to an image." }).optional(),
  accountId: z.string().trim().max(100).optional(),
});

type ViberConfig = z.infer<typeof viberConfig>;

function configOf(channel: Channel): ViberConfig {
  const parsed = viberConfig.safeParse(channelConfig(channel));
  if (!parsed.success) throw new SendError("This Viber account has no auth token yet: an admin can add it in Settings → Channels.", "not_configured");
  return parsed.data;
}

function isPicture(file: OutboundFile): boolean {
  return (file.mimeType === "image/jpeg" || file.mimeType === "image/png") && file.size <= PICTURE_LIMIT;
}

/** One send_message body per file: a picture, a video or a file, each by its public link. */
function fileMessage(file: OutboundFile, url: string, text: string): Record<string, unknown> {
  if (isPicture(file)) return { type: "picture", media: url, text };
  if (file.mimeType === "video/mp4" && file.size <= VIDEO_LIMIT) return { type: "video", media: url, size: file.size };
  return { type: "file", media: url, size: file.size, file_name: file.name };
}

/**
 * Text and files as Viber messages. Viber has no upload API: files go by a signed public link, so an
 * installation without a public address cannot send them (said before anything is sent). A short text
 * rides on a leading picture; otherwise it goes first. The first message's token is the id kept.
 */
async function sendViber(config: ViberConfig, receiver: string, message: Outbound): Promise<{ providerMessageId: string }> {
  const links = message.attachments.map((file) => ({ file, url: file.publicUrl() }));
  if (links.some((l) => !l.url)) {
    throw new SendError(
      "Viber fetches files from a public link, and this installation has no public address (set APP_URL). Send the text without the file.",
      "no_public_url",
    );
  }
  const envelope = {
    receiver,
    min_api_version: 1,
    sender: { name: config.senderName, ...(config.senderAvatar ? { avatar: config.senderAvatar } : {}) },
    // Comes back with the customer's next message; it names the conversation.
    tracking_data: message.conversationId,
  };
  const body = message.body.trim();
  const captioned = links[0] && isPicture(links[0].file) && body.length <= PICTURE_TEXT_LIMIT;
  const bodies: Record<string, unknown>[] = [];
  if (body && !captioned) bodies.push({ type: "text", text: body });
  links.forEach(({ file, url }, index) => bodies.push(fileMessage(file, url as string, index === 0 && captioned ? body : "")));

  const tokens: string[] = [];
  for (const part of bodies) {
    const answer = await callViber(config.authToken, "send_message", { ...envelope, ...part });
    const token = tokenString(answer.message_token);
    if (!token) throw new SendError("Viber accepted the message without returning its token.", "no_id");
    tokens.push(token);
  }
  if (!tokens[0]) throw new SendError("There was nothing to send.", "empty");
  return { providerMessageId: tokens[0] };
}

export const viberAdapter: ChannelAdapter = {
  kind: "viber",
  label: "Viber",
  capabilities: {
    text: { maxLength: 7000 },
    media: [
      { label: "images (JPEG, PNG; over 1 MB they arrive as a file)", mimeTypes: ["image/jpeg", "image/png"], maxBytes: 50 * MB },
      { label: "videos (MP4)", mimeTypes: ["video/mp4"], maxBytes: VIDEO_LIMIT },
      { label: "files", mimeTypes: ["application/*", "text/*", "image/*", "audio/*", "video/*"], maxBytes: 50 * MB },
    ],
    maxFiles: 10,
    // Any customer who subscribed may be written to; one who has not gets a clear status 6 failure.
    canStartConversation: true,
    templates: false,
  },
  fields: [
    {
      name: "authToken",
      label: "Auth token",
      type: "secret",
      help: "In the Viber Admin Panel (partners.viber.com), open your bot: the token is under Info.",
    },
    {
      name: "senderName",
      label: "Sender name",
      type: "text",
      placeholder: "Northwind Support",
      help: "The name customers see on our replies (at most 28 characters).",
    },
    {
      name: "senderAvatar",
      label: "Sender avatar",
      type: "url",
      optional: true,
      placeholder: "https://example.com/logo.png",
      help: "An https link to a small image shown next to our replies.",
    },
    {
      name: "accountId",
      label: "Viber account id",
      type: "text",
      optional: true,
      help: "Test connection shows it; it tells several Viber bots apart in the channel list.",
    },
  ],
  config: viberConfig,
  externalId: (config) => (typeof config.accountId === "string" && config.accountId ? config.accountId : null),

  verify(req, rawBody, channel) {
    const { authToken } = channelConfig(channel);
    if (typeof authToken !== "string" || !authToken) return false;
    // viber-bot-node also reads `?sig=`; the header is what Viber documents.
    const signature = req.headers.get("x-viber-content-signature") ?? new URL(req.url).searchParams.get("sig");
    return safeEqual(signature?.toLowerCase(), hmacHex(authToken, rawBody));
  },
  parse: (rawBody) => parseViber(rawBody),

  async send(channel, to, message) {
    return sendViber(configOf(channel), to.externalId, message);
  },
  async fetchMedia(_channel, ref) {
    return downloadViberMedia(ref);
  },
  async testConnection(channel) {
    const info = await callViber(configOf(channel).authToken, "get_account_info", {});
    const name = typeof info.name === "string" ? info.name : "Viber bot";
    const uri = typeof info.uri === "string" ? `, viber://pa?chatURI=${info.uri}` : "";
    return `Connected to “${name}”${uri}; account id ${String(info.id ?? "unknown")}.`;
  },
  async register(channel, webhookUrl) {
    await callViber(configOf(channel).authToken, "set_webhook", {
      url: webhookUrl,
      event_types: ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
      send_name: true,
      send_photo: true,
    });
  },
};

import { z } from "zod";
import { channelConfig } from "@/lib/channels/config";
import { SendError, type ChannelAdapter, type Channel } from "@/lib/channels/types";
import { callTelegram, downloadTelegramFile } from "@/lib/channels/telegram/api";
import { parseTelegramUpdate } from "@/lib/channels/telegram/parse";
import { sendTelegram } from "@/lib/channels/telegram/send";
import { randomToken, safeEqual } from "@/lib/crypto";

const MB = 1024 * 1024;

export const telegramConfig = z.object({
  botToken: z
    .string()
    .trim()
    .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,100}$/, "A bot token looks like 123456789:AAE…; @BotFather gives it when you create the bot."),
  // One per channel, never the bot token (channels.md gotcha 16). Generated on the first save and kept,
  // because the saved configuration is merged into every later edit.
  webhookSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,256}$/, "Use 32–256 letters, digits, - or _.")
    .default(() => randomToken(32)),
});

type TelegramConfig = z.infer<typeof telegramConfig>;

function configOf(channel: Channel): TelegramConfig {
  const config = channelConfig(channel);
  const parsed = telegramConfig.safeParse(config);
  // Without a stored secret nothing could be verified, so the schema's default must not stand in for it.
  if (!parsed.success || !config.webhookSecret) {
    throw new SendError("This Telegram account has no bot token yet: an admin can add it in Settings → Channels.", "not_configured");
  }
  return parsed.data;
}

/** The updates we ask for: messages, their edits, and the bot being blocked or unblocked (logged). */
export const ALLOWED_UPDATES = ["message", "edited_message", "my_chat_member"];

export const telegramAdapter: ChannelAdapter = {
  kind: "telegram",
  label: "Telegram",
  capabilities: {
    text: { maxLength: 4096 },
    media: [
      { label: "photos (JPEG, PNG)", mimeTypes: ["image/jpeg", "image/png"], maxBytes: 10 * MB },
      { label: "videos (MP4)", mimeTypes: ["video/mp4"], maxBytes: 50 * MB },
      { label: "audio (MP3, M4A, OGG voice)", mimeTypes: ["audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/ogg"], maxBytes: 50 * MB },
      { label: "other files", mimeTypes: ["application/*", "text/*", "image/*", "video/*", "audio/*"], maxBytes: 50 * MB },
    ],
    maxFiles: 10,
    // A bot may write to anyone who has started it, which every known Telegram customer has.
    canStartConversation: true,
    templates: false,
  },
  fields: [
    {
      name: "botToken",
      label: "Bot token",
      type: "secret",
      placeholder: "123456789:AAE…",
      help: "In Telegram, open @BotFather, send /newbot (or /token for an existing bot) and paste the token it gives you.",
    },
    {
      name: "webhookSecret",
      label: "Webhook secret",
      type: "secret",
      optional: true,
      help: "Generated for you; Telegram sends it with every update. Type a new one (at least 32 letters, digits, hyphens or underscores) only to replace it.",
    },
  ],
  config: telegramConfig,
  // The bot's id is the number before the colon of its token.
  externalId: (config) => (typeof config.botToken === "string" ? (config.botToken.split(":")[0] ?? null) : null),

  verify(req, _rawBody, channel) {
    const secret = channelConfig(channel).webhookSecret;
    return typeof secret === "string" && safeEqual(req.headers.get("x-telegram-bot-api-secret-token"), secret);
  },
  parse: (rawBody) => parseTelegramUpdate(rawBody),

  async send(channel, to, message) {
    return sendTelegram(configOf(channel).botToken, to.externalId, message);
  },
  async fetchMedia(channel, ref) {
    return { data: await downloadTelegramFile(configOf(channel).botToken, ref), mimeType: "" };
  },
  async testConnection(channel) {
    const me = await callTelegram<{ id: number; first_name?: string; username?: string }>(configOf(channel).botToken, "getMe");
    return `Connected to the bot @${me.username ?? me.id}${me.first_name ? ` (${me.first_name})` : ""}.`;
  },
  async register(channel, webhookUrl) {
    const { botToken, webhookSecret } = configOf(channel);
    await callTelegram<boolean>(botToken, "setWebhook", {
      url: webhookUrl,
      secret_token: webhookSecret,
      allowed_updates: ALLOWED_UPDATES,
      max_connections: 40,
    });
  },
};

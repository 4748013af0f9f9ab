import { validateRequest } from "twilio/lib/webhooks/webhooks";
import { webhookUrl } from "@/lib/channels/webhook-url";
import { z } from "zod";
import { channelConfig } from "@/lib/channels/config";
import { SendError, type Channel, type ChannelAdapter } from "@/lib/channels/types";
import { callTwilio } from "@/lib/channels/sms/api";
import { downloadTwilioMedia } from "@/lib/channels/sms/media";
import { formParams, parseTwilio } from "@/lib/channels/sms/parse";
import { publicBaseUrl } from "@/lib/env";

const MB = 1024 * 1024;

export const smsConfig = z
  .object({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, "The Account SID starts with AC followed by 32 letters and digits."),
    authToken: z
      .string()
      .trim()
      .regex(/^[0-9a-zA-Z]{32}$/, "The auth token is 32 letters and digits."),
    from: z
      .string()
      .trim()
      .regex(/^\+[1-9]\d{6,14}$/, "Write the number in international form, e.g. +14155550123.")
      .optional(),
    messagingServiceSid: z
      .string()
      .trim()
      .regex(/^MG[0-9a-fA-F]{32}$/, "A Messaging Service SID starts with MG followed by 32 letters and digits.")
      .optional(),
  })
  .refine((c) => c.from || c.messagingServiceSid, { message: "Give the sender number or a Messaging Service SID.", path: ["from"] });

type SmsConfig = z.infer<typeof smsConfig>;

function configOf(channel: Channel): SmsConfig {
  const parsed = smsConfig.safeParse(channelConfig(channel));
  if (!parsed.success) throw new SendError("This SMS account has no Twilio credentials yet: an admin can add them in Settings → Channels.", "not_configured");
  return parsed.data;
}

/** Where Twilio posts for this account: the URL Settings shows (and signs, so the public form matters). */
function webhookUrlOf(channel: Channel): string | null {
  const base = publicBaseUrl();
  return base ? webhookUrl(channel, base) : null;
}

/**
 * The URLs Twilio may have signed (channels.md gotcha 2): the one we received, the configured public URL
 * with our path and query (behind Vercel or a proxy, `req.url` shows an internal host), and the one the
 * proxy's forwarded headers describe. The official helper adds the with/without-port forms of each.
 */
function candidateUrls(req: Request): string[] {
  const received = new URL(req.url);
  const pathAndQuery = `${received.pathname}${received.search}`;
  const urls = [req.url];
  const base = publicBaseUrl();
  if (base) urls.push(`${base}${pathAndQuery}`);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (host) urls.push(`${req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || "https"}://${host}${pathAndQuery}`);
  return [...new Set(urls)];
}

export const smsAdapter: ChannelAdapter = {
  kind: "sms",
  label: "SMS",
  capabilities: {
    text: { maxLength: 1600 },
    // MMS (US and Canada): Twilio takes about 5 MB per message.
    media: [
      { label: "images (JPEG, PNG, GIF)", mimeTypes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 5 * MB },
      { label: "PDF, vCard, MP4 video and MP3 audio", mimeTypes: ["application/pdf", "text/vcard", "video/mp4", "audio/mpeg"], maxBytes: 5 * MB },
    ],
    maxFiles: 10,
    canStartConversation: true,
    templates: false,
  },
  fields: [
    { name: "accountSid", label: "Account SID", type: "text", placeholder: "AC…", help: "On the Twilio Console home page, under Account Info." },
    { name: "authToken", label: "Auth token", type: "secret", help: "Next to the Account SID in the Twilio Console (click to reveal)." },
    {
      name: "from",
      label: "Sender number",
      type: "text",
      optional: true,
      placeholder: "+14155550123",
      help: "Your Twilio phone number in international form (Phone Numbers → Active numbers). Leave empty to send through a Messaging Service.",
    },
    {
      name: "messagingServiceSid",
      label: "Messaging Service SID",
      type: "text",
      optional: true,
      placeholder: "MG…",
      help: "In Messaging → Services. When set, messages go out through the service instead of the sender number.",
    },
  ],
  config: smsConfig,
  externalId: (config) => (typeof config.from === "string" ? config.from : typeof config.messagingServiceSid === "string" ? config.messagingServiceSid : null),

  verify(req, rawBody, channel) {
    const signature = req.headers.get("x-twilio-signature");
    const { authToken } = channelConfig(channel);
    if (!signature || typeof authToken !== "string" || !authToken) return false;
    const params = formParams(rawBody);
    return candidateUrls(req).some((url) => {
      try {
        return validateRequest(authToken, signature, url, params);
      } catch {
        return false;
      }
    });
  },
  parse: (rawBody, _channel, url) => parseTwilio(rawBody, url),
  // Twilio wants TwiML: an empty 200 is logged as error 11200 (channels.md gotcha 3).
  respond: () =>
    new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { status: 200, headers: { "content-type": "text/xml" } }),

  async send(channel, to, message) {
    const config = configOf(channel);
    const form = new URLSearchParams();
    form.set("To", to.externalId);
    if (config.messagingServiceSid) form.set("MessagingServiceSid", config.messagingServiceSid);
    // WhatsApp via Twilio: the sender carries the same prefix as the customer's address.
    else if (config.from) form.set("From", to.externalId.startsWith("whatsapp:") ? `whatsapp:${config.from}` : config.from);
    if (message.body.trim()) form.set("Body", message.body);
    for (const file of message.attachments) {
      const url = file.publicUrl();
      if (!url) {
        throw new SendError(
          "Twilio fetches files from a public link, and this installation has no public address (set APP_URL). Send the text without the file.",
          "no_public_url",
        );
      }
      form.append("MediaUrl", url);
    }
    const webhook = webhookUrlOf(channel);
    if (webhook) form.set("StatusCallback", `${webhook}?event=status`);
    const sent = await callTwilio<{ sid?: string }>(config, `/2010-04-01/Accounts/${config.accountSid}/Messages.json`, form);
    if (!sent.sid) throw new SendError("Twilio accepted the message without returning its id.", "no_id");
    return { providerMessageId: sent.sid };
  },
  async fetchMedia(channel, ref) {
    return downloadTwilioMedia(configOf(channel), ref);
  },
  async testConnection(channel) {
    const config = configOf(channel);
    const account = await callTwilio<{ friendly_name?: string; status?: string }>(config, `/2010-04-01/Accounts/${config.accountSid}.json`);
    return `Connected to the Twilio account “${account.friendly_name ?? config.accountSid}” (${account.status ?? "status unknown"}).`;
  },
  webhookDetails: (_channel, url) => [
    { label: "“A message comes in” webhook (Twilio Console → Phone Numbers → your number → Messaging)", value: url },
    { label: "Status callback URL (every send includes it; paste it only into a Messaging Service)", value: `${url}?event=status` },
  ],
};

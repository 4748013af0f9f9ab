import { channelConfig } from "@/lib/channels/config";
import { emailConfig, emailFields, emailWebhookUrl, readEmailConfig } from "@/lib/channels/email/config";
import { emailCapabilities } from "@/lib/channels/email/limits";
import { parseInboundMail } from "@/lib/channels/email/parse";
import { sendMail, verifySmtp } from "@/lib/channels/email/send";
import { SendError, type Channel, type ChannelAdapter } from "@/lib/channels/types";
import { safeEqual } from "@/lib/crypto";

/**
 * HTTP Basic credentials (Postmark sends those embedded in the webhook URL as an Authorization header).
 * Both halves are compared in constant time, always both, so the timing tells nothing about which failed.
 */
export function checkBasicAuth(header: string | null, user: unknown, password: unknown): boolean {
  if (typeof user !== "string" || typeof password !== "string" || !user || !password) return false;
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  const userOk = safeEqual(decoded.slice(0, colon), user);
  const passwordOk = safeEqual(decoded.slice(colon + 1), password);
  return userOk && passwordOk;
}

function configured(channel: Channel) {
  const config = readEmailConfig(channel);
  if (!config) throw new SendError(`The e-mail account "${channel.name}" is not set up: an admin can add its SMTP settings in Settings → Channels.`, "not_configured");
  return config;
}

/**
 * E-mail: inbound through Postmark's inbound webhook (JSON) or a raw MIME POST (message/rfc822), both
 * behind HTTP Basic credentials; outbound over the account's own SMTP server with nodemailer.
 * Threading follows Message-ID / In-Reply-To / References (channels.md 2.7).
 */
export const emailAdapter: ChannelAdapter = {
  kind: "email",
  label: "E-mail",
  capabilities: emailCapabilities,
  fields: emailFields,
  config: emailConfig,
  externalId: (config) => (typeof config.inboundAddress === "string" ? config.inboundAddress.toLowerCase() : null),
  // Wrong or missing credentials answer 401, never 403: a 403 makes Postmark stop retrying for good
  // (gotcha 17), while a credentials mistake is something an admin fixes.
  verify(req, _rawBody, channel) {
    const config = channelConfig(channel);
    return checkBasicAuth(req.headers.get("authorization"), config.webhookUser, config.webhookPassword);
  },
  async parse(rawBody, channel, _url, bytes) {
    const events = await parseInboundMail(rawBody, bytes ?? Buffer.from(rawBody, "utf8"));
    // Mail from our own address (a forwarding loop, a copy of our reply) is no customer writing.
    const own = events.filter((e) => e.type === "message" && e.externalId === channel.externalId);
    if (own.length) console.warn(`e-mail webhook: skipped ${own.length} mail(s) from the account's own address ${channel.externalId}`);
    return events.filter((e) => !own.includes(e));
  },
  send: (channel, to, message) => sendMail(channel, configured(channel), to, message),
  testConnection: (channel) => verifySmtp(configured(channel)),
  webhookDetails(channel, webhookUrl) {
    const config = readEmailConfig(channel);
    if (!config) return [{ label: "Webhook URL", value: webhookUrl }];
    // Postmark: Inbound → Webhook. A forwarder POSTs raw MIME (Content-Type: message/rfc822) to the same URL.
    return [{ label: "Inbound webhook URL (Postmark or raw MIME)", value: emailWebhookUrl(webhookUrl, config) }];
  },
};

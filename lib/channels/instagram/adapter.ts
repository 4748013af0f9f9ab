import { z } from "zod";
import { readConfig, requireConfig } from "@/lib/channels/meta/account";
import { digitsId, metaAppConfig, metaAppFields, metaWebhookDetails } from "@/lib/channels/meta/fields";
import { downloadMedia, graphRequest, instagramGraphUrl, metaGraphUrl } from "@/lib/channels/meta/graph";
import { metaHandshake } from "@/lib/channels/meta/handshake";
import { parseMessaging } from "@/lib/channels/meta/messaging";
import { sendMessaging } from "@/lib/channels/meta/messaging-send";
import { fileNameFor, nameFromUrl } from "@/lib/channels/meta/payload";
import { verifyMetaSignature } from "@/lib/channels/meta/signature";
import { INSTAGRAM_MAX_TEXT_BYTES, instagramCapabilities } from "@/lib/channels/instagram/capabilities";
import { SendError, type Channel, type ChannelAdapter } from "@/lib/channels/types";

export const instagramConfig = z.object({
  igId: digitsId("Instagram account ID"),
  pageId: digitsId("Page ID").optional(),
  accessToken: z.string().trim().min(20, "Paste the whole access token."),
  ...metaAppConfig,
});

const needed = { igId: "Instagram account ID", accessToken: "access token" } as const;

/**
 * The two ways to connect (channels.md 2.3): with a linked Facebook Page the account speaks through
 * graph.facebook.com and the Page (`/{PAGE_ID}/messages`, Page token); without one, through
 * graph.instagram.com and the account itself (`/{IG_ID}/messages`, Instagram user token).
 */
function account(channel: Channel) {
  const { igId, accessToken } = requireConfig(channel, "instagram", needed);
  const pageId = readConfig(channel).pageId;
  return pageId
    ? { igId, token: accessToken, base: metaGraphUrl(), sender: pageId, flavour: "Facebook Login" }
    : { igId, token: accessToken, base: instagramGraphUrl(), sender: igId, flavour: "Instagram Login" };
}

export const instagramAdapter: ChannelAdapter = {
  kind: "instagram",
  label: "Instagram",
  capabilities: instagramCapabilities,
  fields: [
    {
      name: "igId",
      label: "Instagram account ID",
      type: "text",
      placeholder: "17841400000000000",
      help: "The professional account's ID: Meta app dashboard → Instagram → API setup, or Meta Business Suite → Settings → Instagram accounts.",
    },
    {
      name: "pageId",
      label: "Facebook Page ID",
      type: "text",
      optional: true,
      help: "Only when the account is connected through a linked Facebook Page (Facebook Login). Leave empty for Instagram Login, which needs no Page.",
    },
    {
      name: "accessToken",
      label: "Access token",
      type: "secret",
      help: "Instagram Login: the Instagram user token (instagram_business_manage_messages). Facebook Login: the linked Page's access token (instagram_manage_messages).",
    },
    ...metaAppFields.map((field) =>
      field.name === "appSecret" ? { ...field, help: "The secret of the app that receives the webhooks (with Instagram Login: the Instagram app secret)." } : field,
    ),
  ],
  config: instagramConfig,
  externalId: (config) => (typeof config.igId === "string" ? config.igId : null),
  handshake: (req, channel) => metaHandshake(req, readConfig(channel).verifyToken),
  verify: (req, rawBody, channel) => verifyMetaSignature(rawBody, req.headers.get("x-hub-signature-256"), readConfig(channel).appSecret),
  parse: (rawBody) => parseMessaging("instagram", rawBody),
  async send(channel, to, message) {
    const bytes = Buffer.byteLength(message.body.trim(), "utf8");
    if (bytes > INSTAGRAM_MAX_TEXT_BYTES) {
      throw new SendError(`Instagram messages can be at most ${INSTAGRAM_MAX_TEXT_BYTES} bytes of text (this one has ${bytes}); shorten it.`, "too_long");
    }
    const { base, sender, token } = account(channel);
    return sendMessaging(`${base}/${sender}/messages`, token, to, message);
  },
  async fetchMedia(_channel, ref) {
    const file = await downloadMedia(ref);
    return { ...file, name: nameFromUrl(ref) ?? fileNameFor("attachment", file.mimeType) };
  },
  async testConnection(channel) {
    const { base, igId, token, flavour } = account(channel);
    const profile = await graphRequest<{ username?: string }>(`${base}/${igId}?fields=username`, { token });
    return `Instagram account ${profile.username ? `@${profile.username}` : igId} (${flavour})`;
  },
  async profile(channel, externalId) {
    const { base, token } = account(channel);
    const person = await graphRequest<{ name?: string; username?: string }>(`${base}/${encodeURIComponent(externalId)}?fields=name,username`, { token });
    if (!person.name && !person.username) return null;
    return { profileName: person.name || undefined, handle: person.username ? `@${person.username}` : undefined };
  },
  webhookDetails: (channel, webhookUrl) => metaWebhookDetails(readConfig(channel).verifyToken, webhookUrl),
};

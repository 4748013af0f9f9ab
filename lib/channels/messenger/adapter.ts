import { z } from "zod";
import { readConfig, requireConfig } from "@/lib/channels/meta/account";
import { digitsId, metaAppConfig, metaAppFields, metaWebhookDetails } from "@/lib/channels/meta/fields";
import { downloadMedia, graphRequest, metaGraphUrl } from "@/lib/channels/meta/graph";
import { metaHandshake } from "@/lib/channels/meta/handshake";
import { parseMessaging } from "@/lib/channels/meta/messaging";
import { sendMessaging } from "@/lib/channels/meta/messaging-send";
import { fileNameFor, nameFromUrl } from "@/lib/channels/meta/payload";
import { verifyMetaSignature } from "@/lib/channels/meta/signature";
import { messengerCapabilities } from "@/lib/channels/messenger/capabilities";
import type { ChannelAdapter } from "@/lib/channels/types";

export const messengerConfig = z.object({
  pageId: digitsId("Page ID"),
  pageAccessToken: z.string().trim().min(20, "Paste the whole Page access token."),
  ...metaAppConfig,
});

const needed = { pageId: "Page ID", pageAccessToken: "Page access token" } as const;

export const messengerAdapter: ChannelAdapter = {
  kind: "messenger",
  label: "Messenger",
  capabilities: messengerCapabilities,
  fields: [
    {
      name: "pageId",
      label: "Page ID",
      type: "text",
      placeholder: "112233445566778",
      help: "Your Facebook Page → About → Page transparency, or Meta Business Suite → Settings → Page ID.",
    },
    {
      name: "pageAccessToken",
      label: "Page access token",
      type: "secret",
      help: "Meta app dashboard → Messenger → Settings → Access tokens: generate one for the Page (needs pages_messaging). Subscribe the Page to messages, message_deliveries, message_reads and message_echoes there too.",
    },
    ...metaAppFields,
  ],
  config: messengerConfig,
  externalId: (config) => (typeof config.pageId === "string" ? config.pageId : null),
  handshake: (req, channel) => metaHandshake(req, readConfig(channel).verifyToken),
  verify: (req, rawBody, channel) => verifyMetaSignature(rawBody, req.headers.get("x-hub-signature-256"), readConfig(channel).appSecret),
  parse: (rawBody) => parseMessaging("messenger", rawBody),
  async send(channel, to, message) {
    const { pageId, pageAccessToken } = requireConfig(channel, "messenger", needed);
    return sendMessaging(`${metaGraphUrl()}/${pageId}/messages`, pageAccessToken, to, message);
  },
  async fetchMedia(_channel, ref) {
    // Attachment links are CDN URLs that need no token (channels.md 2.2); they expire, hence right after the 200.
    const file = await downloadMedia(ref);
    return { ...file, name: nameFromUrl(ref) ?? fileNameFor("attachment", file.mimeType) };
  },
  async testConnection(channel) {
    const { pageId, pageAccessToken } = requireConfig(channel, "messenger", needed);
    const page = await graphRequest<{ name?: string }>(`${metaGraphUrl()}/${pageId}?fields=name`, { token: pageAccessToken });
    return `Facebook Page ${page.name ? `“${page.name}”` : pageId}`;
  },
  async profile(channel, externalId) {
    const { pageAccessToken } = requireConfig(channel, "messenger", needed);
    const person = await graphRequest<{ first_name?: string; last_name?: string; name?: string }>(
      `${metaGraphUrl()}/${encodeURIComponent(externalId)}?fields=first_name,last_name,name`,
      { token: pageAccessToken },
    );
    const name = person.name || [person.first_name, person.last_name].filter(Boolean).join(" ");
    return name ? { profileName: name } : null;
  },
  webhookDetails: (channel, webhookUrl) => metaWebhookDetails(readConfig(channel).verifyToken, webhookUrl),
};

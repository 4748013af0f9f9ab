import { z } from "zod";
import { publish } from "@/lib/realtime/publish";
import { visitorTopic } from "@/lib/realtime/topics";
import { bearerToken, verifyVisitorToken } from "@/lib/channels/webchat/token";
import { ParseError, type ChannelAdapter } from "@/lib/channels/types";

export const WEBCHAT_MAX_TEXT = 4000;

/** What the widget posts for one message. */
export const widgetMessage = z.object({
  visitorId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "clientMessageId must be 8–64 letters, digits, - or _"),
  text: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(WEBCHAT_MAX_TEXT, `A message can be at most ${WEBCHAT_MAX_TEXT} characters.`),
  name: z.string().trim().max(100).optional(),
});

export const webchatSettings = z.object({
  greeting: z.string().trim().max(200).default("Hi! How can we help?"),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default("#4f46e5"),
});

function readVisitorId(rawBody: string): string | null {
  try {
    const value: unknown = JSON.parse(rawBody);
    return typeof value === "object" && value && "visitorId" in value && typeof value.visitorId === "string" ? value.visitorId : null;
  } catch {
    return null;
  }
}

/**
 * The web-chat widget as a channel. Its "signature" is the visitor token: an HMAC that binds the
 * visitor id in the body to this channel, so a visitor can only write (and read) as themself.
 */
export const webchatAdapter: ChannelAdapter = {
  kind: "webchat",
  label: "Web chat",
  capabilities: {
    text: { maxLength: WEBCHAT_MAX_TEXT },
    media: [],
    canStartConversation: false,
    templates: false,
  },
  fields: [
    { name: "greeting", label: "Greeting", type: "text", help: "The first bubble a visitor sees.", optional: true },
    { name: "color", label: "Colour", type: "text", placeholder: "#4f46e5", help: "The widget's accent colour, as #rrggbb.", optional: true },
  ],
  config: webchatSettings,
  verify(req, rawBody, channel) {
    const visitorId = verifyVisitorToken(channel.id, bearerToken(req));
    return visitorId !== null && visitorId === readVisitorId(rawBody);
  },
  parse(rawBody) {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new ParseError("The body is not JSON.");
    }
    const parsed = widgetMessage.safeParse(json);
    if (!parsed.success) throw new ParseError(parsed.error.issues[0]?.message ?? "Malformed message.");
    const { visitorId, clientMessageId, text, name } = parsed.data;
    return [
      {
        type: "message",
        providerMessageId: `w:${visitorId}:${clientMessageId}`,
        externalId: visitorId,
        handle: `Visitor ${visitorId.slice(0, 6)}`,
        profileName: name || undefined,
        kind: "text",
        body: text,
      },
    ];
  },
  async send(_channel, to, message) {
    // The visitor's widget listens on its own topic and fetches the thread; delivery is the publish.
    await publish(visitorTopic(to.externalId), "message-created", { id: message.messageId });
    return { providerMessageId: message.messageId };
  },
};

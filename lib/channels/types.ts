import type { z } from "zod";
import type { channelKindEnum, channels, contactIdentities } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";

export type ChannelKind = (typeof channelKindEnum.enumValues)[number];
export type Channel = typeof channels.$inferSelect;
export type Identity = typeof contactIdentities.$inferSelect;

export type MediaRule = { mimeTypes: string[]; maxBytes: number; label: string };

export type Capabilities = {
  text: { maxLength: number };
  media: MediaRule[];
  /** A provider's customer-care window: how long after the customer's last message we may write freely. */
  window?: { hours: number; outside: "template" | "tagged" | "none" };
  canStartConversation: boolean;
  templates: boolean;
};

/** A message a customer sent, as a channel's parser hands it to ingest. */
export type InboundMessage = {
  type: "message";
  /** The provider's id for the message: the dedupe key with the channel id. */
  providerMessageId: string;
  /** The provider's stable id for the sender. */
  externalId: string;
  /** The number, handle or address to show when we know no name. */
  handle?: string;
  profileName?: string;
  /** What the sender told us about themself, used to fill a new contact. */
  contact?: { email?: string; phone?: string };
  timestamp?: Date;
  kind: "text" | "media" | "location" | "contact";
  body: string;
  payload?: Record<string, unknown>;
  attachments?: Attachment[];
};

export type InboundStatus = {
  type: "status";
  providerMessageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  errorCode?: string;
  errorText?: string;
  timestamp?: Date;
};

export type InboundEvent = InboundMessage | InboundStatus;

/** What an adapter is asked to deliver. */
export type Outbound = {
  messageId: string;
  conversationId: string;
  kind: "text" | "media" | "template" | "location";
  body: string;
  attachments: Attachment[];
  payload?: Record<string, unknown> | null;
};

/** A payload the parser cannot use: the webhook answers 400 with this message and stores nothing. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParseError";
  }
}

/** A provider refused or failed a send; its reason is stored on the message. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "SendError";
  }
}

export interface ChannelAdapter {
  kind: ChannelKind;
  label: string;
  capabilities: Capabilities;
  /** The credentials form, validated on the server. */
  config: z.ZodType;
  /** A provider's GET verification (e.g. Meta's hub.challenge); null when the request is not one. */
  handshake?(req: Request, channel: Channel): Response | null;
  /** The provider's signature over the raw body; false → 401 and nothing stored. */
  verify(req: Request, rawBody: string, channel: Channel): boolean;
  /** Pure: payload → messages and status updates. Throws ParseError for a payload it cannot use. */
  parse(rawBody: string, channel: Channel): InboundEvent[];
  send(channel: Channel, to: Identity, message: Outbound): Promise<{ providerMessageId: string }>;
}

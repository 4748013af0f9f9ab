import type { z } from "zod";
import type { channelKindEnum, channels, contactIdentities } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";

export type ChannelKind = (typeof channelKindEnum.enumValues)[number];
export type Channel = typeof channels.$inferSelect;
export type Identity = typeof contactIdentities.$inferSelect;

/** What a channel accepts for one kind of file, in words the composer can show. */
export type MediaRule = { label: string; mimeTypes: string[]; maxBytes: number };

export type Capabilities = {
  text: { maxLength: number };
  media: MediaRule[];
  /** How many files one send may carry (the composer never allows more than 10). */
  maxFiles?: number;
  /** A provider's customer-care window: how long after the customer's last message we may write freely. */
  window?: { hours: number; outside: "template" | "tagged" | "none"; taggedHours?: number };
  canStartConversation: boolean;
  templates: boolean;
};

/** One field of an account's settings form. `secret` fields are encrypted and never sent back to the browser. */
export type FieldSpec = {
  name: string;
  label: string;
  type: "text" | "secret" | "number" | "email" | "url" | "textarea";
  help?: string;
  placeholder?: string;
  optional?: boolean;
  secret?: boolean;
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
  /**
   * Kind-specific data. Shapes the thread shows: `location: { latitude, longitude, name?, address? }`,
   * `contacts: [{ name, phones: string[], emails?: string[] }]`; e-mail headers and subject for e-mail.
   */
  payload?: Record<string, unknown>;
  /** Files; those still at the provider carry `pendingRef` and an empty `id`, and are fetched after the response. */
  attachments?: Attachment[];
  /** Files that came inside the webhook's body (e-mail): ingest stores them once the conversation exists. */
  files?: InboundFile[];
  /** E-mail threading: the Message-IDs this message answers, to find its conversation. */
  threadRefs?: string[];
  /** The provider's id of the account the event is for, when one URL can carry several (see `routeEvents` in webhook.ts). */
  accountId?: string;
};

/** A file's bytes as they arrived in a webhook body. */
export type InboundFile = { name: string; mimeType: string; data: Buffer };

export type InboundStatus = {
  type: "status";
  providerMessageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  errorCode?: string;
  errorText?: string;
  timestamp?: Date;
  /** Messenger receipts name no message but a time: every outbound message up to it is delivered/read. */
  watermark?: { recipient: string; upTo: Date };
  /** As on InboundMessage: the account the receipt is for. */
  accountId?: string;
};

/**
 * A message the business sent from outside Switchboard (Meta Business Suite, the Messenger or Instagram
 * app), as the provider echoes it back. `externalId` is the customer it went to. Echoes of our own sends
 * are recognised by their provider id and dropped.
 */
export type InboundEcho = Pick<InboundMessage, "providerMessageId" | "externalId" | "timestamp" | "kind" | "body" | "payload" | "attachments" | "accountId"> & {
  type: "echo";
};

/** The customer took a message back ("unsend" on Messenger and Instagram): its text and files are removed. */
export type InboundUnsent = { type: "unsent"; providerMessageId: string; accountId?: string };

export type InboundEvent = InboundMessage | InboundStatus | InboundEcho | InboundUnsent;

/**
 * What a provider answered to a send: the id statuses and echoes will name, and — when one message went out
 * as several provider messages (text, then each file) — the ids of the earlier parts.
 */
export type SendResult = { providerMessageId: string; otherIds?: string[] };

/** A stored file as an adapter sends it: its bytes on demand, or a signed public link (null without a public URL). */
export type OutboundFile = Attachment & { read: () => Promise<Buffer>; publicUrl: () => string | null };

/** What an adapter is asked to deliver. */
export type Outbound = {
  messageId: string;
  conversationId: string;
  kind: "text" | "media" | "template" | "location";
  body: string;
  attachments: OutboundFile[];
  payload?: Record<string, unknown> | null;
  /** Set when the provider's window is closed but a message tag (Messenger HUMAN_AGENT) still allows the reply. */
  tag?: "HUMAN_AGENT";
};

/** A payload the parser cannot use: the webhook answers 400 with this message and stores nothing. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParseError";
  }
}

/** A provider refused or failed a send (or a connection test); its reason is stored and shown. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "SendError";
  }
}

/** What the webhook stored, for adapters whose provider expects a particular answer (Twilio: TwiML). */
export type WebhookResult = { received: number };

export interface ChannelAdapter {
  kind: ChannelKind;
  label: string;
  capabilities: Capabilities;
  /** The account form in Settings → Channels. */
  fields: FieldSpec[];
  /** Validates the whole form (secrets included) on the server. */
  config: z.ZodType<Record<string, unknown>>;
  /** The provider's id for the account (phone number id, page id, bot id, inbound address), from its config. */
  externalId?(config: Record<string, unknown>): string | null;
  /** A provider's GET verification (e.g. Meta's hub.challenge); null when the request is not one. */
  handshake?(req: Request, channel: Channel): Response | null;
  /** The provider's signature over the raw body; false → 401 and nothing stored. */
  verify(req: Request, rawBody: string, channel: Channel): boolean;
  /**
   * Pure: payload → messages and status updates. Throws ParseError for a payload it cannot use. `url` is
   * the address the provider called; its query may name the event (Twilio's status callbacks carry
   * `?event=status`, channels.md gotcha 22). `bytes` is the body exactly as received (raw MIME is not
   * always UTF-8); parsers that stream (e-mail) return a promise.
   */
  parse(rawBody: string, channel: Channel, url?: URL, bytes?: Buffer): InboundEvent[] | Promise<InboundEvent[]>;
  /** The success answer when the provider expects something other than JSON 200 (Twilio wants TwiML). */
  respond?(result: WebhookResult): Response;
  send(channel: Channel, to: Identity, message: Outbound): Promise<SendResult>;
  /** Downloads a file the customer sent, with the provider's auth. */
  fetchMedia?(channel: Channel, ref: string): Promise<{ data: Buffer; mimeType: string; name?: string }>;
  /** The sender's name/handle from the provider's profile API, for channels whose webhooks carry none (Messenger, Instagram). */
  profile?(channel: Channel, externalId: string): Promise<{ profileName?: string; handle?: string } | null>;
  /** A cheap call that proves the credentials work; resolves with what it found ("Bot @NorthwindBot"). */
  testConnection?(channel: Channel): Promise<string>;
  /** Tells the provider where to deliver (Telegram setWebhook, Viber set_webhook), when it has such a call. */
  register?(channel: Channel, webhookUrl: string): Promise<void>;
  /** What the admin pastes at the provider (the URL, a verify token...); by default just the webhook URL. */
  webhookDetails?(channel: Channel, webhookUrl: string): { label: string; value: string }[];
}

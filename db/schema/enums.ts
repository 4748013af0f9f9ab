import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "supervisor", "agent", "watcher", "disabled"]);
export const channelKindEnum = pgEnum("channel_kind", [
  "webchat",
  "whatsapp",
  "messenger",
  "instagram",
  "telegram",
  "sms",
  "viber",
  "email",
]);
export const conversationStatusEnum = pgEnum("conversation_status", ["new", "open", "waiting", "closed", "blocked"]);
export const closedReasonEnum = pgEnum("closed_reason", ["archived", "rejected", "inactive", "barred", "blocked"]);
export const directionEnum = pgEnum("direction", ["in", "out"]);
export const messageKindEnum = pgEnum("message_kind", ["text", "media", "template", "location", "contact"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["received", "queued", "sent", "delivered", "read", "failed"]);
export const eventTypeEnum = pgEnum("conversation_event_type", [
  "created",
  "assigned",
  "transferred",
  "released",
  "rejected",
  "archived",
  "closed",
  "reopened",
  "tagged",
  "untagged",
  "noted",
  "first_response",
  "blocked",
  "unblocked",
  "merged",
]);

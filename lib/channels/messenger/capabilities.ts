import type { Capabilities } from "@/lib/channels/types";

/** Messenger's limits (channels.md 1b), with no server imports so the composer can check them too. */
export const MESSENGER_MAX_TEXT = 2000;

const MB = 1024 * 1024;

export const messengerCapabilities: Capabilities = {
  text: { maxLength: MESSENGER_MAX_TEXT },
  media: [
    { label: "images", mimeTypes: ["image/jpeg", "image/png", "image/gif", "image/webp"], maxBytes: 25 * MB },
    { label: "videos", mimeTypes: ["video/*"], maxBytes: 25 * MB },
    { label: "audio", mimeTypes: ["audio/*"], maxBytes: 25 * MB },
    { label: "files (PDF, office, text, archives)", mimeTypes: ["application/*", "text/*"], maxBytes: 25 * MB },
  ],
  // 24 h freely; then the HUMAN_AGENT tag up to 7 days after the customer's last message.
  window: { hours: 24, outside: "tagged", taggedHours: 168 },
  canStartConversation: false,
  templates: false,
};

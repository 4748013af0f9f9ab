import type { Capabilities } from "@/lib/channels/types";

/** WhatsApp's limits (channels.md 1b), with no server imports so the composer can check them too. */
export const WHATSAPP_MAX_TEXT = 4096;
export const WHATSAPP_MAX_CAPTION = 1024;

const MB = 1024 * 1024;

export const whatsappCapabilities: Capabilities = {
  text: { maxLength: WHATSAPP_MAX_TEXT },
  media: [
    { label: "images (JPEG, PNG)", mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
    { label: "stickers (WebP)", mimeTypes: ["image/webp"], maxBytes: 500 * 1024 },
    { label: "videos (MP4, 3GPP)", mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
    { label: "audio (AAC, AMR, MP3, M4A, OGG)", mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"], maxBytes: 16 * MB },
    {
      label: "documents (PDF, Word, Excel, PowerPoint, text)",
      mimeTypes: [
        "application/pdf",
        "text/plain",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      ],
      maxBytes: 100 * MB,
    },
  ],
  // 24 h after the customer's last message; after that only approved templates (error 131047 otherwise).
  window: { hours: 24, outside: "template" },
  canStartConversation: true,
  templates: true,
};

import type { Capabilities } from "@/lib/channels/types";

/**
 * Instagram's limits (channels.md 1b, Meta's "Send Messages" page), with no server imports so the composer
 * can check them too. Meta counts the text limit in UTF-8 bytes; the adapter checks bytes before sending.
 */
export const INSTAGRAM_MAX_TEXT_BYTES = 1000;

const MB = 1024 * 1024;

export const instagramCapabilities: Capabilities = {
  text: { maxLength: INSTAGRAM_MAX_TEXT_BYTES },
  media: [
    { label: "images (PNG, JPEG, GIF)", mimeTypes: ["image/png", "image/jpeg", "image/gif"], maxBytes: 8 * MB },
    {
      label: "videos (MP4, OGG, AVI, MOV, WebM)",
      mimeTypes: ["video/mp4", "video/ogg", "video/x-msvideo", "video/avi", "video/quicktime", "video/webm"],
      maxBytes: 25 * MB,
    },
    { label: "audio (AAC, M4A, WAV, MP4)", mimeTypes: ["audio/aac", "audio/mp4", "audio/x-m4a", "audio/m4a", "audio/wav", "audio/x-wav"], maxBytes: 25 * MB },
    { label: "PDF files", mimeTypes: ["application/pdf"], maxBytes: 25 * MB },
  ],
  window: { hours: 24, outside: "tagged", taggedHours: 168 },
  canStartConversation: false,
  templates: false,
};

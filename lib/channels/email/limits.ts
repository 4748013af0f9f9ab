import type { Capabilities } from "@/lib/channels/types";
import { formatBytes } from "@/lib/format";

/**
 * E-mail's limits, with no server imports so the composer can show and check them too. The project's
 * rule is 2 MB of attachments per mail in total (the reference's "attachments ≤ 2 MB"); rules.ts checks
 * each file against the media rule, the total is checked here.
 */
export const EMAIL_MAX_TOTAL_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const EMAIL_MAX_FILES = 10;
/** No technical limit exists; this keeps one reply readable and the stored row small. */
export const EMAIL_MAX_TEXT = 50_000;

export const emailCapabilities: Capabilities = {
  text: { maxLength: EMAIL_MAX_TEXT },
  media: [
    {
      label: "images, PDF, office, text and archive files",
      mimeTypes: [
        "image/*",
        "application/pdf",
        "text/plain",
        "text/csv",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/zip",
        "audio/*",
        "video/*",
      ],
      maxBytes: EMAIL_MAX_TOTAL_ATTACHMENT_BYTES,
    },
  ],
  maxFiles: EMAIL_MAX_FILES,
  canStartConversation: true,
  templates: false,
};

/** Why these files cannot go out in one mail (their total is over 2 MB), in words, or null. */
export function emailAttachmentProblem(files: { size: number }[]): string | null {
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= EMAIL_MAX_TOTAL_ATTACHMENT_BYTES) return null;
  return `E-mail attachments can be at most ${formatBytes(EMAIL_MAX_TOTAL_ATTACHMENT_BYTES)} in total; these are ${formatBytes(total)}.`;
}

import type { Capabilities, MediaRule } from "@/lib/channels/types";
import { formatBytes } from "@/lib/format";

/** The composer never sends more than this many files at once (the reference's limit). */
export const MAX_FILES_PER_MESSAGE = 10;

type FileLike = { name: string; mimeType: string; size: number };

function matches(rule: MediaRule, mimeType: string): boolean {
  const type = mimeType.split(";")[0].trim().toLowerCase();
  return rule.mimeTypes.some((m) => (m.endsWith("/*") ? type.startsWith(m.slice(0, -1)) : m === type));
}

/** A channel's file rules in words, e.g. "images (JPEG, PNG) up to 5 MB; documents (PDF) up to 100 MB". */
export function describeMediaRules(capabilities: Capabilities): string {
  if (!capabilities.media.length) return "no files";
  return capabilities.media.map((r) => `${r.label} up to ${formatBytes(r.maxBytes)}`).join("; ");
}

/**
 * Why a channel cannot carry this text and these files, in words for the agent, or null when it can.
 * Pure, so the composer checks before uploading and the server checks again before sending.
 */
export function outboundProblem(channelLabel: string, capabilities: Capabilities, body: string, files: FileLike[]): string | null {
  const max = capabilities.text.maxLength;
  if (body.length > max) {
    return `${channelLabel} messages can be at most ${max.toLocaleString("en")} characters (this one has ${body.length.toLocaleString("en")}).`;
  }
  if (!files.length) return null;
  const limit = Math.min(MAX_FILES_PER_MESSAGE, capabilities.maxFiles ?? MAX_FILES_PER_MESSAGE);
  if (!capabilities.media.length) return `${channelLabel} cannot carry files.`;
  if (files.length > limit) return `${channelLabel} takes at most ${limit} file${limit > 1 ? "s" : ""} per message.`;
  for (const file of files) {
    const rule = capabilities.media.find((r) => matches(r, file.mimeType));
    if (!rule) return `${channelLabel} cannot carry “${file.name}” (${file.mimeType || "unknown type"}). It accepts ${describeMediaRules(capabilities)}.`;
    if (file.size > rule.maxBytes) {
      return `“${file.name}” is ${formatBytes(file.size)}; ${channelLabel} accepts ${rule.label} up to ${formatBytes(rule.maxBytes)}.`;
    }
  }
  return null;
}

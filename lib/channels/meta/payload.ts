import { ParseError } from "@/lib/channels/types";

/** A webhook body's envelope: `{object, entry:[…]}` (channels.md 2.1–2.3). Anything else is a 400. */
export function parseEnvelope(rawBody: string): { object: string; entries: unknown[] } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new ParseError("The body is not JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ParseError("The body is not a JSON object.");
  const { object, entry } = body as { object?: unknown; entry?: unknown };
  if (typeof object !== "string") throw new ParseError("The payload has no `object`.");
  if (!Array.isArray(entry)) throw new ParseError("The payload has no `entry` list.");
  return { object, entries: entry };
}

/** A well-formed but irrelevant part of a payload: acknowledged (200) and noted in the log, never stored. */
export function skip(channel: string, what: string, detail?: unknown): void {
  console.warn(`${channel} webhook: skipped ${what}`, detail === undefined ? "" : detail);
}

const extensions: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "video/quicktime": "mov",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/wav": "wav",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

/** A file name for media that arrives without one ("image" + image/jpeg → "image.jpg"). */
export function fileNameFor(base: string, mimeType: string): string {
  if (/\.[A-Za-z0-9]{1,5}$/.test(base)) return base;
  const ext = extensions[mimeType.split(";")[0].trim().toLowerCase()];
  return ext ? `${base}.${ext}` : base;
}

/** The last path segment of a media URL when it looks like a file name ("…/abc.jpg?x=1" → "abc.jpg"). */
export function nameFromUrl(url: string): string | null {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    return /^[^/]{1,180}\.[A-Za-z0-9]{1,5}$/.test(last) ? last : null;
  } catch {
    return null;
  }
}

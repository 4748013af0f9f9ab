import type { Attachment } from "@/db/schema/conversations";

const MAX = 140;

/** The one line shown in conversation lists. */
export function previewOf(kind: string, body: string, attachments: Attachment[] = []): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text) return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
  if (kind === "location") return "📍 Location";
  if (kind === "contact") return "👤 Contact card";
  if (kind === "template") return "Template message";
  if (attachments.length) return `📎 ${attachments.map((a) => a.name).join(", ")}`.slice(0, MAX);
  return "";
}

import { AlertTriangleIcon, DownloadIcon, FileIcon, LoaderIcon, MapPinIcon, UserRoundIcon } from "lucide-react";
import type { Attachment } from "@/db/schema/conversations";
import { UNSENT_TEXT } from "@/lib/conversations/message-words";
import { formatBytes } from "@/lib/format";
import { fileUrl } from "@/lib/storage/file-url";
import { cn } from "@/lib/utils";

type Location = { latitude: number; longitude: number; name?: string; address?: string };
type ContactCard = { name?: string; phones?: string[]; emails?: string[] };

function asLocation(payload: Record<string, unknown> | null): Location | null {
  const candidate = (payload?.location ?? payload) as Partial<Location> | null | undefined;
  if (!candidate || typeof candidate.latitude !== "number" || typeof candidate.longitude !== "number") return null;
  return candidate as Location;
}

function asContacts(payload: Record<string, unknown> | null): ContactCard[] {
  const list = payload?.contacts;
  return Array.isArray(list) ? (list.filter((c) => c && typeof c === "object") as ContactCard[]) : [];
}

/** One file in a bubble: images and video as previews, audio with a player, anything else as a download. */
function AttachmentView({ attachment, out }: { attachment: Attachment; out: boolean }) {
  if (!attachment.id) {
    return (
      <p className={cn("flex items-center gap-2 text-xs", out ? "text-primary-foreground/80" : "text-muted-foreground")}>
        {attachment.error ? <AlertTriangleIcon className="size-4" aria-hidden="true" /> : <LoaderIcon className="size-4 animate-spin" aria-hidden="true" />}
        {attachment.error ? `Attachment unavailable (${attachment.name}): ${attachment.error}` : `Fetching ${attachment.name}…`}
      </p>
    );
  }
  const src = fileUrl(attachment.id);
  const type = attachment.mimeType.split(";")[0];
  if (/^image\/(png|jpeg|gif|webp)$/.test(type)) {
    return (
      <a href={src} target="_blank" rel="noreferrer" className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own files route with auth */}
        <img src={src} alt={attachment.name} loading="lazy" className="max-h-64 max-w-full rounded-lg object-contain" />
      </a>
    );
  }
  if (type.startsWith("video/")) {
    return <video src={src} controls preload="metadata" className="max-h-64 max-w-full rounded-lg" aria-label={attachment.name} />;
  }
  if (type.startsWith("audio/")) {
    return <audio src={src} controls preload="metadata" className="w-64 max-w-full" aria-label={attachment.name} />;
  }
  return (
    <a
      href={`${src}?download=1`}
      className={cn(
        "flex items-center gap-3 rounded-lg border px-3 py-2 text-sm",
        out ? "border-primary-foreground/30 hover:bg-primary-foreground/10" : "hover:bg-accent",
      )}
    >
      <FileIcon className="size-5 shrink-0" aria-hidden="true" />
      <span className="min-w-0">
        <span className="block truncate font-medium">{attachment.name}</span>
        <span className={cn("text-xs", out ? "text-primary-foreground/75" : "text-muted-foreground")}>{formatBytes(attachment.size)}</span>
      </span>
      <DownloadIcon className="ml-auto size-4 shrink-0" aria-label="Download" />
    </a>
  );
}

/** A message's text, files, location or contact cards. Text is rendered as text, never as HTML. */
export function MessageContent({
  body,
  attachments,
  payload,
  out,
}: {
  body: string;
  attachments: Attachment[];
  payload: Record<string, unknown> | null;
  out: boolean;
}) {
  if (payload?.unsent) return <p className="italic opacity-80">{UNSENT_TEXT}</p>;
  const location = asLocation(payload);
  const contacts = asContacts(payload);
  return (
    <div className="grid gap-2">
      {attachments.map((a, i) => (
        <AttachmentView key={a.id || `${a.name}-${i}`} attachment={a} out={out} />
      ))}
      {location && (
        <a
          href={`https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`}
          target="_blank"
          rel="noreferrer"
          className="flex items-start gap-2 underline-offset-4 hover:underline"
        >
          <MapPinIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>
            {location.name ?? "Shared location"}
            <span className="block text-xs opacity-75">{location.address ?? `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`}</span>
          </span>
        </a>
      )}
      {contacts.map((c, i) => (
        <div key={i} className="flex items-start gap-2">
          <UserRoundIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>
            <span className="block font-medium">{c.name ?? "Contact card"}</span>
            {[...(c.phones ?? []), ...(c.emails ?? [])].map((v) => (
              <span key={v} className="block text-xs opacity-75">
                {v}
              </span>
            ))}
          </span>
        </div>
      ))}
      {body && <p className="break-words whitespace-pre-wrap">{body}</p>}
    </div>
  );
}

import { FileIcon } from "lucide-react";
import { formatBytes } from "@/lib/format";
import type { AwayMessage } from "@/lib/office-hours/away-messages";
import { fileUrl } from "@/lib/storage/file-url";

/**
 * What the customer receives, drawn like the web-chat widget: their own message, then each away message
 * as its own bubble, in order — exactly the texts and files that will be sent.
 */
export function AwayPreview({
  channelName,
  channelLabel,
  color,
  messages,
}: {
  channelName: string;
  channelLabel: string;
  /** The widget's colour for a web chat; other channels get a neutral frame. */
  color: string | null;
  messages: AwayMessage[];
}) {
  return (
    <section aria-labelledby="away-preview-heading" className="grid w-full max-w-sm content-start gap-2">
      <h2 id="away-preview-heading" className="text-sm font-semibold">
        Preview
      </h2>
      <div
        className="overflow-hidden rounded-2xl border bg-background shadow-sm"
        style={{ "--widget": color ?? "var(--primary)" } as React.CSSProperties}
      >
        <div className={color ? "bg-[var(--widget)] px-4 py-3 text-white" : "border-b bg-muted px-4 py-3"}>
          <p className="truncate text-sm font-semibold">{channelName}</p>
          <p className={color ? "text-xs opacity-90" : "text-xs text-muted-foreground"}>As the customer sees it on {channelLabel}</p>
        </div>
        <ol className="grid gap-2 p-4" aria-label="Messages the customer receives">
          <li className="flex justify-end">
            <p className="max-w-[85%] rounded-2xl rounded-br-md bg-[var(--widget)] px-3 py-2 text-sm text-white">Hi, is anyone there?</p>
          </li>
          {messages.length === 0 ? (
            <li className="py-4 text-center text-xs text-muted-foreground">No automatic reply: the customer waits until the team is back.</li>
          ) : (
            messages.map((m) => (
              <li key={m.id} className="flex justify-start">
                {m.attachment ? (
                  m.attachment.mimeType.startsWith("image/") ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a stored upload behind a session check, not a static asset
                    <img
                      src={fileUrl(m.attachment.id)}
                      alt={m.attachment.name}
                      className="max-h-48 max-w-[85%] rounded-2xl rounded-bl-md border object-cover"
                    />
                  ) : (
                    <p className="flex max-w-[85%] items-center gap-2 rounded-2xl rounded-bl-md bg-muted px-3 py-2 text-sm">
                      <FileIcon className="size-4 shrink-0" aria-hidden="true" />
                      <span className="min-w-0 truncate">{m.attachment.name}</span>
                      <span className="shrink-0 text-xs text-muted-foreground">{formatBytes(m.attachment.size)}</span>
                    </p>
                  )
                ) : (
                  <p className="max-w-[85%] rounded-2xl rounded-bl-md bg-muted px-3 py-2 text-sm whitespace-pre-wrap wrap-anywhere">{m.body}</p>
                )}
              </li>
            ))
          )}
        </ol>
      </div>
      <p className="text-xs text-muted-foreground">Sent once per conversation each time the team closes; each message arrives separately.</p>
    </section>
  );
}

"use client";

import { ChevronDownIcon, ChevronUpIcon, CodeXmlIcon, ImageIcon, MailIcon, QuoteIcon } from "lucide-react";
import { useId, useMemo, useState, type ReactNode } from "react";
import { MessageContent } from "@/components/conversation/message-content";
import type { Attachment } from "@/db/schema/conversations";
import { emailFrameDocument, emailView, hasRemoteImages } from "@/lib/channels/email/view";
import { cn } from "@/lib/utils";

function Toggle({
  open,
  controls,
  onClick,
  out,
  icon,
  children,
}: {
  open?: boolean;
  controls?: string;
  onClick: () => void;
  out: boolean;
  icon: ReactNode;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onClick}
      className={cn(
        "inline-flex min-h-7 items-center gap-1 rounded-md px-1.5 text-xs font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
        out ? "text-primary-foreground/85 hover:text-primary-foreground" : "text-muted-foreground hover:text-foreground",
      )}
    >
      {icon}
      {children}
      {open !== undefined && (open ? <ChevronUpIcon className="size-3.5" aria-hidden="true" /> : <ChevronDownIcon className="size-3.5" aria-hidden="true" />)}
    </button>
  );
}

/**
 * An e-mail in the thread: its subject (and cc), the new text, its files, and two things kept one click
 * away — the quoted history the customer's mail client added, and the original formatting, rendered in a
 * sandboxed frame from HTML that was sanitised on arrival. Remote images load only on request.
 */
export function EmailBody({
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
  const view = useMemo(() => emailView(payload), [payload]);
  const [showQuoted, setShowQuoted] = useState(false);
  const [showHtml, setShowHtml] = useState(false);
  const [remoteImages, setRemoteImages] = useState(false);
  const quotedId = useId();
  const htmlId = useId();
  const muted = out ? "text-primary-foreground/80" : "text-muted-foreground";

  return (
    // minmax(0, 1fr): the frame's preferred width may widen the bubble, never push past it.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-1.5">
      {(view.subject || view.cc.length > 0) && (
        <div className={cn("grid gap-0.5 border-b pb-1.5", out ? "border-primary-foreground/25" : "border-border")}>
          {view.subject && (
            <p className="flex items-start gap-1.5 font-medium break-words">
              <MailIcon className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
              <span>
                <span className="sr-only">Subject: </span>
                {view.subject}
              </span>
            </p>
          )}
          {view.cc.length > 0 && <p className={cn("text-xs break-words", muted)}>Cc: {view.cc.join(", ")}</p>}
        </div>
      )}
      <MessageContent body={body} attachments={attachments} payload={null} out={out} />
      {!body && !attachments.length && <p className={cn("text-xs italic", muted)}>(no text)</p>}

      {view.quoted && (
        <div className="-mx-1.5">
          <Toggle open={showQuoted} controls={quotedId} onClick={() => setShowQuoted((v) => !v)} out={out} icon={<QuoteIcon className="size-3.5" aria-hidden="true" />}>
            {showQuoted ? "Hide quoted text" : "Show quoted text"}
          </Toggle>
        </div>
      )}
      {view.quoted && showQuoted && (
        <p id={quotedId} className={cn("border-l-2 pl-2 text-xs break-words whitespace-pre-wrap", out ? "border-primary-foreground/40" : "border-border", muted)}>
          {view.quoted}
        </p>
      )}
      {view.html && (
        <div className="-mx-1.5">
          <Toggle open={showHtml} controls={htmlId} onClick={() => setShowHtml((v) => !v)} out={out} icon={<CodeXmlIcon className="size-3.5" aria-hidden="true" />}>
            {showHtml ? "Hide formatted (HTML)" : "Show formatted (HTML)"}
          </Toggle>
        </div>
      )}
      {view.html && showHtml && (
        <div id={htmlId} className="grid grid-cols-[minmax(0,1fr)] gap-1">
          {hasRemoteImages(view.html) && !remoteImages && (
            <div className={cn("flex flex-wrap items-center gap-x-2 text-xs", muted)}>
              <span>Remote images are not loaded, so the sender cannot tell that the mail was read.</span>
              <Toggle onClick={() => setRemoteImages(true)} out={out} icon={<ImageIcon className="size-3.5" aria-hidden="true" />}>
                Load remote images
              </Toggle>
            </div>
          )}
          {/* The frame cannot report its height (no scripts), so the reader can drag it taller. */}
          <div className="h-80 max-h-[80vh] w-[36rem] max-w-full resize-y overflow-hidden rounded-md border bg-white">
            <iframe
              // No scripts, no forms, no navigation, no same-origin access: the mail can only be looked at.
              sandbox=""
              srcDoc={emailFrameDocument(view.html, remoteImages)}
              title={`Formatted e-mail${view.subject ? `: ${view.subject}` : ""}`}
              referrerPolicy="no-referrer"
              className="size-full"
            />
          </div>
        </div>
      )}
    </div>
  );
}

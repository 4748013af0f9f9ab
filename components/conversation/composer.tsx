"use client";

import { FileIcon, PaperclipIcon, SendHorizontalIcon, XIcon } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { replyAction } from "@/app/(app)/inbox/actions";
import { EmojiPicker } from "@/components/composer/emoji-picker";
import { LocationShare } from "@/components/composer/location-share";
import { useDraft } from "@/components/composer/use-draft";
import { useQuickReplies } from "@/components/composer/use-quick-replies";
import { VoiceRecorder } from "@/components/composer/voice-recorder";
import { uploadFiles, usePickedFiles } from "@/components/conversation/attachment-picker";
import type { PaneHeader, PanePermissions, PendingMessage } from "@/components/conversation/types";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { Textarea } from "@/components/ui/textarea";
import { channelLabels } from "@/lib/channels/labels";
import { describeMediaRules, MAX_FILES_PER_MESSAGE, outboundProblem } from "@/lib/channels/rules";
import type { Capabilities } from "@/lib/channels/types";
import { formatBytes } from "@/lib/format";
import { cn } from "@/lib/utils";

function newClientId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** Why the reply box is closed, in words, or null when the viewer may reply. */
function lockedReason(header: PaneHeader, me: { id: string }, permissions: PanePermissions): string | null {
  if (header.status === "closed") return "This conversation is closed. If the customer writes again, it reopens.";
  if (!header.channel.active) return `The channel “${header.channel.name}” is deactivated, so replies cannot be sent on it.`;
  if (permissions.reply) return null;
  if (header.assigneeId && header.assigneeId !== me.id) return `Assigned to ${header.assigneeName ?? "a colleague"}: only they can reply.`;
  return "Your role can read conversations but not reply.";
}

/**
 * The reply box. Enter sends, Shift+Enter adds a line. Files come by the paperclip, drag-and-drop or
 * paste, with a preview, and are checked against the channel's rules before anything is uploaded. A send
 * in flight blocks a second one, and each send carries an id the server deduplicates on, so a double Enter
 * or a retried request posts once.
 */
export function Composer({
  conversationId,
  header,
  me,
  permissions,
  capabilities,
  onPending,
  onSettled,
  banner,
}: {
  conversationId: string;
  header: PaneHeader;
  me: { id: string };
  permissions: PanePermissions;
  capabilities: Capabilities | null;
  onPending: (message: PendingMessage) => void;
  onSettled: (clientId: string) => void;
  /** Replaces the box when the channel's window is closed (templates only). */
  banner?: React.ReactNode;
}) {
  // The draft survives switching conversations and reloads (components/composer/use-draft.ts).
  const [text, setText] = useDraft(me.id, conversationId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { picked, add, remove, clear } = usePickedFiles();
  const locked = lockedReason(header, me, permissions);
  // Quick replies: the lightning picker, !group, Ctrl+1…9, and unfilled placeholders holding Send back.
  const quick = useQuickReplies({ conversationId, text, setText, textarea, enabled: !locked && !banner });
  const label = channelLabels[header.channel.kind];
  const problem = capabilities
    ? outboundProblem(label, capabilities, text.trim(), picked.map((p) => ({ name: p.file.name, mimeType: p.file.type, size: p.file.size })))
    : null;
  const canAttach = Boolean(capabilities?.media.length);

  async function send() {
    const body = text.trim();
    if ((!body && !picked.length) || sending.current || locked || problem || quick.missing.length) return;
    sending.current = true;
    setBusy(true);
    const clientId = newClientId();
    onPending({ clientId, body: body || picked.map((p) => `📎 ${p.file.name}`).join("\n") });
    try {
      let fileIds: string[] = [];
      if (picked.length) {
        const uploaded = await uploadFiles(conversationId, picked.map((p) => p.file));
        if (!uploaded.ok) {
          toast.error(uploaded.error);
          return;
        }
        fileIds = uploaded.ids;
      }
      setText("");
      const result = await replyAction({ conversationId, body, clientId, fileIds });
      if (!result.ok) {
        setText(body);
        toast.error(result.error);
        return;
      }
      clear();
      if (result.data.status === "failed") toast.error(`Not delivered: ${result.data.error ?? "the provider refused it"}`);
    } catch {
      setText(body);
      toast.error("Your reply could not be sent: the connection dropped. It is back in the box; try again.");
    } finally {
      sending.current = false;
      setBusy(false);
      onSettled(clientId);
    }
  }

  if (locked) {
    return (
      <div className="border-t bg-muted/40 px-4 py-3 text-center text-sm text-muted-foreground" role="status">
        {locked}
      </div>
    );
  }
  if (banner) return <div className="border-t">{banner}</div>;

  return (
    <form
      className={cn("border-t bg-background p-3", dragging && "bg-primary/5 ring-2 ring-primary/40 ring-inset")}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      onDragOver={(e) => {
        if (!canAttach || !e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (!canAttach || !e.dataTransfer.files.length) return;
        e.preventDefault();
        add(e.dataTransfer.files);
      }}
    >
      <div className="mx-auto grid max-w-3xl gap-2">
        {picked.length > 0 && (
          <ul className="flex flex-wrap gap-2" aria-label="Files to send">
            {picked.map((p) => (
              <li key={p.key} className="flex items-center gap-2 rounded-md border bg-muted/40 p-1.5 pr-1 text-xs">
                {p.previewUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element -- a local object URL, nothing to optimise
                  <img src={p.previewUrl} alt="" className="size-10 rounded object-cover" />
                ) : (
                  <FileIcon className="size-5 text-muted-foreground" aria-hidden="true" />
                )}
                <span className="max-w-40">
                  <span className="block truncate font-medium">{p.file.name}</span>
                  <span className="text-muted-foreground">{formatBytes(p.file.size)}</span>
                </span>
                <Button variant="ghost" size="icon-sm" className="size-6" aria-label={`Remove ${p.file.name}`} onClick={() => remove(p.key)}>
                  <XIcon />
                </Button>
              </li>
            ))}
          </ul>
        )}
        {problem && (
          <p role="alert" className="text-sm text-destructive">
            {problem}
          </p>
        )}
        {quick.warning}
        <div className="relative">{quick.menu}</div>
        <div className="flex items-end gap-2">
          {canAttach && (
            <>
              <input
                ref={fileInput}
                type="file"
                multiple
                className="sr-only"
                tabIndex={-1}
                aria-hidden="true"
                onChange={(e) => {
                  if (e.target.files) add(e.target.files);
                  e.target.value = "";
                }}
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Attach files (up to ${MAX_FILES_PER_MESSAGE}; ${label} takes ${capabilities ? describeMediaRules(capabilities) : "no files"})`}
                title={capabilities ? `${label} takes ${describeMediaRules(capabilities)}` : undefined}
                disabled={picked.length >= MAX_FILES_PER_MESSAGE}
                onClick={() => fileInput.current?.click()}
              >
                <PaperclipIcon />
              </Button>
            </>
          )}
          {quick.button}
          <Textarea
            ref={textarea}
            {...quick.comboboxProps}
            aria-label={`Reply to ${header.customer} on ${label}`}
            placeholder={header.assigneeId ? "Write a reply…" : "Write a reply — sending assigns the conversation to you"}
            value={text}
            rows={2}
            className="max-h-48 min-h-11 resize-none"
            onChange={(e) => {
              setText(e.target.value);
              quick.trackCaret(e.currentTarget);
            }}
            onSelect={(e) => quick.trackCaret(e.currentTarget)}
            onPaste={(e) => {
              if (canAttach && e.clipboardData.files.length) {
                e.preventDefault();
                add(e.clipboardData.files);
              }
            }}
            onKeyDown={(e) => {
              if (quick.onKeyDown(e)) return;
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void send();
              }
            }}
          />
          <Button
            type="submit"
            size="icon"
            disabled={busy || Boolean(problem) || quick.missing.length > 0 || (!text.trim() && !picked.length)}
            aria-label="Send reply"
          >
            <SendHorizontalIcon />
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-x-1 gap-y-1">
          <EmojiPicker textarea={textarea} text={text} setText={setText} />
          {canAttach && <VoiceRecorder onRecorded={(file) => add([file])} />}
          <LocationShare conversationId={conversationId} onPending={onPending} onSettled={onSettled} />
          <p className="ml-auto text-xs text-muted-foreground">
            <Kbd>Enter</Kbd> sends · <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new line · goes out on {label} ({header.channel.name})
          </p>
        </div>
      </div>
    </form>
  );
}

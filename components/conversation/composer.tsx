"use client";

import { SendHorizontalIcon } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { replyAction } from "@/app/(app)/inbox/actions";
import type { PaneHeader, PanePermissions, PendingMessage } from "@/components/conversation/types";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { Textarea } from "@/components/ui/textarea";
import { channelLabels } from "@/lib/channels/labels";

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
 * The reply box. Enter sends, Shift+Enter adds a line. A send in flight blocks a second one, and each
 * send carries an id the server deduplicates on, so a double Enter or a retried request posts once.
 */
export function Composer({
  conversationId,
  header,
  me,
  permissions,
  onPending,
  onSettled,
}: {
  conversationId: string;
  header: PaneHeader;
  me: { id: string };
  permissions: PanePermissions;
  onPending: (message: PendingMessage) => void;
  onSettled: (clientId: string) => void;
}) {
  const [text, setText] = useState("");
  const sending = useRef(false);
  const [busy, setBusy] = useState(false);
  const locked = lockedReason(header, me, permissions);

  async function send() {
    const body = text.trim();
    if (!body || sending.current || locked) return;
    sending.current = true;
    setBusy(true);
    const clientId = newClientId();
    onPending({ clientId, body });
    setText("");
    try {
      const result = await replyAction({ conversationId, body, clientId });
      if (!result.ok) {
        setText(body);
        toast.error(result.error);
      } else if (result.data.status === "failed") {
        toast.error(`Not delivered: ${result.data.error ?? "the provider refused it"}`);
      }
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

  return (
    <form
      className="border-t bg-background p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <Textarea
          aria-label={`Reply to ${header.customer} on ${channelLabels[header.channel.kind]}`}
          placeholder={header.assigneeId ? "Write a reply…" : "Write a reply — sending assigns the conversation to you"}
          value={text}
          rows={2}
          className="max-h-48 min-h-11 resize-none"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button type="submit" size="icon" disabled={busy || !text.trim()} aria-label="Send reply">
          <SendHorizontalIcon />
        </Button>
      </div>
      <p className="mx-auto mt-1.5 max-w-3xl text-xs text-muted-foreground">
        <Kbd>Enter</Kbd> sends · <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new line · goes out on {channelLabels[header.channel.kind]} ({header.channel.name})
      </p>
    </form>
  );
}

"use client";

import { SendHorizontalIcon } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { replyAction } from "@/app/(app)/inbox/actions";
import { QUICK_REPLY_MIME, type DraggedReply } from "@/components/composer/reply-option";
import type { PendingMessage } from "@/components/conversation/types";

function newClientId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/**
 * Audite's drag-and-drop: a quick reply dropped onto the thread is sent at once, through the same reply
 * action as the composer (with its own client id, so a double drop cannot post twice). A reply with a
 * placeholder the conversation cannot fill is refused: it has to go through the reply box.
 */
export function QuickReplyDrop({
  conversationId,
  enabled,
  onPending,
  onSettled,
  children,
}: {
  conversationId: string;
  enabled: boolean;
  onPending: (message: PendingMessage) => void;
  onSettled: (clientId: string) => void;
  children: React.ReactNode;
}) {
  const [over, setOver] = useState(false);
  const inFlight = useRef<string | null>(null);

  async function send(reply: DraggedReply) {
    if (reply.missing.length) {
      toast.error(`This quick reply needs ${reply.missing.map((m) => `{{${m}}}`).join(", ")} filled in: drop it in the reply box and complete it there.`);
      return;
    }
    if (inFlight.current === reply.text) return;
    inFlight.current = reply.text;
    const clientId = newClientId();
    onPending({ clientId, body: reply.text });
    try {
      const result = await replyAction({ conversationId, body: reply.text, clientId });
      if (!result.ok) toast.error(result.error);
      else if (result.data.status === "failed") toast.error(`Not delivered: ${result.data.error ?? "the provider refused it"}`);
    } catch {
      toast.error("The quick reply could not be sent: the connection dropped. Try again.");
    } finally {
      inFlight.current = null;
      onSettled(clientId);
    }
  }

  return (
    <div
      className="relative flex min-h-0 flex-1 flex-col"
      onDragOver={(e) => {
        if (!enabled || !e.dataTransfer.types.includes(QUICK_REPLY_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        const raw = e.dataTransfer.getData(QUICK_REPLY_MIME);
        if (!enabled || !raw) return;
        e.preventDefault();
        try {
          void send(JSON.parse(raw) as DraggedReply);
        } catch {
          // Not one of ours after all.
        }
      }}
    >
      {children}
      {over && (
        <div className="pointer-events-none absolute inset-2 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-primary/10 text-sm font-medium text-primary">
          <SendHorizontalIcon className="mr-2 size-4" aria-hidden="true" />
          Drop to send this quick reply now
        </div>
      )}
    </div>
  );
}

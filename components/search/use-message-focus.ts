"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "sonner";
import { messagesAroundAction } from "@/app/(app)/inbox/workspace-actions";
import type { ThreadMessage } from "@/components/conversation/types";

/**
 * A conversation opened from search (`?message=<id>`) shows that message: when it is older than the
 * loaded page, the messages from just before it are loaded first (`onEarlier`); then it is scrolled
 * into view (the caller stops following the newest message in `onFocused`). Returns the id to mark.
 */
export function useMessageFocus({
  conversationId,
  messages,
  hasEarlier,
  onEarlier,
  onFocused,
}: {
  conversationId: string;
  messages: ThreadMessage[];
  hasEarlier: boolean;
  onEarlier: (older: ThreadMessage[], hasEarlier: boolean) => void;
  onFocused: () => void;
}): string | null {
  const focusId = useSearchParams().get("message");
  const requested = useRef<string | null>(null);
  const shown = useRef<string | null>(null);
  const loaded = focusId ? messages.some((m) => m.id === focusId) : false;
  const oldest = messages[0]?.createdAt;

  useEffect(() => {
    if (!focusId || loaded || !hasEarlier || !oldest || requested.current === focusId) return;
    requested.current = focusId;
    void messagesAroundAction({ conversationId, messageId: focusId, before: oldest }).then((result) => {
      if (!result.ok) toast.error(result.error);
      else if (!result.data) toast.error("The message from the search is no longer in this conversation.");
      else onEarlier(result.data.messages, result.data.hasEarlier);
    });
  }, [focusId, loaded, hasEarlier, oldest, conversationId, onEarlier]);

  useEffect(() => {
    if (!focusId || !loaded || shown.current === focusId) return;
    const node = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusId)}"]`);
    if (!node) return;
    shown.current = focusId;
    onFocused();
    node.scrollIntoView({ block: "center" });
  }, [focusId, loaded, onFocused]);

  return loaded ? focusId : null;
}

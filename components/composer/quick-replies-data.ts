"use client";

import { quickRepliesAction } from "@/app/(app)/inbox/workspace-actions";
import type { PlaceholderValues } from "@/lib/quick-replies/placeholders";
import type { QuickReplyGroup } from "@/lib/quick-replies/quick-replies";

export type QuickReplyData = { groups: QuickReplyGroup[]; values: PlaceholderValues };

const cache = new Map<string, Promise<QuickReplyData | { error: string }>>();

/**
 * The quick replies and this conversation's placeholder values, fetched on first use (the lightning
 * button, a `!` or Ctrl+digit) and kept for the page's life; a failed fetch is tried again next time.
 */
export function loadQuickReplies(conversationId: string): Promise<QuickReplyData | { error: string }> {
  let request = cache.get(conversationId);
  if (!request) {
    request = quickRepliesAction({ conversationId }).then((r) => (r.ok ? r.data : { error: r.error }));
    cache.set(conversationId, request);
    void request.then((r) => "error" in r && cache.delete(conversationId));
  }
  return request;
}

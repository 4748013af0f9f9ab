import { publishMany } from "@/lib/realtime/publish";
import { conversationTopic, inboxTopic } from "@/lib/realtime/topics";
import type { IngestOutcome } from "@/lib/conversations/ingest";

/**
 * Tells open agent pages that a conversation changed (list rows, counts, its pane). Every reader of the
 * inbox gets inbox events, whatever their team, so payloads carry ids only; pages refetch what they may see.
 */
export function conversationChanged(conversationId: string) {
  return publishMany([
    { topic: inboxTopic, event: "conversation-changed", payload: { id: conversationId } },
    { topic: conversationTopic(conversationId), event: "conversation-changed", payload: { id: conversationId } },
  ]);
}

export function messageChanged(conversationId: string, messageId: string, event: "message-created" | "message-status") {
  return publishMany([
    { topic: inboxTopic, event: "conversation-changed", payload: { id: conversationId } },
    { topic: conversationTopic(conversationId), event, payload: { id: messageId } },
  ]);
}

export async function notifyIngest(outcomes: IngestOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if (outcome.type === "message" && outcome.result === "stored") {
      await messageChanged(outcome.conversationId, outcome.messageId, "message-created");
    } else if (outcome.type === "status" && outcome.result === "applied") {
      await messageChanged(outcome.conversationId, outcome.messageId, "message-status");
    }
  }
}

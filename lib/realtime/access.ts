import { eq } from "drizzle-orm";
import { conversations } from "@/db/schema";
import { can, canSeeConversation, type ServiceSettings } from "@/lib/auth/permissions";
import { verifyVisitorToken } from "@/lib/channels/webchat/token";
import type { DbOrTx } from "@/lib/db/client";
import { parseTopic } from "@/lib/realtime/topics";
import type { CurrentUser } from "@/lib/users";

// Kept apart from topics.ts so that client components can build topic names without pulling the
// database and node:crypto into the browser bundle.

/**
 * May this signed-in user receive the events of `topic`? The inbox topic carries only ids and changed
 * fields, so any reader may have it (the list refetch is what applies team scope); a conversation topic
 * applies the same visibility rule as opening the conversation.
 */
export async function canSubscribeUser(
  db: DbOrTx,
  user: CurrentUser,
  settings: ServiceSettings,
  topic: string,
): Promise<boolean> {
  const parsed = parseTopic(topic);
  if (!parsed) return false;
  switch (parsed.kind) {
    case "inbox":
      return can(user, "conversations.read", settings);
    case "user":
      return parsed.id === user.id && user.role !== "disabled";
    case "conversation": {
      const [scope] = await db
        .select({ teamId: conversations.teamId, assigneeId: conversations.assigneeId, status: conversations.status })
        .from(conversations)
        .where(eq(conversations.id, parsed.id));
      return Boolean(scope) && canSeeConversation(user, settings, scope);
    }
    case "visitor":
      return false;
  }
}

/** A web-chat visitor may follow only their own topic, proven by the token the widget holds. */
export function canSubscribeVisitor(channelId: string, token: string | null | undefined, topic: string): boolean {
  const parsed = parseTopic(topic);
  if (parsed?.kind !== "visitor") return false;
  const visitor = verifyVisitorToken(channelId, token);
  return visitor !== null && visitor === parsed.id;
}

/** Who is asking to listen: a signed-in user, or a web-chat visitor whose token checked out. */
export type Subscriber =
  | { kind: "user"; db: DbOrTx; user: CurrentUser; settings: ServiceSettings }
  | { kind: "visitor"; channelId: string; token: string };

export async function canSubscribe(subscriber: Subscriber, topic: string): Promise<boolean> {
  return subscriber.kind === "user"
    ? canSubscribeUser(subscriber.db, subscriber.user, subscriber.settings, topic)
    : canSubscribeVisitor(subscriber.channelId, subscriber.token, topic);
}

/** True only when every topic is allowed: a stream is all-or-nothing, so one refusal refuses it. */
export async function canSubscribeAll(subscriber: Subscriber, topics: string[]): Promise<boolean> {
  const answers = await Promise.all(topics.map((topic) => canSubscribe(subscriber, topic)));
  return answers.every(Boolean);
}

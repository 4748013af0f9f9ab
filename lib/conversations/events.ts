import { conversationEvents, type eventTypeEnum } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

export type EventType = (typeof eventTypeEnum.enumValues)[number];

/** Every change to a conversation leaves one of these: the case timeline and the source for statistics. */
export async function recordEvent(
  db: DbOrTx,
  conversationId: string,
  type: EventType,
  actorId: string | null,
  data: Record<string, unknown> = {},
  at?: Date,
): Promise<void> {
  await db.insert(conversationEvents).values({ conversationId, type, actorId, data, ...(at ? { createdAt: at } : {}) });
}

/** Several events in one statement (for jobs that change many conversations at once). */
export async function recordEvents(
  db: DbOrTx,
  events: { conversationId: string; type: EventType; actorId: string | null; data?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length) await db.insert(conversationEvents).values(events.map((e) => ({ ...e, data: e.data ?? {} })));
}

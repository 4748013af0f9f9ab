import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { contactIdentities, conversations } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { recordEvents } from "@/lib/conversations/events";
import { conversationChanged } from "@/lib/conversations/notify";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

/**
 * Barring drops a sender's inbound before anything is created (ingest counts what it dropped) and closes
 * their active conversation as barred. Distinct from blocking a contact, which keeps what they write
 * aside for review.
 */
export async function setBarred(
  db: Db,
  actor: CurrentUser,
  target: { identityId: string } | { contactId: string },
  barred: boolean,
): Promise<{ identities: number; closed: string[] }> {
  assertCan(actor, "conversation.bar", await getSettings(db));
  const result = await db.transaction(async (tx) => {
    const where = "identityId" in target ? eq(contactIdentities.id, target.identityId) : eq(contactIdentities.contactId, target.contactId);
    const changed = await tx
      .update(contactIdentities)
      .set({ barred })
      .where(where)
      .returning({ id: contactIdentities.id, contactId: contactIdentities.contactId });
    if (!changed.length) throw new NotFoundError("This sender");
    if (!barred) return { identities: changed.length, closed: [] };
    const contactIds = [...new Set(changed.map((c) => c.contactId))];
    const closed = await tx
      .update(conversations)
      .set({ status: "closed", closedReason: "barred", closedAt: sql`now()`, waitingSince: null })
      .where(and(inArray(conversations.contactId, contactIds), ne(conversations.status, "closed")))
      .returning({ id: conversations.id });
    await recordEvents(
      tx,
      closed.map((c) => ({ conversationId: c.id, type: "closed" as const, actorId: actor.id, data: { reason: "barred" } })),
    );
    return { identities: changed.length, closed: closed.map((c) => c.id) };
  });
  for (const id of result.closed) await conversationChanged(id);
  return result;
}

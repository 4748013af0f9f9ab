import { notes } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { conversationChanged } from "@/lib/conversations/notify";
import { recordEvent } from "@/lib/conversations/events";
import { loadForAction } from "@/lib/conversations/lifecycle";
import type { CurrentUser } from "@/lib/users";

export const NOTE_MAX = 5000;

/** An internal note: seen by colleagues, never sent to the customer. */
export async function addNote(db: Db, actor: CurrentUser, conversationId: string, body: string) {
  await loadForAction(db, actor, conversationId, "conversation.note");
  const text = body.trim();
  if (!text) throw new UserError("Write the note first.", { body: ["Write the note first."] });
  if (text.length > NOTE_MAX) throw new UserError(`A note can be at most ${NOTE_MAX} characters.`, { body: [`At most ${NOTE_MAX} characters.`] });
  const result = await db.transaction(async (tx) => {
    const [note] = await tx.insert(notes).values({ conversationId, authorId: actor.id, body: text }).returning();
    await recordEvent(tx, conversationId, "noted", actor.id, { noteId: note.id });
    return note;
  });
  await conversationChanged(conversationId);
  return result;
}

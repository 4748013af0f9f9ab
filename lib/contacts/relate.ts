import { assertCan } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { conversationChanged } from "@/lib/conversations/notify";
import { loadContact, saveContact, type SaveContactResult } from "@/lib/contacts/contacts";
import type { DuplicateAnswer } from "@/lib/contacts/contact.validation";
import { activeConversationIds, foldContact } from "@/lib/contacts/merge";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

/**
 * "Relate to an existing customer": the unrecognised sender of a conversation turns out to be a known
 * contact. The sender's contact (created by ingest from the first message) folds into the chosen one:
 * its identity moves there and its open conversation joins the contact's, so the contact still has one
 * open thread. Agents may do this with contact.edit; folding a recognised contact is a merge and needs
 * contact.merge, on the contact page.
 */
export async function relateToContact(db: Db, actor: CurrentUser, conversationId: string, contactId: string): Promise<{ contactId: string }> {
  const conversation = await loadForAction(db, actor, conversationId, "conversations.read");
  assertCan(actor, "contact.edit", await getSettings(db));
  const sender = await loadContact(db, conversation.contactId);
  if (sender.known) throw new UserError("This customer is already recognised. To combine two known contacts, use Merge on the contact page.");
  if (sender.id === contactId) throw new UserError("This conversation already belongs to that contact.");
  await loadContact(db, contactId);
  const touched = await db.transaction(async (tx) => {
    await foldContact(tx, contactId, sender.id, actor.id);
    return activeConversationIds(tx, contactId);
  });
  for (const id of new Set([...touched, conversationId])) await conversationChanged(id);
  return { contactId };
}

/**
 * "Create a new one": the unrecognised sender becomes a contact in place — the form's details are saved
 * on the contact ingest created, which is then recognised. A phone or address another contact has
 * brings up the merge suggestion like any save.
 */
export async function createContactForSender(
  db: Db,
  actor: CurrentUser,
  conversationId: string,
  values: unknown,
  answer: DuplicateAnswer,
  selectedIds: string[] = [],
): Promise<SaveContactResult> {
  const conversation = await loadForAction(db, actor, conversationId, "conversations.read");
  const sender = await loadContact(db, conversation.contactId);
  if (sender.known) throw new UserError("This customer is already recognised; edit the contact instead.");
  const result = await saveContact(db, actor, values, { id: sender.id, answer, selectedIds });
  if (result.status === "saved") await conversationChanged(conversationId);
  return result;
}

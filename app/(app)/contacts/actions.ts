"use server";

import { after } from "next/server";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/auth/permissions";
import { deleteBlockedConversations, blockContact, unblockContact, unblockConversations } from "@/lib/contacts/block";
import { saveContact } from "@/lib/contacts/contacts";
import { duplicateAnswers } from "@/lib/contacts/contact.validation";
import { deleteContact } from "@/lib/contacts/erase";
import { getImport, runImport, startImport } from "@/lib/contacts/import";
import { importSettingsSchema } from "@/lib/contacts/import.validation";
import { mergeContacts } from "@/lib/contacts/merge";
import { erasureSummary, pickContacts } from "@/lib/contacts/queries";
import { createContactForSender, relateToContact } from "@/lib/contacts/relate";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";

// Thin by design: parse, then call lib/contacts, where the permission checks and rules live. The contact
// form's fields are validated in lib (their rules depend on the default phone region, a setting).

const id = z.uuid();
const answer = z.enum(duplicateAnswers);

export const saveContactAction = action(
  z.object({ id: id.optional(), values: z.unknown(), answer, selectedIds: z.array(id).max(20).default([]) }),
  async ({ id: contactId, values, answer: a, selectedIds }, { user, db }) => saveContact(db, user, values, { id: contactId, answer: a, selectedIds }),
);

export const mergeContactsAction = action(z.object({ keepId: id, foldIds: z.array(id).min(1).max(20) }), async ({ keepId, foldIds }, { user, db }) =>
  mergeContacts(db, user, keepId, foldIds),
);

export const pickContactsAction = action(z.object({ q: z.string().max(200), exceptId: id.optional() }), async ({ q, exceptId }, { user, db }) => {
  const settings = await getSettings(db);
  assertCan(user, "contacts.read", settings);
  return pickContacts(db, settings, q, exceptId);
});

export const blockContactAction = action(z.object({ contactId: id }), async ({ contactId }, { user, db }) => blockContact(db, user, contactId));

export const unblockContactAction = action(z.object({ contactId: id }), async ({ contactId }, { user, db }) => unblockContact(db, user, contactId));

const blockedTarget = z.union([z.object({ contactId: id }), z.object({ conversationId: id })]);

export const unblockConversationsAction = action(blockedTarget, async (target, { user, db }) => unblockConversations(db, user, target));

export const deleteBlockedAction = action(blockedTarget, async (target, { user, db }) => deleteBlockedConversations(db, user, target));

export const erasureSummaryAction = action(z.object({ contactId: id }), async ({ contactId }, { user, db }) => {
  assertCan(user, "contact.delete", await getSettings(db));
  return erasureSummary(db, contactId);
});

export const deleteContactAction = action(z.object({ contactId: id }), async ({ contactId }, { user, db }) => deleteContact(db, user, contactId));

export const relateAction = action(z.object({ conversationId: id, contactId: id }), async ({ conversationId, contactId }, { user, db }) =>
  relateToContact(db, user, conversationId, contactId),
);

export const createForSenderAction = action(
  z.object({ conversationId: id, values: z.unknown(), answer, selectedIds: z.array(id).max(20).default([]) }),
  async ({ conversationId, values, answer: a, selectedIds }, { user, db }) => createContactForSender(db, user, conversationId, values, a, selectedIds),
);

export const startImportAction = action(importSettingsSchema, async ({ importId, mapping, mode }, { user, db }) => {
  const job = await startImport(db, user, importId, mapping, mode);
  // The rows are imported after the answer, chunk by chunk; the page follows the progress.
  after(() => runImport(getDb(), job.id));
  return { id: job.id };
});

export const importProgressAction = action(z.object({ importId: id }), async ({ importId }, { user, db }) => {
  const job = await getImport(db, user, importId);
  const { source: _source, mapping: _mapping, ...progress } = job;
  return progress;
});

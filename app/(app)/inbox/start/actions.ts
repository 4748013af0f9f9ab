"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { assertCan } from "@/lib/auth/permissions";
import { placeholdersOf } from "@/lib/channels/whatsapp/template-text";
import { listApprovedTemplates, unsendableReason } from "@/lib/channels/whatsapp/templates";
import { listContacts } from "@/lib/contacts/queries";
import { startConversation } from "@/lib/conversations/start";
import { startSchema } from "@/lib/conversations/start.validation";
import { getSettings } from "@/lib/settings";

// Thin: parse, then lib/ (where the permission checks and rules live).

export const startAction = action(startSchema, async (input, { user, db }) => startConversation(db, user, input));

/** The address book, searched by name, number or address, for step 2 of the wizard. */
export const findContactsAction = action(z.object({ q: z.string().trim().max(200) }), async ({ q }, { user, db }) => {
  const settings = await getSettings(db);
  assertCan(user, "conversation.start", settings);
  assertCan(user, "contacts.read", settings);
  const { rows } = await listContacts(db, settings, { q: q || undefined, pageSize: 8, sort: q ? "name" : "newest" });
  return rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone, email: r.email, handle: r.handle, blocked: r.blocked }));
});

/** The approved templates of a WhatsApp account, for step 3. */
export const startTemplatesAction = action(z.object({ channelId: z.uuid() }), async ({ channelId }, { user, db }) => {
  assertCan(user, "conversation.start", await getSettings(db));
  const rows = await listApprovedTemplates(db, channelId);
  return rows.map((t) => ({ id: t.id, name: t.name, language: t.language, body: t.body, placeholders: placeholdersOf(t.body), unsendable: unsendableReason(t) }));
});

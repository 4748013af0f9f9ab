import { and, eq, ne } from "drizzle-orm";
import { contacts, conversations } from "@/db/schema";
import { assertCan, can } from "@/lib/auth/permissions";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import {
  contactSchema,
  emptyContactForm,
  formatPhone,
  type ContactFormValues,
  type ContactInput,
  type DuplicateAnswer,
} from "@/lib/contacts/contact.validation";
import { findDuplicates, type DuplicateCandidate } from "@/lib/contacts/queries";
import { activeConversationIds, foldContact, lockContacts } from "@/lib/contacts/merge";
import { recordAudit } from "@/lib/audit";
import { conversationChanged } from "@/lib/conversations/notify";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

export type Contact = typeof contacts.$inferSelect;

/** Validates the form on the server; field errors keep their paths (`phones.1.value`) so they show in place. */
export function parseContact(input: unknown, region: string, accepted: readonly string[] = []): ContactInput {
  const parsed = contactSchema(region, accepted).safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new UserError("Check the highlighted fields.", fieldErrors);
}

/** The row for validated form values; a contact without first/last name keeps the name its channel gave. */
export function contactValues(v: ContactInput, existingName: string | null = null) {
  const fullName = [v.firstName, v.lastName].filter(Boolean).join(" ");
  return {
    name: fullName || existingName,
    firstName: v.firstName,
    lastName: v.lastName,
    phone: v.phones[0] ?? null,
    extraPhones: v.phones.slice(1),
    email: v.emails[0] ?? null,
    extraEmails: v.emails.slice(1),
    vip: v.vip,
    idNumber: v.idNumber,
    idType: v.idType,
    birthdate: v.birthdate,
    motherName: v.motherName,
    address: v.address,
    gender: v.gender,
    language: v.language,
    city: v.city,
    country: v.country,
    postalCode: v.postalCode,
    company: v.company,
    notes: v.notes,
    known: true,
    updatedAt: new Date(),
  };
}

/** A stored contact as the form edits it. */
export function contactFormValues(c: Contact): ContactFormValues {
  const list = (values: (string | null)[], show: (v: string) => string) => {
    const present = values.filter((v): v is string => Boolean(v)).map((v) => ({ value: show(v) }));
    return present.length ? present : [{ value: "" }];
  };
  return {
    ...emptyContactForm,
    firstName: c.firstName ?? "",
    lastName: c.lastName ?? "",
    phones: list([c.phone, ...c.extraPhones], formatPhone),
    emails: list([c.email, ...c.extraEmails], (v) => v),
    vip: c.vip,
    idNumber: c.idNumber ?? "",
    idType: c.idType ?? "",
    birthdate: c.birthdate ?? "",
    motherName: c.motherName ?? "",
    address: c.address ?? "",
    gender: c.gender ?? "",
    language: c.language ?? "",
    city: c.city ?? "",
    country: c.country ?? "",
    postalCode: c.postalCode ?? "",
    company: c.company ?? "",
    notes: c.notes ?? "",
  };
}

export type SaveContactResult =
  | { status: "saved"; id: string; merged: number }
  | { status: "duplicates"; candidates: DuplicateCandidate[]; canMerge: boolean };

export type SaveOptions = {
  /** The contact being edited; absent to create one. */
  id?: string;
  /** The answer to the merge suggestion: "ask" shows it when another contact has one of the numbers or addresses. */
  answer: DuplicateAnswer;
  /** For "merge-selected": which of the suggested contacts fold into this one. */
  selectedIds?: string[];
};

/**
 * Creates or edits a contact. When another contact already has one of its phone numbers or e-mail
 * addresses, nothing is saved until the person answers the merge suggestion: keep both ("Do not merge"),
 * merge the selected ones, or merge them all into this contact — in one transaction with the save.
 */
export async function saveContact(db: Db, actor: CurrentUser, input: unknown, options: SaveOptions): Promise<SaveContactResult> {
  const settings = await getSettings(db);
  assertCan(actor, "contact.edit", settings);
  const existing = options.id ? await loadContact(db, options.id) : null;
  const values = parseContact(input, settings.defaultRegion, existing?.phones ?? []);

  const candidates = await findDuplicates(db, values, options.id);
  if (candidates.length && options.answer === "ask") {
    return { status: "duplicates", candidates, canMerge: can(actor, "contact.merge", settings) };
  }
  let folds: string[] = [];
  if (options.answer === "merge-all" || options.answer === "merge-selected") {
    assertCan(actor, "contact.merge", settings);
    // Only contacts that really are duplicates now, whatever the browser sent.
    const chosen = new Set(options.answer === "merge-all" ? candidates.map((c) => c.id) : (options.selectedIds ?? []));
    folds = candidates.filter((c) => chosen.has(c.id)).map((c) => c.id);
    if (!folds.length) throw new UserError("Select at least one contact to merge.");
  }

  const { id, touched } = await db.transaction(async (tx) => {
    if (folds.length) await lockContacts(tx, [...(existing ? [existing.id] : []), ...folds]);
    const id = await writeContact(tx, values, existing);
    for (const foldId of folds) await foldContact(tx, id, foldId, actor.id);
    if (folds.length) await recordAudit(tx, actor.id, "contact.merge", id, { kept: id, folded: folds });
    return { id, touched: folds.length || (existing && existing.vip !== values.vip) ? await activeConversationIds(tx, id) : [] };
  });
  for (const conversationId of touched) await conversationChanged(conversationId);
  return { status: "saved", id, merged: folds.length };
}

async function writeContact(tx: Tx, values: ContactInput, existing: Contact | null): Promise<string> {
  if (!existing) {
    const [created] = await tx.insert(contacts).values(contactValues(values)).returning({ id: contacts.id });
    return created.id;
  }
  const [updated] = await tx
    .update(contacts)
    .set(contactValues(values, existing.name))
    .where(eq(contacts.id, existing.id))
    .returning({ id: contacts.id });
  if (!updated) throw new NotFoundError("This contact");
  // A VIP skips the queue: the open conversation follows the flag at once.
  if (existing.vip !== values.vip) {
    await tx
      .update(conversations)
      .set({ priority: values.vip ? 1 : 0 })
      .where(and(eq(conversations.contactId, existing.id), ne(conversations.status, "closed")));
  }
  return existing.id;
}

export async function loadContact(db: DbOrTx, id: string): Promise<Contact> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  if (!row) throw new NotFoundError("This contact");
  return row;
}

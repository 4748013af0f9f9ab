import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contactIdentities, contacts, conversationEvents, conversations, files, messages, notes } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/permissions";
import { blockContact, deleteBlockedConversations, listBlockedConversations, unblockContact, unblockConversations } from "@/lib/contacts/block";
import { saveContact } from "@/lib/contacts/contacts";
import { emptyContactForm, type ContactFormValues } from "@/lib/contacts/contact.validation";
import { contactArchive, deleteContact } from "@/lib/contacts/erase";
import { mergeContacts } from "@/lib/contacts/merge";
import { contactCounts, getContactView, listContacts } from "@/lib/contacts/queries";
import { createContactForSender, relateToContact } from "@/lib/contacts/relate";
import { archive, pickUp } from "@/lib/conversations/lifecycle";
import { addNote } from "@/lib/conversations/notes";
import { viewCounts, listConversations } from "@/lib/conversations/queries";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { putFile } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";

const db = setupTestDb();

let admin: CurrentUser;
let agent: CurrentUser;
beforeAll(async () => {
  await updateSettings(db(), { defaultRegion: "NL" });
  admin = await makeUser(db(), "admin");
  agent = await makeUser(db(), "agent");
});

const form = (values: Partial<ContactFormValues>): ContactFormValues => ({ ...emptyContactForm, ...values });
const phones = (...values: string[]) => values.map((value) => ({ value }));

async function create(values: Partial<ContactFormValues>, actor = admin) {
  const result = await saveContact(db(), actor, form(values), { answer: "keep" });
  if (result.status !== "saved") throw new Error("not saved");
  return result.id;
}

async function writes(channel: Awaited<ReturnType<typeof makeChannel>>, from: string, body: string) {
  const outcome = await customerWrites(db(), channel, from, body, { handle: from });
  if (outcome.type !== "message" || outcome.result !== "stored") throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome;
}

const contactOf = async (conversationId: string) =>
  (await db().select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId)))[0].contactId;

describe("saving a contact", () => {
  it("stores the fields, with phones in E.164 from any notation and a recognised flag", async () => {
    const id = await create({
      firstName: "Sanne",
      lastName: "de Vries",
      phones: phones("06-11223344", "+49 151 23456789"),
      emails: [{ value: "Sanne@Example.com" }],
      birthdate: "1990-04-01",
      country: "NL",
      company: "De Kim",
    });
    const [row] = await db().select().from(contacts).where(eq(contacts.id, id));
    expect(row).toMatchObject({ name: "Sanne de Vries", phone: "+31611223344", extraPhones: ["+4915123456789"], email: "sanne@example.com", known: true });
    expect(row.phones).toEqual(["+31611223344", "+4915123456789"]);
  });

  it("refuses bad fields with the message next to each one", async () => {
    const bad = saveContact(db(), admin, form({ firstName: "X", phones: phones("12"), emails: [{ value: "nope" }] }), { answer: "ask" });
    await expect(bad).rejects.toBeInstanceOf(UserError);
    await bad.catch((error: UserError) => {
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["phones.0.value", "emails.0.value"]);
    });
  });

  it("finds contacts by any notation of their number, by e-mail, name, company and channel handle", async () => {
    const id = await create({ firstName: "Findable", lastName: "Person", phones: phones("+31 6 55443322"), emails: [{ value: "findme@example.org" }], company: "Acme Hiking" });
    const settings = await getSettings(db());
    for (const q of ["06 5544 3322", "+31655443322", "0031 6 55 44 33 22", "55443322", "findme@example.org", "FINDME@example", "findable person", "acme hik"]) {
      const { rows } = await listContacts(db(), settings, { q });
      expect(rows.map((r) => r.id), q).toContain(id);
    }
    const channel = await makeChannel(db(), "telegram");
    const out = await customerWrites(db(), channel, "tg-991", "hi", { handle: "@trailqueen" });
    if (out.type !== "message" || out.result !== "stored") throw new Error("not stored");
    const { rows } = await listContacts(db(), settings, { q: "trailqueen" });
    expect(rows.map((r) => r.id)).toContain(await contactOf(out.conversationId));
  });

  it("sorts, pages and counts the VIP and Blocked tabs", async () => {
    const vip = await create({ firstName: "Zz Vip", vip: true });
    const settings = await getSettings(db());
    const counts = await contactCounts(db(), settings);
    expect(counts.vip).toBeGreaterThanOrEqual(1);
    const { rows } = await listContacts(db(), settings, { tab: "vip" });
    expect(rows.every((r) => r.vip)).toBe(true);
    expect(rows.map((r) => r.id)).toContain(vip);
    const page1 = await listContacts(db(), settings, { sort: "name", pageSize: 2 });
    const page2 = await listContacts(db(), settings, { sort: "name", pageSize: 2, page: 2 });
    expect(page1.hasMore).toBe(true);
    expect(page2.rows[0].id).not.toBe(page1.rows[0].id);
  });
});

describe("the merge suggestion", () => {
  it("appears when another contact has the phone or e-mail, and saves nothing until answered", async () => {
    const existing = await create({ firstName: "Old", phones: phones("+31 6 10000001") });
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(contacts);
    const result = await saveContact(db(), admin, form({ firstName: "New", phones: phones("0610000001") }), { answer: "ask" });
    expect(result.status).toBe("duplicates");
    if (result.status === "duplicates") {
      expect(result.candidates.map((c) => c.id)).toEqual([existing]);
      expect(result.canMerge).toBe(true);
    }
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(contacts);
    expect(after[0].n).toBe(before[0].n);
  });

  it("Do not merge: both contacts stay", async () => {
    const a = await create({ firstName: "Keep A", emails: [{ value: "shared-a@example.com" }] });
    const result = await saveContact(db(), admin, form({ firstName: "Keep B", emails: [{ value: "SHARED-A@example.com" }] }), { answer: "keep" });
    expect(result.status).toBe("saved");
    expect(await db().select().from(contacts).where(inArray(contacts.id, [a, result.status === "saved" ? result.id : a]))).toHaveLength(2);
  });

  it("Merge selected: only the chosen duplicate folds into the saved contact", async () => {
    const a = await create({ firstName: "Sel A", phones: phones("+31 6 20000001") });
    const b = await create({ firstName: "Sel B", emails: [{ value: "sel@example.com" }] });
    const result = await saveContact(db(), admin, form({ firstName: "Sel New", phones: phones("+31620000001"), emails: [{ value: "sel@example.com" }] }), {
      answer: "merge-selected",
      selectedIds: [a],
    });
    if (result.status !== "saved") throw new Error("not saved");
    expect(result.merged).toBe(1);
    expect(await db().select().from(contacts).where(eq(contacts.id, a))).toHaveLength(0);
    expect(await db().select().from(contacts).where(eq(contacts.id, b))).toHaveLength(1);
  });

  it("Merge all: every duplicate folds in, its history with it; a stale or foreign id is ignored", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const first = await writes(channel, "31630000001", "Where is my order?");
    const a = await contactOf(first.conversationId);
    await db().update(contacts).set({ phone: "+31630000001", company: "Trail Co" }).where(eq(contacts.id, a));
    const b = await create({ firstName: "All B", emails: [{ value: "all@example.com" }] });
    const unrelated = await create({ firstName: "Unrelated" });
    const result = await saveContact(db(), admin, form({ firstName: "All", lastName: "New", phones: phones("+31630000001"), emails: [{ value: "all@example.com" }] }), {
      answer: "merge-all",
      selectedIds: [unrelated],
    });
    if (result.status !== "saved") throw new Error("not saved");
    expect(result.merged).toBe(2);
    const [kept] = await db().select().from(contacts).where(eq(contacts.id, result.id));
    expect(kept).toMatchObject({ name: "All New", company: "Trail Co", phone: "+31630000001", email: "all@example.com" });
    expect(await db().select().from(conversations).where(eq(conversations.contactId, result.id))).toHaveLength(1);
    expect(await db().select().from(contacts).where(inArray(contacts.id, [a, b]))).toHaveLength(0);
    expect(await db().select().from(contacts).where(eq(contacts.id, unrelated))).toHaveLength(1);
  });

  it("offers no merge to an agent unless agents may merge, and the server refuses it", async () => {
    await create({ firstName: "Agent dup", phones: phones("+31 6 40000001") });
    const asked = await saveContact(db(), agent, form({ firstName: "Agent new", phones: phones("+31640000001") }), { answer: "ask" });
    expect(asked.status === "duplicates" && asked.canMerge).toBe(false);
    await expect(saveContact(db(), agent, form({ firstName: "Agent new", phones: phones("+31640000001") }), { answer: "merge-all" })).rejects.toBeInstanceOf(ForbiddenError);
    await updateSettings(db(), { agentsCanMerge: true });
    try {
      const merged = await saveContact(db(), agent, form({ firstName: "Agent new", phones: phones("+31640000001") }), { answer: "merge-all" });
      expect(merged.status === "saved" && merged.merged).toBe(1);
    } finally {
      await updateSettings(db(), { agentsCanMerge: false });
    }
  });
});

describe("merging", () => {
  it("moves every identity, conversation, note, event and file to the kept contact and joins the open threads", async () => {
    const wa = await makeChannel(db(), "whatsapp");
    const mail = await makeChannel(db(), "email");
    const one = await writes(wa, "31650000001", "Hello from WhatsApp");
    const two = await writes(mail, "merge-me@example.com", "Hello from e-mail");
    const keep = await contactOf(one.conversationId);
    const fold = await contactOf(two.conversationId);
    await addNote(db(), admin, two.conversationId, "Customer prefers e-mail");
    const file = await putFile(db(), { name: "receipt.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF-1.4"), conversationId: two.conversationId, contactId: fold });
    const countsBefore = await db().select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.conversationId, [one.conversationId, two.conversationId]));

    await mergeContacts(db(), admin, keep, [fold]);

    expect(await db().select().from(contacts).where(eq(contacts.id, fold))).toHaveLength(0);
    const identities = await db().select().from(contactIdentities).where(eq(contactIdentities.contactId, keep));
    expect(identities.map((i) => i.externalId).sort()).toEqual(["31650000001", "merge-me@example.com"]);
    const open = await db().select().from(conversations).where(and(eq(conversations.contactId, keep), ne(conversations.status, "closed")));
    expect(open).toHaveLength(1);
    const thread = await db().select().from(messages).where(eq(messages.conversationId, open[0].id));
    expect(thread).toHaveLength(countsBefore[0].n);
    expect(open[0].messageCount).toBe(2);
    expect(await db().select().from(notes).where(eq(notes.conversationId, open[0].id))).toHaveLength(1);
    expect((await db().select().from(files).where(eq(files.id, file.id)))[0]).toMatchObject({ contactId: keep, conversationId: open[0].id });
    const events = await db().select().from(conversationEvents).where(eq(conversationEvents.conversationId, open[0].id));
    expect(events.map((e) => e.type)).toContain("merged");
    expect(events.filter((e) => e.type === "created")).toHaveLength(2);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.target, keep)));
    expect(audit.data).toMatchObject({ kept: keep, folded: [fold] });

    // And the contact page shows the merged history.
    const view = await getContactView(db(), admin, await getSettings(db()), keep);
    expect(view?.identities).toHaveLength(2);
    expect(view?.timeline.some((e) => e.type === "merged")).toBe(true);
  });

  it("stays consistent when two merges race over the same contacts: nothing lost, nothing twice", async () => {
    const wa = await makeChannel(db(), "whatsapp");
    const ids: string[] = [];
    const convIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = await writes(wa, `3166000000${i}`, `Message ${i}`);
      await customerWrites(db(), wa, `3166000000${i}`, `Second message ${i}`);
      ids.push(await contactOf(out.conversationId));
      convIds.push(out.conversationId);
    }
    const [a, b, c] = ids;
    const messagesBefore = (await db().select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.conversationId, convIds)))[0].n;
    // b into a, and at the same time b into c and a into c: whatever order the database picks, one contact
    // ends up with all six messages.
    const results = await Promise.allSettled([mergeContacts(db(), admin, a, [b]), mergeContacts(db(), admin, c, [b, a]), mergeContacts(db(), admin, b, [c])]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(UserError);
    const left = await db().select().from(contacts).where(inArray(contacts.id, ids));
    const identities = await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, wa.id));
    expect(identities).toHaveLength(3);
    const owners = new Set(identities.map((i) => i.contactId));
    for (const owner of owners) expect(left.map((l) => l.id)).toContain(owner);
    const all = await db().select().from(conversations).where(inArray(conversations.contactId, left.map((l) => l.id)));
    const open = all.filter((x) => x.status !== "closed");
    expect(new Set(open.map((o) => o.contactId)).size).toBe(open.length);
    const messagesAfter = (await db().select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.conversationId, all.map((x) => x.id))))[0].n;
    expect(messagesAfter).toBe(messagesBefore);
    expect(all.reduce((sum, x) => sum + x.messageCount, 0)).toBe(messagesBefore);
  });
});

describe("relating an unknown sender", () => {
  it("moves the identity to the chosen contact and keeps one open conversation", async () => {
    const wa = await makeChannel(db(), "whatsapp");
    const web = await makeChannel(db(), "webchat");
    const known = await create({ firstName: "Known", lastName: "Customer", phones: phones("+31 6 12700001") });
    // Ingest does not guess: the same number on WhatsApp first arrives as an unrecognised sender.
    const earlier = await writes(wa, "31612700001", "Hi from WhatsApp");
    expect(await contactOf(earlier.conversationId)).not.toBe(known);
    await relateToContact(db(), agent, earlier.conversationId, known);
    expect(await contactOf(earlier.conversationId)).toBe(known);
    const anonymous = await writes(web, "visitor-77", "Hi, it's me again, from the website");
    const sender = await contactOf(anonymous.conversationId);
    expect(sender).not.toBe(known);

    await relateToContact(db(), agent, anonymous.conversationId, known);

    expect(await db().select().from(contacts).where(eq(contacts.id, sender))).toHaveLength(0);
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "visitor-77"));
    expect(identity.contactId).toBe(known);
    const open = await db().select().from(conversations).where(and(eq(conversations.contactId, known), ne(conversations.status, "closed")));
    expect(open).toHaveLength(1);
    expect(open[0].messageCount).toBe(2);
    // A recognised customer is not folded by relating: that is a merge.
    const again = await writes(web, "visitor-78", "Someone else");
    await createContactForSender(db(), agent, again.conversationId, form({ firstName: "Created", lastName: "InPlace", emails: [{ value: "inplace@example.com" }] }), "ask");
    const [created] = await db().select().from(contacts).where(eq(contacts.id, await contactOf(again.conversationId)));
    expect(created).toMatchObject({ name: "Created InPlace", known: true, email: "inplace@example.com" });
    await expect(relateToContact(db(), agent, again.conversationId, known)).rejects.toThrow(/already recognised/);
  });
});

describe("blocking", () => {
  it("closes the open conversation; later messages land in Blocked, not New; unblocking moves them to New", async () => {
    const supervisor = await makeUser(db(), "supervisor");
    const wa = await makeChannel(db(), "whatsapp");
    const first = await writes(wa, "31680000001", "Buy cheap followers!!!");
    const contactId = await contactOf(first.conversationId);
    const settings = await getSettings(db());
    const newBefore = (await viewCounts(db(), supervisor, settings)).new;

    expect(await blockContact(db(), supervisor, contactId)).toEqual({ closed: 1 });
    const [closed] = await db().select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(closed).toMatchObject({ status: "closed", closedReason: "blocked" });

    const spam = await writes(wa, "31680000001", "Still here, buy followers");
    expect(spam.conversationId).not.toBe(first.conversationId);
    const [blocked] = await db().select().from(conversations).where(eq(conversations.id, spam.conversationId));
    expect(blocked.status).toBe("blocked");
    expect(await db().select().from(messages).where(eq(messages.conversationId, spam.conversationId))).toHaveLength(1);
    expect((await viewCounts(db(), supervisor, settings)).new).toBe(newBefore - 1);
    const inNew = await listConversations(db(), supervisor, settings, { view: "new" });
    expect(inNew.rows.map((r) => r.id)).not.toContain(spam.conversationId);
    expect((await listBlockedConversations(db(), supervisor)).map((r) => r.id)).toContain(spam.conversationId);
    // A second message joins the same blocked conversation.
    const more = await writes(wa, "31680000001", "Hello??");
    expect(more.conversationId).toBe(spam.conversationId);
    await expect(listBlockedConversations(db(), agent)).rejects.toBeInstanceOf(ForbiddenError);

    await unblockContact(db(), supervisor, contactId);
    const [moved] = await db().select().from(conversations).where(eq(conversations.id, spam.conversationId));
    expect(moved.status).toBe("new");
    expect((await listConversations(db(), supervisor, settings, { view: "new" })).rows.map((r) => r.id)).toContain(spam.conversationId);
    const events = await db().select().from(conversationEvents).where(eq(conversationEvents.conversationId, spam.conversationId));
    expect(events.map((e) => e.type)).toContain("unblocked");
  });

  it("unblocks a single conversation or deletes the blocked ones, and agents cannot block", async () => {
    const supervisor = await makeUser(db(), "supervisor");
    const wa = await makeChannel(db(), "whatsapp");
    const first = await writes(wa, "31690000001", "hi");
    const contactId = await contactOf(first.conversationId);
    await expect(blockContact(db(), agent, contactId)).rejects.toBeInstanceOf(ForbiddenError);
    await blockContact(db(), supervisor, contactId);
    const spam = await writes(wa, "31690000001", "spam");
    await unblockConversations(db(), supervisor, { conversationId: spam.conversationId });
    expect((await db().select().from(conversations).where(eq(conversations.id, spam.conversationId)))[0].status).toBe("new");
    // The contact is still blocked: a new thread after this one closes lands in Blocked again.
    await pickUp(db(), supervisor, spam.conversationId);
    await archive(db(), supervisor, spam.conversationId);
    await db().update(conversations).set({ closedAt: new Date(Date.now() - 48 * 3600_000) }).where(eq(conversations.id, spam.conversationId));
    const again = await writes(wa, "31690000001", "spam again");
    expect((await db().select().from(conversations).where(eq(conversations.id, again.conversationId)))[0].status).toBe("blocked");
    expect(await deleteBlockedConversations(db(), supervisor, { contactId })).toEqual({ deleted: 1 });
    expect(await db().select().from(conversations).where(eq(conversations.id, again.conversationId))).toHaveLength(0);
    expect(await db().select().from(messages).where(eq(messages.conversationId, again.conversationId))).toHaveLength(0);
  });
});

describe("erasing", () => {
  it("removes every row and stored file of the contact, and audits it without personal data", async () => {
    const wa = await makeChannel(db(), "whatsapp");
    const first = await writes(wa, "31699999999", "Please delete my data");
    const contactId = await contactOf(first.conversationId);
    await db().update(contacts).set({ name: "Erase Me", email: "erase-me@example.com" }).where(eq(contacts.id, contactId));
    await addNote(db(), admin, first.conversationId, "Asked for erasure");
    const attached = await putFile(db(), { name: "passport.jpg", mimeType: "image/jpeg", data: Buffer.from([1, 2, 3]) });
    await db().update(messages).set({ attachments: [attached] }).where(eq(messages.conversationId, first.conversationId));
    const loose = await putFile(db(), { name: "signed.pdf", mimeType: "application/pdf", data: Buffer.from("x"), contactId });
    await pickUp(db(), admin, first.conversationId);
    await archive(db(), admin, first.conversationId);
    await db().update(conversations).set({ closedAt: new Date(Date.now() - 48 * 3600_000) }).where(eq(conversations.id, first.conversationId));
    await writes(wa, "31699999999", "And this too");

    // The archive holds all of it before it goes.
    const zip = await contactArchive(db(), admin, contactId);
    expect(zip.data.byteLength).toBeGreaterThan(100);
    await expect(contactArchive(db(), agent, contactId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteContact(db(), agent, contactId)).rejects.toBeInstanceOf(ForbiddenError);

    const summary = await deleteContact(db(), admin, contactId);
    expect(summary).toMatchObject({ conversations: 2, messages: 2 });
    expect(await db().select().from(contacts).where(eq(contacts.id, contactId))).toHaveLength(0);
    expect(await db().select().from(contactIdentities).where(eq(contactIdentities.contactId, contactId))).toHaveLength(0);
    expect(await db().select().from(conversations).where(eq(conversations.contactId, contactId))).toHaveLength(0);
    expect(await db().select().from(messages).where(eq(messages.conversationId, first.conversationId))).toHaveLength(0);
    expect(await db().select().from(notes).where(eq(notes.conversationId, first.conversationId))).toHaveLength(0);
    expect(await db().select().from(conversationEvents).where(eq(conversationEvents.conversationId, first.conversationId))).toHaveLength(0);
    expect(await db().select().from(files).where(inArray(files.id, [attached.id, loose.id]))).toHaveLength(0);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "contact.delete"));
    expect(audit.data).toMatchObject({ contactId, conversations: 2, messages: 2, files: 2 });
    const text = JSON.stringify(audit);
    for (const personal of ["Erase Me", "erase-me@example.com", "31699999999", "passport"]) expect(text).not.toContain(personal);
  });
});

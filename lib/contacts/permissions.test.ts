import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type Role } from "@/lib/auth/permissions";
import { blockContact, listBlockedConversations, unblockContact } from "@/lib/contacts/block";
import { saveContact } from "@/lib/contacts/contacts";
import { emptyContactForm } from "@/lib/contacts/contact.validation";
import { sendContactEmail } from "@/lib/contacts/email";
import { contactArchive, deleteContact } from "@/lib/contacts/erase";
import { exportContactsCsv } from "@/lib/contacts/export";
import { createImport } from "@/lib/contacts/import";
import { mergeContacts } from "@/lib/contacts/merge";
import { relateToContact } from "@/lib/contacts/relate";
import type { Db } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";

const db = setupTestDb();

const Y = true;
const N = false;
type Row = Record<Exclude<Role, "disabled">, boolean>;

let counter = 0;
async function contact(): Promise<string> {
  const result = await saveContact(db(), (await admin()), { ...emptyContactForm, firstName: `Perm ${counter++}` }, { answer: "keep" });
  if (result.status !== "saved") throw new Error("not saved");
  return result.id;
}
let adminUser: CurrentUser | undefined;
const admin = async () => (adminUser ??= await makeUser(db(), "admin"));

/** Each contact action as the people who use it reach it, through lib/contacts, with who may do it. */
const actions: { name: string; expected: Row; run: (db: Db, actor: CurrentUser) => Promise<unknown> }[] = [
  { name: "create or edit a contact", expected: { admin: Y, supervisor: Y, agent: Y, watcher: N }, run: (d, a) => saveContact(d, a, { ...emptyContactForm, firstName: "New" }, { answer: "keep" }) },
  { name: "merge contacts", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: async (d, a) => mergeContacts(d, a, await contact(), [await contact()]) },
  { name: "block a contact", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: async (d, a) => blockContact(d, a, await contact()) },
  { name: "unblock a contact", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: async (d, a) => unblockContact(d, a, await contact()) },
  { name: "see the Blocked list", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: (d, a) => listBlockedConversations(d, a) },
  { name: "delete a contact", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: async (d, a) => deleteContact(d, a, await contact()) },
  { name: "download a contact's data", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: async (d, a) => contactArchive(d, a, await contact()) },
  { name: "import contacts", expected: { admin: Y, supervisor: Y, agent: N, watcher: N }, run: (d, a) => createImport(d, a, { name: "a.csv", bytes: new TextEncoder().encode("name\nA\n") }) },
  { name: "export contacts", expected: { admin: Y, supervisor: Y, agent: N, watcher: Y }, run: (d, a) => exportContactsCsv(d, a, {}) },
  {
    name: "relate an unknown sender",
    expected: { admin: Y, supervisor: Y, agent: Y, watcher: N },
    run: async (d, a) => {
      const out = await customerWrites(d, await makeChannel(d, "webchat"), `visitor-${counter++}`, "hello");
      if (out.type !== "message" || out.result !== "stored") throw new Error("not stored");
      return relateToContact(d, a, out.conversationId, await contact());
    },
  },
  {
    name: "write an e-mail to a contact",
    expected: { admin: Y, supervisor: Y, agent: Y, watcher: N },
    run: async (d, a) => {
      const channel = await makeChannel(d, "email", { externalId: "support@example.test" });
      return sendContactEmail(d, a, await contact(), { channelId: channel.id, to: `perm-${counter++}@example.com`, cc: [], subject: "Hi", body: "Hello", close: false });
    },
  },
];

describe("who may do what with contacts", () => {
  const users = {} as Record<Exclude<Role, "disabled">, CurrentUser>;
  beforeAll(async () => {
    for (const role of ["admin", "supervisor", "agent", "watcher"] as const) users[role] = await makeUser(db(), role);
  });

  for (const { name, expected, run } of actions) {
    for (const role of ["admin", "supervisor", "agent", "watcher"] as const) {
      it(`${role}: ${name} → ${expected[role] ? "allowed" : "refused"}`, async () => {
        const attempt = run(db(), users[role]);
        if (expected[role]) await expect(attempt).resolves.toBeDefined();
        else await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
      });
    }
  }

  it("agents merge once the setting allows it, and not before", async () => {
    const agent = users.agent;
    await expect(mergeContacts(db(), agent, await contact(), [await contact()])).rejects.toBeInstanceOf(ForbiddenError);
    await updateSettings(db(), { agentsCanMerge: true });
    await expect(mergeContacts(db(), agent, await contact(), [await contact()])).resolves.toEqual({ merged: 1 });
    await updateSettings(db(), { agentsCanMerge: false });
  });
});

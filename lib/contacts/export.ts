import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { and, asc, gt, or, eq, sql } from "drizzle-orm";
import { contacts } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { formatPhone } from "@/lib/contacts/contact.validation";
import { safeCell, toCsv } from "@/lib/contacts/csv";
import { contactWhere, type ContactFilter } from "@/lib/contacts/queries";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

type Contact = typeof contacts.$inferSelect;

const columns: { header: string; value: (c: Contact) => string | boolean | null; width: number }[] = [
  { header: "First name", value: (c) => c.firstName, width: 16 },
  { header: "Last name", value: (c) => c.lastName, width: 18 },
  { header: "Name", value: (c) => c.name, width: 24 },
  { header: "Phone", value: (c) => (c.phone ? formatPhone(c.phone) : null), width: 18 },
  { header: "Other phones", value: (c) => c.extraPhones.map(formatPhone).join("; "), width: 22 },
  { header: "E-mail", value: (c) => c.email, width: 28 },
  { header: "Other e-mails", value: (c) => c.extraEmails.join("; "), width: 28 },
  { header: "VIP", value: (c) => c.vip, width: 6 },
  { header: "Blocked", value: (c) => c.blocked, width: 8 },
  { header: "Company", value: (c) => c.company, width: 22 },
  { header: "ID type", value: (c) => c.idType, width: 12 },
  { header: "ID number", value: (c) => c.idNumber, width: 14 },
  { header: "Birthdate", value: (c) => c.birthdate, width: 12 },
  { header: "Mother's name", value: (c) => c.motherName, width: 18 },
  { header: "Address", value: (c) => c.address, width: 30 },
  { header: "Postal code", value: (c) => c.postalCode, width: 12 },
  { header: "City", value: (c) => c.city, width: 16 },
  { header: "Country", value: (c) => c.country, width: 8 },
  { header: "Gender", value: (c) => c.gender, width: 10 },
  { header: "Language", value: (c) => c.language, width: 9 },
  { header: "Notes", value: (c) => c.notes, width: 40 },
  { header: "Created", value: (c) => c.createdAt.toISOString(), width: 22 },
];

const text = (v: string | boolean | null) => (typeof v === "boolean" ? (v ? "yes" : "no") : (v ?? ""));

/** The filtered contacts in pages, oldest first (keyset on created_at, id: deep pages cost the same as the first). */
async function* pages(db: DbOrTx, filter: ContactFilter, region: string, size = 2000): AsyncGenerator<Contact[]> {
  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const cursor: { createdAt: Date; id: string } | null = after;
    const page: Contact[] = await db
      .select()
      .from(contacts)
      .where(
        and(
          contactWhere(filter, region),
          cursor
            ? or(gt(contacts.createdAt, cursor.createdAt), and(eq(contacts.createdAt, cursor.createdAt), sql`${contacts.id} > ${cursor.id}`))
            : undefined,
        ),
      )
      .orderBy(asc(contacts.createdAt), asc(contacts.id))
      .limit(size);
    if (!page.length) return;
    yield page;
    if (page.length < size) return;
    const last: Contact = page[page.length - 1];
    after = { createdAt: last.createdAt, id: last.id };
  }
}

/** The (filtered) address book as CSV, streamed; cells that look like formulas are defused. */
export async function exportContactsCsv(db: DbOrTx, actor: CurrentUser, filter: ContactFilter): Promise<ReadableStream<Uint8Array>> {
  const settings = await getSettings(db);
  assertCan(actor, "contacts.export", settings);
  const encoder = new TextEncoder();
  const source = pages(db, filter, settings.defaultRegion);
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await source.next();
      const head = first ? [columns.map((c) => c.header)] : [];
      first = false;
      if (done) {
        if (head.length) controller.enqueue(encoder.encode(toCsv(head)));
        controller.close();
        return;
      }
      const csv = toCsv([...head, ...value.map((c) => columns.map((col) => text(col.value(c))))]);
      // Only the first piece carries the byte-order mark.
      controller.enqueue(encoder.encode(head.length ? csv : csv.replace(/^\uFEFF/, "")));
    },
  });
}

/** The same as an Excel workbook, written row by row (exceljs' streaming writer) so 100,000 contacts fit in memory. */
export async function exportContactsXlsx(db: DbOrTx, actor: CurrentUser, filter: ContactFilter): Promise<ReadableStream<Uint8Array>> {
  const settings = await getSettings(db);
  assertCan(actor, "contacts.export", settings);
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet("Contacts", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const page of pages(db, filter, settings.defaultRegion)) {
        for (const c of page) sheet.addRow(columns.map((col) => safeCell(text(col.value(c))))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

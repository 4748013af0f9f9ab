import { and, asc, eq, sql } from "drizzle-orm";
import { contactImportRows, contactImports, contacts } from "@/db/schema";
import { MAX_EXTRA_VALUES } from "@/db/schema/contacts";
import { assertCan } from "@/lib/auth/permissions";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { contactValues } from "@/lib/contacts/contacts";
import {
  contactSchema,
  countryCodes,
  emptyContactForm,
  genders,
  idTypes,
  languageCodes,
  type ContactFormValues,
  type ContactInput,
} from "@/lib/contacts/contact.validation";
import { decodeText, isBlankRow, parseCsv, toCsv } from "@/lib/contacts/csv";
import { importFields, suggestMapping, type ImportField } from "@/lib/contacts/import.validation";
import { hasAnyKey } from "@/lib/contacts/queries";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";
import { countryName, languageName } from "@/lib/names";

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
/** Rows per transaction: small enough that other requests wait milliseconds, not seconds, for the database. */
export const IMPORT_CHUNK = 500;
/** A report keeps each cell to this many characters (a 1 MB cell is rejected, not stored). */
const REPORT_CELL = 200;

export type ContactImport = typeof contactImports.$inferSelect;

function headersOf(first: string[]): string[] {
  const seen = new Map<string, number>();
  return first.map((raw, i) => {
    const base = raw.replace(/^\uFEFF/, "").trim().slice(0, 100) || `Column ${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base} (${n + 1})` : base;
  });
}

/** Step 1: the file is read (any common encoding), checked, and kept with the import for the next steps. */
export async function createImport(db: Db, actor: CurrentUser, file: { name: string; bytes: Uint8Array }) {
  assertCan(actor, "contacts.import", await getSettings(db));
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new UserError("The file is larger than 25 MB. Split it and import the parts one after the other.");
  const text = decodeText(file.bytes);
  if (text.includes("\u0000")) throw new UserError("This is not a text file. Save the spreadsheet as CSV and try again.");
  const table = parseCsv(text);
  if (table.length < 2) throw new UserError("The file has no rows under its header line.");
  if (table.length - 1 > MAX_IMPORT_ROWS) throw new UserError(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows. Split it and import the parts one after the other.`);
  const headers = headersOf(table[0]);
  const [created] = await db
    .insert(contactImports)
    .values({
      createdById: actor.id,
      fileName: file.name.slice(0, 200) || "contacts.csv",
      source: text,
      totalRows: table.length - 1,
      headers,
      mapping: suggestMapping(headers),
    })
    .returning();
  return { import: created, headers, preview: table.slice(1, 6).map((r) => r.map((c) => c.slice(0, REPORT_CELL))) };
}

export async function getImport(db: DbOrTx, actor: CurrentUser, id: string): Promise<ContactImport> {
  assertCan(actor, "contacts.import", await getSettings(db));
  const [row] = await db.select().from(contactImports).where(eq(contactImports.id, id));
  if (!row) throw new NotFoundError("This import");
  return row;
}

/** The file's header and first rows, for the mapping step. */
export function importPreview(job: ContactImport) {
  const table = job.source ? parseCsv(job.source) : [];
  return { headers: table.length ? headersOf(table[0]) : [], rows: table.slice(1, 6).map((r) => r.map((c) => c.slice(0, REPORT_CELL))) };
}

/** Step 2: the mapping and what to do with rows that match a contact; the import then runs. */
export async function startImport(db: Db, actor: CurrentUser, id: string, mapping: Partial<Record<ImportField, string>>, mode: ContactImport["mode"]) {
  const job = await getImport(db, actor, id);
  if (job.status !== "uploaded") throw new UserError("This import has already started.");
  const { headers } = importPreview(job);
  const clean: Record<string, string> = {};
  for (const [field, column] of Object.entries(mapping)) {
    if (!column) continue;
    if (!headers.includes(column)) throw new UserError(`The file has no column “${column}”.`);
    clean[field] = column;
  }
  if (!["name", "firstName", "lastName", "phone", "email"].some((f) => clean[f])) {
    throw new UserError("Map at least one column to a name, a phone number or an e-mail address.");
  }
  const [started] = await db
    .update(contactImports)
    .set({ mapping: clean, mode, status: "running", startedAt: sql`now()`, heartbeatAt: sql`now()` })
    .where(and(eq(contactImports.id, id), eq(contactImports.status, "uploaded")))
    .returning();
  if (!started) throw new UserError("This import has already started.");
  return started;
}

const yes = new Set(["yes", "y", "true", "1", "x", "vip", "ja", "si", "sí", "oui", "wahr"]);
const genderWords: Record<string, (typeof genders)[number]> = {
  f: "female", female: "female", woman: "female", w: "female", vrouw: "female", weiblich: "female", mujer: "female", femme: "female",
  m: "male", male: "male", man: "male", mann: "male", männlich: "male", hombre: "male", homme: "male",
  x: "non_binary", "non-binary": "non_binary", nonbinary: "non_binary", non_binary: "non_binary", other: "non_binary", divers: "non_binary",
  unspecified: "unspecified", unknown: "unspecified", "": "unspecified",
};
const countryByName = new Map(countryCodes.map((c) => [countryName(c)!.toLowerCase(), c]));
const languageByName = new Map(languageCodes.map((c) => [languageName(c)!.toLowerCase(), c as string]));

/** One CSV row as the contact form would hold it (the same validation then applies). */
function formValues(cell: (field: ImportField) => string): ContactFormValues | string {
  let first = cell("firstName");
  let last = cell("lastName");
  const full = cell("name");
  if (!first && !last && full) {
    const [head, ...rest] = full.split(/\s+/);
    first = head;
    last = rest.join(" ");
  }
  const genderRaw = cell("gender").toLowerCase();
  const gender = genderRaw in genderWords ? genderWords[genderRaw] : null;
  if (genderRaw && !gender) return `Gender “${genderRaw.slice(0, 30)}” is not one of female, male, non-binary.`;
  const idTypeRaw = cell("idType").toLowerCase().replace(/[\s-]+/g, "_");
  const idType = !idTypeRaw ? "" : (idTypes as readonly string[]).includes(idTypeRaw) ? idTypeRaw : idTypeRaw.includes("pass") ? "passport" : idTypeRaw.includes("licen") ? "driving_licence" : idTypeRaw.includes("id") ? "national_id" : "other";
  const countryRaw = cell("country");
  const country = countryRaw.length === 2 ? countryRaw.toUpperCase() : (countryByName.get(countryRaw.toLowerCase()) ?? countryRaw);
  const languageRaw = cell("language");
  const language = languageByName.get(languageRaw.toLowerCase()) ?? languageRaw.toLowerCase();
  return {
    ...emptyContactForm,
    firstName: first,
    lastName: last,
    phones: [cell("phone"), cell("phone2")].filter(Boolean).map((value) => ({ value })),
    emails: [cell("email"), cell("email2")].filter(Boolean).map((value) => ({ value })),
    vip: yes.has(cell("vip").toLowerCase()),
    idNumber: cell("idNumber"),
    idType,
    birthdate: cell("birthdate"),
    motherName: cell("motherName"),
    address: cell("address"),
    gender: gender ?? "",
    language,
    city: cell("city"),
    country,
    postalCode: cell("postalCode"),
    company: cell("company"),
    notes: cell("notes"),
  };
}

const fieldLabels: Record<string, string> = Object.fromEntries(importFields.map((f) => [f.key, f.label]));
fieldLabels.phones = "Phone";
fieldLabels.emails = "E-mail";

type RowResult = { line: number; data: Record<string, string> } & ({ ok: true; values: ContactInput } | { ok: false; reason: string } | { ok: "blank" });

function readRow(cells: string[], headers: string[], mapping: Record<string, string>, line: number, schema: ReturnType<typeof contactSchema>): RowResult {
  const data: Record<string, string> = {};
  // An empty line says nothing: neither imported nor reported.
  if (isBlankRow(cells)) return { line, data, ok: "blank" };
  headers.forEach((h, i) => {
    if (cells[i]) data[h] = cells[i].slice(0, REPORT_CELL);
  });
  const index = new Map(headers.map((h, i) => [h, i]));
  const cell = (field: ImportField) => {
    const column = mapping[field];
    const i = column === undefined ? undefined : index.get(column);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const form = formValues(cell);
  if (typeof form === "string") return { line, data, ok: false, reason: form };
  const parsed = schema.safeParse(form);
  if (parsed.success) return { line, data, ok: true, values: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${fieldLabels[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`)
    .join(" ");
  return { line, data, ok: false, reason };
}

type Existing = typeof contacts.$inferSelect;
/** What a row can change on a contact, stored or about to be inserted. */
type Mergeable = Pick<
  Existing,
  | "name" | "firstName" | "lastName" | "phone" | "extraPhones" | "email" | "extraEmails" | "vip" | "idNumber" | "idType" | "birthdate"
  | "motherName" | "address" | "gender" | "language" | "city" | "country" | "postalCode" | "company" | "notes"
>;

/** The row's values over the contact's ("update") or only into its gaps ("merge"); numbers and addresses add up. */
function combine(existing: Mergeable, row: ContactInput, mode: "update" | "merge") {
  const next = contactValues(row, existing.name);
  const pick = <T>(mine: T, theirs: T) => (mode === "update" ? (theirs ?? mine) : (mine ?? theirs));
  const list = (primary: string | null, extras: string[], incoming: string[], key: (v: string) => string) => {
    const ordered = mode === "update" ? [...incoming, primary, ...extras] : [primary, ...extras, ...incoming];
    const seen = new Set<string>();
    const all = ordered.filter((v): v is string => Boolean(v) && !seen.has(key(v!)) && Boolean(seen.add(key(v!))));
    return { primary: all[0] ?? null, extra: all.slice(1, MAX_EXTRA_VALUES + 1) };
  };
  const phones = list(existing.phone, existing.extraPhones, row.phones, (v) => v);
  const emails = list(existing.email, existing.extraEmails, row.emails, (v) => v.toLowerCase());
  return {
    name: mode === "update" ? next.name : (existing.name ?? next.name),
    firstName: pick(existing.firstName, next.firstName),
    lastName: pick(existing.lastName, next.lastName),
    phone: phones.primary,
    extraPhones: phones.extra,
    email: emails.primary,
    extraEmails: emails.extra,
    vip: existing.vip || row.vip,
    idNumber: pick(existing.idNumber, next.idNumber),
    idType: pick(existing.idType, next.idType),
    birthdate: pick(existing.birthdate, next.birthdate),
    motherName: pick(existing.motherName, next.motherName),
    address: pick(existing.address, next.address),
    gender: pick(existing.gender, next.gender),
    language: pick(existing.language, next.language),
    city: pick(existing.city, next.city),
    country: pick(existing.country, next.country),
    postalCode: pick(existing.postalCode, next.postalCode),
    company: pick(existing.company, next.company),
    notes: mode === "update" ? (next.notes ?? existing.notes) : existing.notes && next.notes && existing.notes !== next.notes ? `${existing.notes}\n\n${next.notes}` : (existing.notes ?? next.notes),
    known: true,
    updatedAt: new Date(),
  };
}

type Outcome = { created: number; updated: number; skipped: number; rejected: number };

/** The columns an import writes on a matched contact (the generated ones follow by themselves). */
const updatableColumns = [
  "name", "firstName", "lastName", "phone", "extraPhones", "email", "extraEmails", "vip", "idNumber", "idType", "birthdate",
  "motherName", "address", "gender", "language", "city", "country", "postalCode", "company", "notes", "known", "updatedAt",
] as const satisfies readonly (keyof Existing)[];

function storedValues(c: Existing) {
  const { emails: _emails, phones: _phones, searchText: _search, sortName: _sort, ...values } = c;
  return values;
}

/** One chunk of rows, in the caller's transaction. */
async function importChunk(tx: Tx, job: ContactImport, results: RowResult[]): Promise<Outcome> {
  const outcome: Outcome = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  const report: (typeof contactImportRows.$inferInsert)[] = [];
  const valid = results.filter((r): r is RowResult & { ok: true; values: ContactInput } => r.ok === true);
  for (const r of results) {
    if (r.ok === false) {
      outcome.rejected++;
      report.push({ importId: job.id, line: r.line, outcome: "rejected", reason: r.reason, data: r.data });
    }
  }
  const phones = [...new Set(valid.flatMap((r) => r.values.phones))];
  const emails = [...new Set(valid.flatMap((r) => r.values.emails))];
  const matches =
    phones.length || emails.length
      ? await tx
          .select()
          .from(contacts)
          .where(hasAnyKey(phones, emails))
          .orderBy(asc(contacts.createdAt))
          .for("update")
      : [];
  // Who has which number or address: contacts already stored, then rows of this chunk as they are taken.
  type Target = { kind: "stored"; contact: Existing; changed: boolean } | { kind: "new"; index: number; line: number };
  const owners = new Map<string, Target>();
  const stored = new Map<string, Target & { kind: "stored" }>();
  for (const contact of matches) {
    const target = { kind: "stored" as const, contact, changed: false };
    stored.set(contact.id, target);
    for (const key of [...(contact.phones ?? []), ...(contact.emails ?? [])]) if (!owners.has(key)) owners.set(key, target);
  }
  const inserts: (Mergeable & { known: boolean; updatedAt: Date })[] = [];
  for (const row of valid) {
    const keys = [...row.values.phones, ...row.values.emails];
    const owner = keys.map((k) => owners.get(k)).find(Boolean);
    if (!owner) {
      const index = inserts.push(contactValues(row.values)) - 1;
      for (const k of keys) owners.set(k, { kind: "new", index, line: row.line });
      outcome.created++;
      continue;
    }
    const what = owner.kind === "stored" ? `contact “${owner.contact.name ?? owner.contact.email ?? owner.contact.phone}”` : `row ${owner.line} of this file`;
    if (job.mode === "skip") {
      outcome.skipped++;
      report.push({ importId: job.id, line: row.line, outcome: "skipped", reason: `Same phone or e-mail as ${what}.`, data: row.data });
      continue;
    }
    if (owner.kind === "stored") {
      owner.contact = { ...owner.contact, ...combine(owner.contact, row.values, job.mode) };
      owner.changed = true;
      outcome.updated++;
    } else {
      inserts[owner.index] = combine(inserts[owner.index], row.values, job.mode);
      // Rows merged into a row of the same file count once, as the contact it created.
      outcome.skipped++;
      report.push({ importId: job.id, line: row.line, outcome: "skipped", reason: `Combined with ${what}.`, data: row.data });
    }
    for (const k of keys) if (!owners.has(k)) owners.set(k, owner);
  }
  if (inserts.length) await tx.insert(contacts).values(inserts);
  // Every changed contact in one statement (an upsert on the id), not one round trip each.
  const changed = [...stored.values()].filter((t) => t.changed).map((t) => storedValues(t.contact));
  if (changed.length) {
    await tx
      .insert(contacts)
      .values(changed)
      .onConflictDoUpdate({ target: contacts.id, set: Object.fromEntries(updatableColumns.map((c) => [c, sql.raw(`excluded.${contacts[c].name}`)])) });
  }
  if (report.length) await tx.insert(contactImportRows).values(report);
  return outcome;
}

/**
 * Runs (or resumes) an import in chunks: each chunk is one short transaction that also advances the
 * import's counters, and the worker yields to the event loop between chunks so the server keeps
 * answering. A chunk is taken only while `processed` is where this worker left it, so two workers
 * (a resumed job and the original) never import a row twice.
 */
export async function runImport(db: Db, id: string): Promise<ContactImport> {
  const [job] = await db.select().from(contactImports).where(eq(contactImports.id, id));
  if (!job) throw new NotFoundError("This import");
  if (job.status !== "running" || job.source === null) return job;
  const settings = await getSettings(db);
  const schema = contactSchema(settings.defaultRegion);
  const table = parseCsv(job.source);
  const headers = headersOf(table[0] ?? []);
  let position = job.processed;
  try {
    while (position < job.totalRows) {
      const start = position;
      const end = Math.min(start + IMPORT_CHUNK, job.totalRows);
      const results = table.slice(start + 1, end + 1).map((cells, i) => readRow(cells, headers, job.mapping, start + i + 2, schema));
      const advanced = await db.transaction(async (tx) => {
        const [current] = await tx.select().from(contactImports).where(eq(contactImports.id, id)).for("update");
        if (!current || current.status !== "running" || current.processed !== start) return false;
        const o = await importChunk(tx, current, results);
        await tx
          .update(contactImports)
          .set({
            processed: end,
            created: sql`${contactImports.created} + ${o.created}`,
            updated: sql`${contactImports.updated} + ${o.updated}`,
            skipped: sql`${contactImports.skipped} + ${o.skipped}`,
            rejected: sql`${contactImports.rejected} + ${o.rejected}`,
            heartbeatAt: sql`now()`,
          })
          .where(eq(contactImports.id, id));
        return true;
      });
      if (!advanced) break;
      position = end;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (position >= job.totalRows) {
      await db
        .update(contactImports)
        .set({ status: "done", source: null, finishedAt: sql`now()` })
        .where(and(eq(contactImports.id, id), eq(contactImports.status, "running")));
    }
  } catch (error) {
    console.error("contact import failed", { id, error });
    await db
      .update(contactImports)
      .set({ status: "failed", error: "The import stopped because of an error on our side. The rows before it were imported; start a new import for the rest." })
      .where(eq(contactImports.id, id));
  }
  const [after] = await db.select().from(contactImports).where(eq(contactImports.id, id));
  return after;
}

/** Imports whose worker stopped (a restart, a serverless timeout) are taken up again; for a scheduled job. */
export async function resumeStalledImports(db: Db): Promise<number> {
  const stalled = await db
    .select({ id: contactImports.id })
    .from(contactImports)
    .where(and(eq(contactImports.status, "running"), sql`${contactImports.heartbeatAt} < now() - interval '2 minutes'`));
  for (const { id } of stalled) await runImport(db, id);
  return stalled.length;
}

/** The report: each skipped or rejected row with its reason and its original cells, as CSV. */
export async function importReportCsv(db: DbOrTx, actor: CurrentUser, id: string): Promise<{ fileName: string; csv: string }> {
  const job = await getImport(db, actor, id);
  const found = await db.select().from(contactImportRows).where(eq(contactImportRows.importId, id)).orderBy(asc(contactImportRows.line));
  const columns = job.headers.filter((h) => found.some((r) => h in r.data));
  const rows = [
    ["Row", "Outcome", "Reason", ...columns],
    ...found.map((r) => [r.line, r.outcome, r.reason, ...columns.map((c) => r.data[c] ?? "")]),
  ];
  return { fileName: `${job.fileName.replace(/\.[a-z]+$/i, "")}-report.csv`, csv: toCsv(rows) };
}

export async function importReportRows(db: DbOrTx, id: string, limit = 100) {
  return db.select().from(contactImportRows).where(eq(contactImportRows.importId, id)).orderBy(asc(contactImportRows.line)).limit(limit);
}

import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contactImportRows, contacts } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/permissions";
import { saveContact } from "@/lib/contacts/contacts";
import { emptyContactForm } from "@/lib/contacts/contact.validation";
import { decodeText, parseCsv, safeCell, toCsv } from "@/lib/contacts/csv";
import { exportContactsCsv } from "@/lib/contacts/export";
import { createImport, importReportCsv, runImport, startImport } from "@/lib/contacts/import";
import { suggestMapping } from "@/lib/contacts/import.validation";
import { UserError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeUser, updateSettings } from "@/test/factories";

const db = setupTestDb();
let admin: CurrentUser;

beforeAll(async () => {
  await updateSettings(db(), { defaultRegion: "NL" });
  admin = await makeUser(db(), "admin");
});

const utf8 = (s: string) => new TextEncoder().encode(s);

async function importFile(text: string | Uint8Array, mode: "skip" | "update" | "merge" = "skip", mapping?: Record<string, string>) {
  const created = await createImport(db(), admin, { name: "people.csv", bytes: typeof text === "string" ? utf8(text) : text });
  await startImport(db(), admin, created.import.id, mapping ?? (created.import.mapping as Record<string, string>), mode);
  return runImport(db(), created.import.id);
}

const rowsOf = (importId: string) => db().select().from(contactImportRows).where(eq(contactImportRows.importId, importId)).orderBy(contactImportRows.line);

describe("reading CSV files", () => {
  it("decodes UTF-8 with or without BOM, UTF-16 and Windows-1252", () => {
    expect(decodeText(utf8("\uFEFFname\nMüller"))).toBe("name\nMüller");
    expect(decodeText(utf8("name\nMüller"))).toBe("name\nMüller");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name\nMüller", "utf16le")]);
    expect(decodeText(utf16)).toBe("name\nMüller");
    const cp1252 = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x80]);
    expect(decodeText(cp1252)).toBe("name\nMüller €");
  });

  it("guesses the mapping from common header names, in several languages", () => {
    expect(suggestMapping(["Voornaam", "Achternaam", "Mobile", "E-mail address", "Company", "Zip"])).toEqual({
      firstName: "Voornaam",
      lastName: "Achternaam",
      phone: "Mobile",
      email: "E-mail address",
      company: "Company",
      postalCode: "Zip",
    });
  });

  it("defuses cells a spreadsheet would run as a formula, but keeps phone numbers", () => {
    expect(safeCell("=HYPERLINK(\"http://evil.example\",\"click\")")).toBe("'=HYPERLINK(\"http://evil.example\",\"click\")");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(safeCell("+31 6 12345678")).toBe("+31 6 12345678");
    expect(parseCsv(toCsv([["a", "=1+1"]]).slice(1))).toEqual([["a", "'=1+1"]]);
  });
});

describe("importing contacts", () => {
  it("creates good rows, rejects bad ones with a reason each, and skips duplicates", async () => {
    const existing = await saveContact(db(), admin, { ...emptyContactForm, firstName: "Already", phones: [{ value: "+31 6 11110000" }] }, { answer: "keep" });
    if (existing.status !== "saved") throw new Error("not saved");
    const csv = [
      "First name;Last name;Phone;Email;Birthdate;Country;VIP",
      "Anna;Jansen;06 11110001;anna@example.com;1980-05-06;NL;yes",
      "Bram;Visser;+31 6 11110002;;;Netherlands;",
      "Bad;Phone;12;;;;",
      "Bad;Mail;;not-an-email;;;",
      "Future;Born;;future@example.com;2999-01-01;;",
      "Dup;OfExisting;0611110000;;;;",
      "Dup;InFile;06-11110001;;;;",
      ";;;;;;",
      "Nobody;;;;;ZZ;",
    ].join("\n");
    const job = await importFile(csv);
    expect(job).toMatchObject({ status: "done", totalRows: 9, created: 2, updated: 0, skipped: 2, rejected: 4, source: null });
    const [anna] = await db().select().from(contacts).where(eq(contacts.email, "anna@example.com"));
    expect(anna).toMatchObject({ name: "Anna Jansen", phone: "+31611110001", birthdate: "1980-05-06", country: "NL", vip: true, known: true });
    const [bram] = await db().select().from(contacts).where(eq(contacts.phone, "+31611110002"));
    expect(bram.country).toBe("NL");
    const report = await rowsOf(job.id);
    expect(report.map((r) => [r.line, r.outcome])).toEqual([
      [4, "rejected"],
      [5, "rejected"],
      [6, "rejected"],
      [7, "skipped"],
      [8, "skipped"],
      [10, "rejected"],
    ]);
    expect(report[0].reason).toMatch(/Phone: No country accepts 12/);
    expect(report[1].reason).toMatch(/E-mail: Enter a valid e-mail address/);
    expect(report[2].reason).toMatch(/future/);
    expect(report[3].reason).toMatch(/Same phone or e-mail as contact “Already”/);
    expect(report[4].reason).toMatch(/row 2 of this file/);
    expect(report[5].reason).toMatch(/Country/);
    const csvReport = await importReportCsv(db(), admin, job.id);
    expect(csvReport.csv.split("\r\n")[0]).toBe("\uFEFFRow,Outcome,Reason,First name,Last name,Phone,Email,Birthdate,Country");
  });

  it("updates or merges into the matching contact when asked", async () => {
    const saved = await saveContact(
      db(),
      admin,
      { ...emptyContactForm, firstName: "Carla", company: "Old Co", phones: [{ value: "+31 6 22220000" }], city: "Utrecht" },
      { answer: "keep" },
    );
    if (saved.status !== "saved") throw new Error("not saved");
    const header = "Name,Phone,Email,Company,City";
    const merged = await importFile(`${header}\nCarla X,0622220000,carla@example.com,New Co,\n`, "merge");
    expect(merged).toMatchObject({ created: 0, updated: 1 });
    let [carla] = await db().select().from(contacts).where(eq(contacts.id, saved.id));
    expect(carla).toMatchObject({ company: "Old Co", city: "Utrecht", email: "carla@example.com", name: "Carla" });
    const updated = await importFile(`${header}\nCarla Y,0622220000,,New Co,Amsterdam\n`, "update");
    expect(updated).toMatchObject({ created: 0, updated: 1 });
    [carla] = await db().select().from(contacts).where(eq(contacts.id, saved.id));
    expect(carla).toMatchObject({ company: "New Co", city: "Amsterdam", email: "carla@example.com", firstName: "Carla", lastName: "Y" });
  });

  it("survives hostile files: formulas stay inert text, wrong encodings decode, huge fields are refused per row", async () => {
    const cp1252 = Buffer.concat([
      Buffer.from("Name,Email,Notes\r\n", "latin1"),
      Buffer.from("J\xfcrgen Gro\xdf,juergen@example.com,Caf\xe9 \x80\r\n", "latin1"),
      Buffer.from(`=HYPERLINK("http://evil.example"),evil@example.com,"@SUM(1+1)"\r\n`, "latin1"),
      Buffer.from(`Huge,huge@example.com,${"A".repeat(1_000_000)}\r\n`, "latin1"),
      Buffer.from(`"Quoted, with comma","q@example.com","line one\nline two"\r\n`, "latin1"),
      Buffer.from(`Ctrl\x07Char,ctrl@example.com,\r\n`, "latin1"),
    ]);
    const job = await importFile(cp1252);
    expect(job).toMatchObject({ status: "done", created: 3, rejected: 2 });
    const [juergen] = await db().select().from(contacts).where(eq(contacts.email, "juergen@example.com"));
    expect(juergen).toMatchObject({ name: "Jürgen Groß", notes: "Café €" });
    const [evil] = await db().select().from(contacts).where(eq(contacts.email, "evil@example.com"));
    expect(evil.firstName).toBe('=HYPERLINK("http://evil.example")');
    const [quoted] = await db().select().from(contacts).where(eq(contacts.email, "q@example.com"));
    expect(quoted).toMatchObject({ firstName: "Quoted,", lastName: "with comma", notes: "line one\nline two" });
    const report = await rowsOf(job.id);
    expect(report[0].reason).toMatch(/Notes: The notes can be at most 5000 characters/);
    expect(JSON.stringify(report[0].data).length).toBeLessThan(2000);
    expect(report[1].reason).toMatch(/control characters/);

    // Exported again, the formula opens as text.
    const stream = await exportContactsCsv(db(), admin, { q: "evil@example.com" });
    const text = await new Response(stream).text();
    expect(text).toContain(`'=HYPERLINK(""http://evil.example"")`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("refuses files that are not CSV or have no rows, and non-importers", async () => {
    await expect(createImport(db(), admin, { name: "x.csv", bytes: utf8("only,a,header\n") })).rejects.toBeInstanceOf(UserError);
    await expect(createImport(db(), admin, { name: "x.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) })).rejects.toThrow(/not a text file/);
    const agent = await makeUser(db(), "agent");
    await expect(createImport(db(), agent, { name: "x.csv", bytes: utf8("name\nA\n") })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("imports thousands of rows in chunks and resumes without importing a row twice", async () => {
    const n = 1_200;
    const lines = ["Name,Phone"];
    for (let i = 0; i < n; i++) lines.push(`Bulk ${i},+3161${String(3000000 + i).padStart(7, "0")}`);
    const created = await createImport(db(), admin, { name: "bulk.csv", bytes: utf8(lines.join("\n")) });
    await startImport(db(), admin, created.import.id, { name: "Name", phone: "Phone" }, "skip");
    // Two workers on the same import (e.g. a resumed one): each chunk is taken once.
    const [one, two] = await Promise.all([runImport(db(), created.import.id), runImport(db(), created.import.id)]);
    const done = [one, two].find((j) => j.status === "done") ?? two;
    expect(done.processed).toBe(n);
    const made = await db().select({ id: contacts.id }).from(contacts).where(inArray(contacts.name, [`Bulk 0`, `Bulk ${n - 1}`]));
    expect(made).toHaveLength(2);
    const all = await db().select({ id: contacts.id }).from(contacts).where(eq(contacts.company, "__none__"));
    expect(all).toHaveLength(0);
    const [{ created: c, skipped }] = [done];
    expect(c + skipped).toBe(n);
    expect(c).toBe(n);
  });
});

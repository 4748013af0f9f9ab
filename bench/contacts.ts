// npx tsx bench/contacts.ts [-- --contacts 100000 --import 50000]
// Contact search latency and CSV import throughput at 100,000 contacts, on a throw-away Postgres database
// (BENCH_DATABASE_URL / TEST_DATABASE_URL, default the local server). Prints figures; asserts nothing.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { contactCounts, listContacts, pickContacts } from "@/lib/contacts/queries";
import { createImport, runImport, startImport } from "@/lib/contacts/import";
import { getSettings } from "@/lib/settings";
import { createUser, loadCurrentUser } from "@/lib/users";
import { ensureDefaultTeam } from "@/lib/teams";
import { measure, ms } from "./stats";
import { throwawayDatabase } from "./database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const contactCount = option("contacts", 100_000);
const importRows = option("import", 50_000);

/** 100k believable contacts in SQL: names from lists, Dutch/German/US numbers, e-mails, companies, a web-chat handle for a third. */
async function buildContacts(db: Db, n: number) {
  await db.execute(sql`
    insert into contacts (first_name, last_name, name, phone, extra_phones, email, company, city, country, vip, blocked, known, created_at)
    select f, l, f || ' ' || l,
           case g % 3 when 0 then '+316' || lpad((10000000 + g)::text, 8, '0')
                      when 1 then '+49151' || lpad((g * 7)::text, 8, '0')
                      else '+1303555' || lpad((g % 10000)::text, 4, '0') end,
           case when g % 5 = 0 then array['+3120' || lpad(g::text, 7, '0')] else '{}'::text[] end,
           lower(f) || '.' || lower(replace(l, ' ', '')) || g || '@example.com',
           case when g % 4 = 0 then (array['Alpine Guides', 'Trail Co', 'Peak Adventures', 'De Kim', 'Club Montaña'])[1 + g % 5] end,
           (array['Amsterdam', 'Berlin', 'Denver', 'Utrecht', 'Madrid'])[1 + g % 5],
           (array['NL', 'DE', 'US', 'NL', 'ES'])[1 + g % 5],
           g % 50 = 0, g % 500 = 0, true,
           now() - (g || ' minutes')::interval
    from generate_series(1, ${n}) g,
         lateral (select (array['Sanne', 'Daan', 'Lotte', 'Bram', 'Lukas', 'Anna', 'Emily', 'Michael', 'Lucía', 'Mateo', 'Wei', 'Priya'])[1 + g % 12] as f,
                         (array['de Vries', 'Jansen', 'Müller', 'Schmidt', 'Johnson', 'Smith', 'García', 'López', 'Zhang', 'Patel', 'Bakker', 'Visser', 'Weber'])[1 + (g / 12) % 13] as l) names`);
  const [channel] = (await db.execute(sql`insert into channels (kind, name) values ('webchat', 'Bench chat') returning id`)) as unknown as { id: string }[];
  await db.execute(sql`
    insert into contact_identities (contact_id, channel_id, external_id, handle)
    select id, ${channel.id}, 'visitor-' || row_number() over (), 'Visitor ' || substr(md5(id::text), 1, 6)
    from contacts where random() < 0.33`);
  // What autovacuum does after a bulk load: statistics, and the GIN pending lists merged.
  await db.execute(sql`vacuum analyze contacts`);
  await db.execute(sql`vacuum analyze contact_identities`);
}

function importCsv(rows: number): Uint8Array {
  const lines = ["First name,Last name,Phone,E-mail,Company,City,Country"];
  for (let i = 0; i < rows; i++) {
    // One in ten matches an existing contact's number; one in fifty is invalid.
    const phone = i % 50 === 7 ? "12" : i % 10 === 3 ? `+316${String(10000000 + i * 3).padStart(8, "0")}` : `+3161${String(2000000 + i).padStart(7, "0")}`;
    lines.push(`Imported,Person ${i},${phone},imported${i}@example.org,Bench Co,Rotterdam,NL`);
  }
  return new TextEncoder().encode(lines.join("\n"));
}

async function main() {
  const { handle, drop } = await throwawayDatabase("sb_bench_contacts", 4);
  try {
    await runMigrations(handle);
    const db = handle.db;
    await ensureDefaultTeam(db);
    const settings = await getSettings(db);
    let started = Date.now();
    console.log(`Building ${contactCount.toLocaleString("en")} contacts…`);
    await buildContacts(db, contactCount);
    console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    console.log(`Contact search at ${(contactCount / 1000).toFixed(0)}k contacts (server time, 100 runs each):`);
    const searches: [string, () => Promise<unknown>][] = [
      ["first page, A–Z, no search", () => listContacts(db, settings, {})],
      ["first page, newest first", () => listContacts(db, settings, { sort: "newest" })],
      ["page 2,000 (offset 49,975)", () => listContacts(db, settings, { page: 2000 })],
      ["VIP tab", () => listContacts(db, settings, { tab: "vip" })],
      ["Blocked tab", () => listContacts(db, settings, { tab: "blocked" })],
      ["name, two words (\"lotte bakker\")", () => listContacts(db, settings, { q: "lotte bakker" })],
      ["name, one rare word (\"müller\")", () => listContacts(db, settings, { q: "müller" })],
      ["phone, national notation (\"06 1000 3000\" in NL)", () => listContacts(db, { ...settings, defaultRegion: "NL" }, { q: "06 1000 3000" })],
      ["phone, international (\"+49 151 00007000\")", () => listContacts(db, settings, { q: "+49 151 00007000" })],
      ["phone, last digits (\"0003000\")", () => listContacts(db, settings, { q: "0003000" })],
      ["e-mail, exact", () => listContacts(db, settings, { q: "sanne.devries12@example.com" })],
      ["e-mail, part (\"visser1234\")", () => listContacts(db, settings, { q: "visser1234" })],
      ["company (\"alpine\")", () => listContacts(db, settings, { q: "alpine" })],
      ["channel handle (\"visitor 3f\")", () => listContacts(db, settings, { q: "visitor 3f" })],
      ["tab counts for a search", () => contactCounts(db, settings, "bakker")],
      ["picker (relate / merge), \"lotte\"", () => pickContacts(db, settings, "lotte")],
    ];
    for (const [what, run] of searches) {
      const r = await measure(run, 100, 5);
      console.log(`  ${what}: p50 ${ms(r.p50)}, p95 ${ms(r.p95)}`);
    }

    console.log(`\nCSV import of ${importRows.toLocaleString("en")} rows into ${(contactCount / 1000).toFixed(0)}k contacts (mode "merge"):`);
    const user = await createUser(db, { email: "bench-admin@bench.test", name: "Bench Admin", role: "admin" });
    const actor = (await loadCurrentUser(db, user.id))!;
    const bytes = importCsv(importRows);
    started = performance.now();
    const created = await createImport(db, actor, { name: "bench.csv", bytes });
    await startImport(db, actor, created.import.id, { firstName: "First name", lastName: "Last name", phone: "Phone", email: "E-mail", company: "Company", city: "City", country: "Country" }, "merge");
    // Other requests keep being answered while the import runs: a list query every 50 ms, timed.
    const during: number[] = [];
    let running = true;
    const prober = (async () => {
      while (running) {
        const t = performance.now();
        await listContacts(db, settings, { q: "bakker" });
        during.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const job = await runImport(db, created.import.id);
    running = false;
    await prober;
    const seconds = (performance.now() - started) / 1000;
    during.sort((a, b) => a - b);
    console.log(`  ${job.status}: ${job.created.toLocaleString("en")} created, ${job.updated.toLocaleString("en")} updated, ${job.skipped} skipped, ${job.rejected} rejected`);
    console.log(`  ${seconds.toFixed(1)} s → ${Math.round(importRows / seconds).toLocaleString("en")} rows/s (budget: 50,000 rows in under 60 s)`);
    console.log(
      `  a contact search during the import: p50 ${ms(during[Math.floor(during.length / 2)] ?? NaN)}, p95 ${ms(during[Math.floor(during.length * 0.95)] ?? NaN)} (${during.length} searches)`,
    );
  } finally {
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

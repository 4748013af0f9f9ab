// npx tsx bench/search.ts [--conversations 100000 --messages 10 --skip-seeded]
// Server time of the search page (lib/conversations/search.ts) on the seeded demo company and on a large
// data set (bench/dataset.ts plus phone numbers, e-mail addresses, handles and words of every frequency),
// each on a throw-away Postgres database. Budget (DESIGN.md): p95 ≤ 100 ms.
import { sql } from "drizzle-orm";
import { seed } from "@/db/seed";
import type { Db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import type { ConversationFilters } from "@/lib/conversations/filters";
import { searchConversations } from "@/lib/conversations/search";
import { getSettings } from "@/lib/settings";
import { loadCurrentUser, type CurrentUser } from "@/lib/users";
import { buildDataset } from "./dataset";
import { measure, ms } from "./stats";
import { throwawayDatabase } from "./database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const conversations = option("conversations", 100_000);
const messagesPer = option("messages", 10);
const BUDGET = 100;

type Case = { what: string; q: string; filters?: ConversationFilters; actor?: "agent" | "supervisor" };

async function withDatabase(run: (db: Db) => Promise<void>) {
  const { handle, drop } = await throwawayDatabase("sb_bench", 4);
  try {
    await runMigrations(handle);
    await run(handle.db);
  } finally {
    await drop();
  }
}

let failed = 0;

async function runCases(db: Db, actors: Record<"agent" | "supervisor", CurrentUser>, cases: Case[], runs: number) {
  const settings = await getSettings(db);
  for (const c of cases) {
    const actor = actors[c.actor ?? "agent"];
    let count = 0;
    const timing = await measure(async () => {
      count = (await searchConversations(db, actor, settings, { q: c.q, filters: c.filters })).rows.length;
    }, runs);
    const ok = timing.p95 <= BUDGET;
    if (!ok) failed++;
    console.log(`${ok ? "✓" : "✗"} ${c.what}: p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)}, ${count} results (budget p95 ≤ ${BUDGET} ms)`);
  }
}

/** Gives the bench data what search looks for: numbers, addresses, handles, and words rare to everywhere. */
async function addSearchData(db: Db) {
  // Numbers written without a country code are read as Dutch, as a Dutch company would set it.
  await db.execute(sql`update settings set default_region = 'NL'`);
  await db.execute(sql`
    with numbered as (select id, row_number() over (order by created_at, id) as n from contacts)
    update contacts c set phone = '+3161' || lpad(numbered.n::text, 7, '0'), email = 'customer' || numbered.n || '@example.com'
    from numbered where numbered.id = c.id`);
  await db.execute(sql`
    update contact_identities ci set handle = '@user' || substr(ci.external_id, 5)
    from channels ch where ch.id = ci.channel_id and ch.kind = 'telegram'`);
  // Word frequencies: "parcel" is in every message already, "nw" and "100005" in one in ten; these add a
  // word in one in 50 messages, one in 1,000 and about one in 50,000.
  await db.execute(sql`update messages set body = body || ' invoice' where abs(hashtext(id::text)) % 50 = 0`);
  await db.execute(sql`update messages set body = body || ' warranty claim' where abs(hashtext(id::text)) % 1000 = 1`);
  await db.execute(sql`update messages set body = body || ' saffron' where abs(hashtext(id::text)) % 50000 = 2`);
  await db.execute(sql`
    insert into notes (conversation_id, body)
    select id, 'Called the customer back about the warranty, promised a replacement' from conversations where number % 200 = 0`);
  await db.execute(sql`vacuum analyze`);
}

async function large() {
  await withDatabase(async (db) => {
    const started = Date.now();
    console.log(`Building ${conversations.toLocaleString("en")} conversations × ${messagesPer} messages…`);
    const data = await buildDataset(db, { conversations, messagesPer });
    await addSearchData(db);
    console.log(`Data set ready in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
    const [probe] = (await db.execute(sql`
      select c.number, ct.phone, ct.email from conversations c join contacts ct on ct.id = c.contact_id
      where c.status = 'closed' order by c.number desc limit 1 offset 5000`)) as unknown as { number: number; phone: string; email: string }[];
    const [telegram] = (await db.execute(sql`
      select handle from contact_identities where handle like '@user%' order by handle limit 1 offset 300`)) as unknown as { handle: string }[];
    const national = `0${probe.phone.slice(3, 5)} ${probe.phone.slice(5, 8)} ${probe.phone.slice(8)}`;
    const actors = {
      agent: (await loadCurrentUser(db, data.agentIds[0]))!,
      supervisor: (await loadCurrentUser(db, data.supervisorId))!,
    };
    const month = { from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
    const scale = `${(conversations / 1000).toFixed(0)}k conversations / ${((conversations * messagesPer) / 1e6).toFixed(1)}M messages`;
    console.log(`Search, server time at ${scale}:`);
    await runCases(
      db,
      actors,
      [
        { what: `phone, national notation (${national})`, q: national },
        { what: "phone, international notation", q: `00${probe.phone.slice(1)}` },
        { what: "e-mail address", q: probe.email.toUpperCase() },
        { what: "handle", q: telegram.handle },
        { what: "conversation number", q: `#${probe.number}` },
        { what: "rare word (~20 messages)", q: "saffron" },
        { what: "uncommon words (1 in 1,000 messages + notes)", q: "warranty claim" },
        { what: "word prefix (1 in 1,000)", q: "warr" },
        { what: "medium word (1 in 50 messages)", q: "invoice" },
        { what: "order number in 1 of 10 messages (NW-100005)", q: "NW-100005" },
        { what: "word in every message", q: "parcel" },
        { what: "word in every message, supervisor", q: "parcel", actor: "supervisor" },
        { what: "medium word, WhatsApp + closed, last 30 days", q: "invoice", filters: { channels: ["whatsapp"], states: ["closed"], ...month } },
        { what: "rare word, one team and one agent", q: "warranty", filters: { team: data.teamIds[1], agent: data.agentIds[3] } },
        { what: "no words, filters only (e-mail channel, last 30 days)", q: "", filters: { channels: ["email"], ...month } },
      ],
      50,
    );
  });
}

async function seeded() {
  await withDatabase(async (db) => {
    await seed(db);
    await db.execute(sql`vacuum analyze`);
    const people = (await db.execute(sql`
      select id, email from users where email in ('agent@northwind.test', 'supervisor@northwind.test')`)) as unknown as { id: string; email: string }[];
    const [probe] = (await db.execute(sql`
      select c.number, ct.phone, ct.email from conversations c join contacts ct on ct.id = c.contact_id
      where ct.phone is not null and ct.email is not null order by c.number limit 1`)) as unknown as { number: number; phone: string; email: string }[];
    const actors = {
      agent: (await loadCurrentUser(db, people.find((p) => p.email.startsWith("agent@"))!.id))!,
      supervisor: (await loadCurrentUser(db, people.find((p) => p.email.startsWith("supervisor@"))!.id))!,
    };
    console.log("\nSearch, server time on the seeded demo company:");
    await runCases(
      db,
      actors,
      [
        { what: "phone", q: probe.phone, actor: "supervisor" },
        { what: "e-mail address", q: probe.email, actor: "supervisor" },
        { what: "conversation number", q: `#${probe.number}`, actor: "supervisor" },
        { what: "words", q: "refund" },
        { what: "words, supervisor", q: "order size", actor: "supervisor" },
        { what: "prefix", q: "deliv", actor: "supervisor" },
      ],
      100,
    );
  });
}

async function main() {
  if (!args.includes("--skip-seeded")) await seeded();
  console.log("");
  await large();
  if (failed) {
    console.log(`\n${failed} case(s) over budget.`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

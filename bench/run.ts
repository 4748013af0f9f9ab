// npm run bench [-- --conversations 100000 --messages 10 --skip-server]
// Builds a large data set on a throw-away Postgres database and prints server-side timings against the
// budgets in DESIGN.md. With a production build present (.next), it also starts the app on that database
// and measures the first-load JavaScript of the inbox and the webhook → live update latency.
import { spawn } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import postgres from "postgres";
import { runMigrations } from "@/lib/db/migrate";
import { getConversationByNumber, getConversationExtras, getMessages, listConversations, viewCounts } from "@/lib/conversations/queries";
import type { ConversationFilters } from "@/lib/conversations/filters";
import { views, type View } from "@/lib/conversations/views";
import { getSettings } from "@/lib/settings";
import { loadCurrentUser } from "@/lib/users";
import { buildDataset } from "./dataset";
import { measure, ms, percentile } from "./stats";
import { throwawayDatabase } from "./database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const conversations = option("conversations", 100_000);
const messagesPer = option("messages", 10);
const skipServer = args.includes("--skip-server");

type Row = { what: string; figure: string; budget: string; ok: boolean | null };
const rows: Row[] = [];
const report = (what: string, figure: string, budget: string, ok: boolean | null) => {
  rows.push({ what, figure, budget, ok });
  console.log(`${ok === null ? "·" : ok ? "✓" : "✗"} ${what}: ${figure} (budget ${budget})`);
};

async function main() {
  const { handle, url, drop } = await throwawayDatabase("sb_bench", 4);
  try {
    await runMigrations(handle);
    const started = Date.now();
    console.log(`Building ${conversations.toLocaleString("en")} conversations × ${messagesPer} messages…`);
    const data = await buildDataset(handle.db, { conversations, messagesPer });
    console.log(`Data set ready in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);

    const db = handle.db;
    const settings = await getSettings(db);
    const agent = (await loadCurrentUser(db, data.agentIds[0]))!;
    const scale = `${(conversations / 1000).toFixed(0)}k conversations / ${((conversations * messagesPer) / 1e6).toFixed(1)}M messages`;
    console.log(`Server time at ${scale}:`);

    for (const view of views) {
      const first = await measure(() => listConversations(db, agent, settings, { view }));
      report(`inbox list "${view}", first page`, `p50 ${ms(first.p50)}, p95 ${ms(first.p95)}`, "p95 ≤ 50 ms", first.p95 <= 50);
    }
    const supervisor = (await loadCurrentUser(db, data.supervisorId))!;
    const everything = await measure(() => listConversations(db, supervisor, settings, { view: "all" }));
    report(`inbox list "all" for a supervisor (every team)`, `p50 ${ms(everything.p50)}, p95 ${ms(everything.p95)}`, "p95 ≤ 50 ms", everything.p95 <= 50);
    const deep = await measure(() => listConversations(db, agent, settings, { view: "all", offset: 1000 }), 50);
    report(`inbox list "all", page 21 (offset 1,000)`, `p50 ${ms(deep.p50)}, p95 ${ms(deep.p95)}`, "p95 ≤ 50 ms", deep.p95 <= 50);
    // Filters and the date sorts (lib/conversations/filters-sql.ts), inside every branch of the view.
    const month = { from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) };
    const filtered: [string, View, ConversationFilters][] = [
      ["all: WhatsApp, closed, last 30 days, newest first", "all", { channels: ["whatsapp"], states: ["closed"], ...month, sort: "created", dir: "desc" }],
      ["all: one agent, by last message", "all", { agent: data.agentIds[3], sort: "last", dir: "desc" }],
      ["all: customer by number", "all", { customer: "+1 555 000 1234" }],
      ["assigned: by conversation date, oldest first", "assigned", { sort: "created", dir: "asc" }],
    ];
    for (const [what, view, filters] of filtered) {
      const timing = await measure(() => listConversations(db, agent, settings, { view, filters }));
      report(`inbox list filtered, ${what}`, `p50 ${ms(timing.p50)}, p95 ${ms(timing.p95)}`, "p95 ≤ 50 ms", timing.p95 <= 50);
    }
    const counts = await measure(() => viewCounts(db, agent, settings));
    report("live counts of the four views", `p50 ${ms(counts.p50)}, p95 ${ms(counts.p95)}`, "p95 ≤ 50 ms", counts.p95 <= 50);

    const open = await measure(async () => {
      const header = await getConversationByNumber(db, agent, settings, data.bigConversationNumber);
      if (!header) throw new Error("big conversation not visible");
      await Promise.all([getMessages(db, header.conversation.id), getConversationExtras(db, header.conversation)]);
    });
    report("open a conversation of 1,000 messages", `p50 ${ms(open.p50)}, p95 ${ms(open.p95)}`, "p95 ≤ 100 ms", open.p95 <= 100);

    if (!skipServer) await serverBenches(url);
  } finally {
    await drop();
  }
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), conversations, messagesPer, rows }, null, 2));
}

async function serverBenches(databaseUrl: string) {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("\n(no production build: run `npm run build` first for the bundle and live-update figures)");
    return;
  }
  const port = 3190;
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: "bench-secret", NEXTAUTH_URL: origin, PORT: String(port), SWITCHBOARD_JOBS: "off", DATABASE_POOL_MAX: "10" };
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  try {
    for (let i = 0; i < 60; i++) {
      if (await fetch(`${origin}/sign-in`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookie = await signIn(origin, "bench-agent-0@bench.test");
    console.log("\nWith the production server:");

    // First-load JavaScript of the inbox: every script a modern browser loads, gzipped (the noModule
    // polyfills are only fetched by browsers without ES modules).
    const html = await (await fetch(`${origin}/inbox/new`, { headers: { cookie } })).text();
    const tags = [...html.matchAll(/<script[^>]*src="([^"]+)"[^>]*>/g)].filter((m) => !/nomodule/i.test(m[0]));
    const scripts = [...new Set(tags.map((m) => m[1]))];
    let gz = 0;
    for (const src of scripts) {
      const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
      gz += zlib.gzipSync(body).length;
    }
    report("first-load JavaScript of the inbox route", `${(gz / 1024).toFixed(0)} kB gzip (${scripts.length} files)`, "≤ 250 kB", gz / 1024 <= 250);

    // Webhook → live: a widget message posted over HTTP until the inbox SSE stream announces it.
    const channelId = await webchatChannel(databaseUrl);
    const stream = await fetch(`${origin}/api/realtime/stream?topics=inbox`, { headers: { cookie } });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const session = await (await fetch(`${origin}/api/widget/${channelId}/session`, { method: "POST", headers: { "x-forwarded-for": `10.0.${i}.1` } })).json();
      const sent = performance.now();
      const res = await fetch(`${origin}/api/widget/${channelId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ visitorId: session.visitorId, clientMessageId: `bench${i}xxxx`, text: `Latency probe ${i}` }),
      });
      if (!res.ok) throw new Error(`widget post failed: ${res.status}`);
      for (;;) {
        const { value } = await reader.read();
        if (decoder.decode(value).includes("conversation-changed")) break;
      }
      latencies.push(performance.now() - sent);
    }
    await reader.cancel();
    latencies.sort((a, b) => a - b);
    const p95 = percentile(latencies, 95);
    report("inbound web-chat message → event in an open agent page", `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(p95)}`, "p95 ≤ 1 s", p95 <= 1000);
  } finally {
    server.kill("SIGTERM");
  }
}

async function signIn(origin: string, email: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: "switchboard", json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed (${res.status})`);
  return session;
}

async function webchatChannel(databaseUrl: string): Promise<string> {
  const client = postgres(databaseUrl, { max: 1 });
  const [row] = await client`select id from channels where kind = 'webchat' limit 1`;
  await client.end();
  return row.id as string;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

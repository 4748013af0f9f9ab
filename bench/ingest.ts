// npm run bench -- ingest   (or: npx tsx bench/ingest.ts [--seconds 20] [--concurrency 32])
// Posts signed WhatsApp and Telegram webhooks, from many senders at once, through the real route
// handlers of the production build on a throw-away Postgres database, and prints messages per second,
// p50/p99 latency, the server's peak memory, and a check that every message was stored exactly once;
// beside the same machine's rate for a bare Next.js route handler (the framework's own ceiling).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { channels } from "@/db/schema";
import { encryptJson } from "@/lib/crypto";
import { runMigrations } from "@/lib/db/migrate";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { runLoad, type LoadRequest } from "./load";
import { throwawayDatabase } from "./database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option("seconds", 20);
const concurrency = option("concurrency", 32);
const senders = option("senders", 2000);

const secret = "bench-auth-secret-0123456789abcdef";
const appSecret = "bench-meta-app-secret";
const phoneNumberId = "106540352242922";
const botToken = "123456789:AAEbenchbenchbenchbenchbenchbenchbench";
const telegramSecret = "bench-telegram-webhook-secret-0123456789";

function whatsappRequest(channelId: string, i: number): LoadRequest {
  const sender = String(31600000000 + (i % senders));
  // ASCII only, so the bytes are exactly what Meta would send (channels.md gotcha 1).
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: `Customer ${i % senders}` }, wa_id: sender }],
              messages: [{ from: sender, id: `wamid.bench.${i}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: `Where is order NW-${100000 + i}? It should have arrived by now.` } }],
            },
          },
        ],
      },
    ],
  });
  const signature = crypto.createHmac("sha256", appSecret).update(body).digest("hex");
  return { path: `/api/webhooks/whatsapp/${channelId}`, headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${signature}` }, body };
}

function telegramRequest(channelId: string, i: number): LoadRequest {
  const chat = 400000000 + (i % senders);
  const body = JSON.stringify({
    update_id: 815000000 + i,
    message: {
      message_id: i + 1,
      from: { id: chat, is_bot: false, first_name: "Ana", last_name: `Silva ${i % senders}` },
      chat: { id: chat, type: "private", first_name: "Ana" },
      date: Math.floor(Date.now() / 1000),
      text: `Hello, I need help with order NW-${100000 + i}.`,
    },
  });
  return { path: `/api/webhooks/telegram/${channelId}`, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": telegramSecret }, body };
}

function peakRss(pid: number, into: { peak: number }) {
  const timer = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      into.peak = Math.max(into.peak, kb / 1024);
    } catch {
      // The process may have gone; the last reading stands.
    }
  }, 200);
  return () => clearInterval(timer);
}

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Milliseconds until the process uses under 10% of a core over a quarter second. */
async function untilQuiet(pid: number) {
  const started = performance.now();
  let last = cpuSeconds(pid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = cpuSeconds(pid);
    if (now - last < 0.025) return performance.now() - started - 250;
    last = now;
  }
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("Run `npm run build` first: the benchmark drives the production build.");
  process.env.AUTH_SECRET = secret;
  const { handle, url, drop } = await throwawayDatabase("sb_ingest", 2);
  const port = 3195;
  const origin = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  try {
    await runMigrations(handle);
    await getSettings(handle.db);
    await ensureDefaultTeam(handle.db);
    const [whatsapp, telegram] = await handle.db
      .insert(channels)
      .values([
        {
          kind: "whatsapp",
          name: "Bench WhatsApp",
          externalId: phoneNumberId,
          settings: { phoneNumberId, wabaId: "102290129340398", verifyToken: "bench-verify-token" },
          credentials: encryptJson({ accessToken: "bench-access-token-0123456789", appSecret }),
        },
        { kind: "telegram", name: "Bench Telegram", externalId: "123456789", settings: {}, credentials: encryptJson({ botToken, webhookSecret: telegramSecret }) },
      ])
      .returning();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: secret,
      NEXTAUTH_URL: origin,
      PORT: String(port),
      SWITCHBOARD_JOBS: "off",
      SWITCHBOARD_BENCH: "1",
      DATABASE_POOL_MAX: "20",
      // Side effects (realtime, media, away replies) stay on; nothing listens, as on a quiet night.
      NODE_ENV: "production",
    };
    // `--profile` writes a CPU profile of the server to /tmp/switchboard-prof (open it in Chrome DevTools).
    const profile = args.includes("--profile") ? ["--cpu-prof", "--cpu-prof-dir=/tmp/switchboard-prof"] : [];
    // The heap cap of `npm start` (package.json): without it V8 lets a busy process's heap grow lazily.
    const heapCap = /--max-old-space-size=\d+/.exec(JSON.parse(fs.readFileSync("package.json", "utf8")).scripts.start)?.[0];
    const app = spawn(process.execPath, [...profile, ...(heapCap ? [heapCap] : []), require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      env,
      stdio: "ignore",
    });
    server = app;
    for (let i = 0; i < 120; i++) {
      if (await fetch(`${origin}/sign-in`).then((r) => r.status < 500, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const memory = { peak: 0 };
    const stopWatching = peakRss(app.pid!, memory);

    console.log(`Warming up…`);
    await runLoad(origin, 4, 3, (i) => ({ path: "/api/bench/echo", headers: { "content-type": "application/json" }, body: whatsappRequest(whatsapp.id, i).body }));
    await runLoad(origin, 4, 3, (i) => (i % 2 ? whatsappRequest(whatsapp.id, 10_000_000 + i) : telegramRequest(telegram.id, 10_000_000 + i)));

    console.log(`Bare route handler: ${concurrency} concurrent clients for ${seconds} s…`);
    const bare = await runLoad(origin, concurrency, seconds, (i) => ({
      path: "/api/bench/echo",
      headers: { "content-type": "application/json" },
      body: whatsappRequest(whatsapp.id, i).body,
    }));

    const countStored = async () => {
      const [row] = await handle.db.execute<{ n: number }>(
        sql`select count(*)::int as n from messages where direction = 'in'`,
      ) as unknown as { n: number }[];
      return row.n;
    };
    const countOpened = async () =>
      ((await handle.db.execute(sql`select count(*)::int as n from conversations`)) as unknown as { n: number }[])[0].n;
    const before = await countStored();
    const openedBefore = await countOpened();
    // Every 50th request repeats an earlier one (a provider's retry): it must not store a second message.
    console.log(`Ingest: ${concurrency} concurrent clients, ${senders} senders, WhatsApp + Telegram, for ${seconds} s…`);
    const sent = new Set<string>();
    const ingest = await runLoad(origin, concurrency, seconds, (i) => {
      const n = i % 50 === 49 ? i - 25 : i;
      const request = n % 2 ? whatsappRequest(whatsapp.id, n) : telegramRequest(telegram.id, n);
      sent.add(`${n % 2 ? "w" : "t"}${n}`);
      return request;
    });
    // Work deferred past the response (realtime, mood, away replies) runs on the same process: wait until
    // its CPU falls quiet, so the sustained figure includes it.
    const drainMs = await untilQuiet(app.pid!);
    stopWatching();
    const stored = (await countStored()) - before;
    const opened = (await countOpened()) - openedBefore;
    const [dupes] = (await handle.db.execute(
      sql`select count(*)::int as n from (select channel_id, provider_message_id from messages group by 1, 2 having count(*) > 1) d`,
    )) as unknown as { n: number }[];
    const exactlyOnce = stored === sent.size && dupes.n === 0;
    const sustained = ingest.ok / (seconds + drainMs / 1000);
    const ratio = sustained / bare.rate;
    console.log("");
    console.log(`bare Next.js route handler:   ${bare.rate.toFixed(0)} req/s  p50 ${bare.p50.toFixed(1)} ms  p99 ${bare.p99.toFixed(1)} ms`);
    console.log(`webhook ingest (WA + TG):     ${ingest.rate.toFixed(0)} msg/s  p50 ${ingest.p50.toFixed(1)} ms  p99 ${ingest.p99.toFixed(1)} ms  (${ingest.ok} ok, ${ingest.failed} failed: ${JSON.stringify(ingest.statuses)})`);
    console.log(`first messages:               ${opened} of the ${stored} stored opened a conversation (a new sender)`);
    console.log(`deferred work drained:        ${drainMs.toFixed(0)} ms after the last response → ${sustained.toFixed(0)} msg/s sustained including it`);
    console.log(`ratio ingest / bare:          ${ratio.toFixed(2)}  (sustained / bare; budget ≥ 0.45 and ≥ 1,000 msg/s)`);
    console.log(`peak server RSS:              ${memory.peak.toFixed(0)} MB  (budget ≤ 512 MB)`);
    console.log(`stored exactly once:          ${exactlyOnce ? "yes" : "NO"}: ${stored} messages stored for ${sent.size} distinct webhooks (${ingest.ok - sent.size} retries answered 200 and stored nothing); ${dupes.n} duplicated provider ids`);
    if (!exactlyOnce || ingest.failed) process.exitCode = 1;
  } finally {
    server?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 1500));
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

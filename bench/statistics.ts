// npx tsx bench/statistics.ts [-- --conversations 100000 --messages 10]
// The statistics budgets of DESIGN.md on a throw-away Postgres database: the statistics page for a 90-day
// span (server time, p95 ≤ 300 ms at 100k conversations / 1M messages), and a conversation of 1,000
// messages exported to PDF (< 3 s).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { runMigrations } from "@/lib/db/migrate";
import { getSettings } from "@/lib/settings";
import { filterOptions } from "@/lib/stats/options";
import { getOverview } from "@/lib/stats/overview";
import { getProductivity } from "@/lib/stats/productivity";
import { compactStatsRollups } from "@/lib/stats/rollup";
import { resolveSpan } from "@/lib/stats/span";
import { loadCurrentUser } from "@/lib/users";
import { addStatisticsData, buildDataset } from "./dataset";
import { measure, ms } from "./stats";
import { throwawayDatabase } from "./database";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const conversations = option("conversations", 100_000);
const messagesPer = option("messages", 10);

const report = (what: string, figure: string, budget: string, ok: boolean) => console.log(`${ok ? "✓" : "✗"} ${what}: ${figure} (budget ${budget})`);

async function main() {
  const { handle, drop } = await throwawayDatabase("sb_bench_stats", 10);
  try {
    await runMigrations(handle);
    const started = Date.now();
    console.log(`Building ${conversations.toLocaleString("en")} conversations × ${messagesPer} messages, with events and tags…`);
    const data = await buildDataset(handle.db, { conversations, messagesPer });
    await addStatisticsData(handle.db);
    // The bench writes everything at once; a live database is vacuumed by autovacuum as it goes, and
    // the scheduled job folds the statistics rollup's per-connection slots of past hours.
    await compactStatsRollups(handle.db);
    await handle.db.execute(sql`vacuum analyze`);
    console.log(`Data set ready in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);

    const db = handle.db;
    const settings = await getSettings(db);
    const supervisor = { ...(await loadCurrentUser(db, data.supervisorId))!, timeZone: "Europe/Amsterdam" };
    const scale = `${(conversations / 1000).toFixed(0)}k conversations / ${((conversations * messagesPer) / 1e6).toFixed(1)}M messages`;
    console.log(`Server time at ${scale}:`);

    const span90 = resolveSpan({ span: "90d" }, supervisor.timeZone);
    const page = await measure(() => Promise.all([getOverview(db, supervisor, settings, span90, {}), filterOptions(db)]), 50, 5);
    report("statistics page, 90 days, every chart", `p50 ${ms(page.p50)}, p95 ${ms(page.p95)}`, "p95 ≤ 300 ms", page.p95 <= 300);
    const team = await measure(() => getOverview(db, supervisor, settings, span90, { teamId: data.teamIds[1] }), 30, 3);
    report("statistics page, 90 days, one team", `p50 ${ms(team.p50)}, p95 ${ms(team.p95)}`, "p95 ≤ 300 ms", team.p95 <= 300);
    const week = await measure(() => getOverview(db, supervisor, settings, resolveSpan({ span: "7d" }, supervisor.timeZone), {}), 30, 3);
    report("statistics page, 7 days", `p50 ${ms(week.p50)}, p95 ${ms(week.p95)}`, "p95 ≤ 300 ms", week.p95 <= 300);
    const months = await measure(() => getProductivity(db, supervisor, settings, supervisor.timeZone), 30, 3);
    report("agent productivity, month on month", `p50 ${ms(months.p50)}, p95 ${ms(months.p95)}`, "p95 ≤ 300 ms", months.p95 <= 300);

  } finally {
    await drop();
  }
}

/** react-pdf is ESM only, which tsx cannot load from here; vitest's bench runner times the PDF export. */
function pdfBench() {
  console.log("\nPDF export (vitest bench, embedded database):");
  const out = path.join(os.tmpdir(), `sb-pdf-bench-${process.pid}.json`);
  spawnSync("npx", ["vitest", "bench", "--run", "bench/pdf-export.bench.ts", "--outputJson", out], { stdio: "ignore" });
  type Result = { files: { groups: { benchmarks: { name: string; mean?: number; max?: number }[] }[] }[] };
  const result = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as Result) : null;
  const timing = result?.files.flatMap((f) => f.groups.flatMap((g) => g.benchmarks)).find((b) => b.mean !== undefined);
  if (!timing?.mean || !timing.max) {
    report("conversation of 1,000 messages to PDF", "failed to run (see `npx vitest bench --run bench/pdf-export.bench.ts`)", "< 3 s", false);
    return;
  }
  report("conversation of 1,000 messages to PDF (read + render)", `mean ${ms(timing.mean)}, max ${ms(timing.max)}`, "< 3 s", timing.max < 3000);
}

main()
  .then(pdfBench)
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

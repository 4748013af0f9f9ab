// npm run bench [scenario ...] — every scenario by default. Each prints its figures beside DESIGN.md's budget.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const scenarios: Record<string, string> = {
  inbox: "bench/run.ts",
  ingest: "bench/ingest.ts",
  search: "bench/search.ts",
  contacts: "bench/contacts.ts",
  statistics: "bench/statistics.ts",
};

const asked = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith("--") || /^\d+$/.test(a));
const chosen = asked.filter((a) => !/^\d+$/.test(a));
const names = chosen.length ? chosen : Object.keys(scenarios);
let failed = false;
for (const name of names) {
  const file = scenarios[name];
  if (!file) {
    console.error(`Unknown scenario "${name}". Known: ${Object.keys(scenarios).join(", ")}.`);
    process.exit(2);
  }
  if (!fs.existsSync(file)) {
    console.log(`\n== ${name}: not available (${file} missing)`);
    continue;
  }
  console.log(`\n== ${name}`);
  const run = spawnSync(process.execPath, [require.resolve("tsx/cli"), file, ...passThrough], { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

// Serves the production build for Playwright on a database of its own: a throw-away Postgres database
// when TEST_DATABASE_URL is set (as in CI), otherwise a fresh embedded PGlite directory. Seeds the demo
// company, then runs `next start`.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { seed } from "@/db/seed";
import { openPglite, openPostgres } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

async function main() {
  const port = process.env.E2E_PORT ?? "3100";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    SWITCHBOARD_JOBS: "off",
    // Specs that talk to a provider start its fake on a fixed port (test/e2e/telegram-channel.spec.ts).
    TELEGRAM_API_URL: `http://127.0.0.1:${process.env.E2E_TELEGRAM_API_PORT ?? 3291}`,
    META_GRAPH_URL: `http://127.0.0.1:${process.env.E2E_META_API_PORT ?? 3292}/v26.0`,
    NODE_ENV: "production",
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-"));
  env.SWITCHBOARD_DATA_DIR = dataDir;
  let cleanup = async () => {};

  if (process.env.TEST_DATABASE_URL) {
    const name = `sb_e2e_${crypto.randomBytes(5).toString("hex")}`;
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.AUTH_SECRET = crypto.randomBytes(32).toString("base64url");
    const handle = openPostgres(env.DATABASE_URL, { max: 2 });
    await runMigrations(handle);
    await seed(handle.db);
    await handle.close();
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const handle = openPglite(path.join(dataDir, "pglite"));
    await runMigrations(handle);
    await seed(handle.db);
    await handle.close();
  }

  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"], {
    env,
    stdio: "inherit",
  });
  const stop = async () => {
    server.kill("SIGTERM");
    await cleanup().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  server.on("exit", (code) => {
    void cleanup().finally(() => process.exit(code ?? 0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Point at a running app (e.g. `npm run dev`) to skip starting the production build.
const external = process.env.E2E_BASE_URL;

// Debian's Chromium, never a downloaded browser; flags keep it quiet on a machine without network.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "test/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: external
    ? undefined
    : {
        command: "tsx test/e2e/server.ts",
        url: `http://127.0.0.1:${port}/sign-in`,
        timeout: 120_000,
        reuseExistingServer: false,
        env: { E2E_PORT: String(port) },
        stdout: "pipe",
        stderr: "pipe",
        // The server drops its throw-away database on SIGTERM; the default kill would leave it behind.
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "test/e2e/**", "data/**"],
    // Each file gets its own database; files run in parallel on the machine's cores.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

// Runs before `next dev` / `next start`. On the embedded database (no DATABASE_URL) it creates ./data,
// the secret, applies migrations and loads the demo company on first run. On Postgres it only checks
// that AUTH_SECRET is set: migrations there are an explicit `npm run db:migrate`.
import { seed } from "@/db/seed";
import { authSecret } from "@/lib/auth/secret";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { databaseUrl, dataDir } from "@/lib/env";
import { hasAnyUser } from "@/lib/users";

async function main() {
  authSecret();
  if (!databaseUrl()) {
    const handle = dbHandle();
    await runMigrations(handle).catch((error: unknown) => {
      // 42710/42P07: the init migration meets objects it would create. Until the first release the
      // schema has one migration that is regenerated, so a database made by an older checkout cannot
      // be upgraded in place.
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === "42710" || code === "42P07") {
        throw new Error(`The embedded database in ${dataDir()} was made by an older version of the schema. Delete that folder to start over with fresh demo data.`, { cause: error });
      }
      throw error;
    });
    if (!(await hasAnyUser(handle.db)) && process.env.SWITCHBOARD_SEED !== "false") {
      const started = Date.now();
      const summary = await seed(handle.db);
      console.log(`Switchboard: demo data loaded in ${Date.now() - started} ms`, summary);
      console.log("Switchboard: sign in as admin@northwind.test / switchboard (see README for the other accounts).");
    }
    await handle.close();
    console.log(`Switchboard: embedded database ready in ${dataDir()}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

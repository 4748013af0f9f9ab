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
    await runMigrations(handle);
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

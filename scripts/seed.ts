// Loads the demo company into DATABASE_URL (or the embedded database). Refuses a database that has users.
import { seed } from "@/db/seed";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { hasAnyUser } from "@/lib/users";

async function main() {
  const handle = dbHandle();
  await runMigrations(handle);
  if (await hasAnyUser(handle.db)) {
    console.log("The database already has users; the demo data was not loaded.");
  } else {
    const summary = await seed(handle.db);
    console.log("Demo data loaded:", summary);
  }
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

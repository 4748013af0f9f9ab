// Applies the drizzle migrations to DATABASE_URL (or the embedded database under ./data).
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

async function main() {
  const handle = dbHandle();
  await runMigrations(handle);
  await handle.close();
  console.log(`Migrations applied (${handle.kind}).`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

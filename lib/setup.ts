import { sql } from "drizzle-orm";
import { settings } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { createUser, hasAnyUser } from "@/lib/users";
import type { SetupInput } from "@/lib/setup.validation";


/**
 * First run: creates the administrator. Only while there are no users at all; the advisory lock makes
 * two simultaneous set-ups create one administrator, not two.
 */
export async function createFirstAdmin(db: Db, input: SetupInput) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(424242)`);
    if (await hasAnyUser(tx)) throw new UserError("Switchboard is already set up. Sign in instead.");
    await getSettings(tx);
    await tx.update(settings).set({ companyName: input.companyName }).where(sql`${settings.id} = 1`);
    return createUser(tx, { email: input.email, name: input.name, password: input.password, role: "admin" });
  });
}

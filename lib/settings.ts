import { eq } from "drizzle-orm";
import { settings } from "@/db/schema";
import type { ServiceSettings } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";

export async function getSettings(db: DbOrTx): Promise<ServiceSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (row) return row;
  const [created] = await db.insert(settings).values({ id: 1 }).onConflictDoNothing().returning();
  return created ?? (await db.select().from(settings).where(eq(settings.id, 1)))[0];
}

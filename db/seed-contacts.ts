/**
 * Contact-side demo data, after db/seed.ts has written the history: the contacts the demo company has
 * clearly saved (with a first name) are "recognised", and every conversation gets the language and mood
 * of its customer's messages. Deterministic: depends only on the seeded rows.
 */
import { asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { contacts, conversations, messages } from "@/db/schema";
import { readMood } from "@/lib/contacts/mood";
import type { DbOrTx } from "@/lib/db/client";

export async function seedContactDetails(tx: DbOrTx): Promise<void> {
  await tx.update(contacts).set({ known: true }).where(isNotNull(contacts.firstName));

  const inbound = await tx
    .select({ conversationId: messages.conversationId, body: messages.body })
    .from(messages)
    .where(eq(messages.direction, "in"))
    .orderBy(asc(messages.conversationId), sql`${messages.createdAt} desc`);
  const recent = new Map<string, string[]>();
  for (const m of inbound) {
    const list = recent.get(m.conversationId) ?? [];
    if (list.length < 5 && m.body) list.push(m.body);
    recent.set(m.conversationId, list);
  }
  const moods = [...recent].map(([id, bodies]) => ({ id, ...readMood(bodies) })).filter((m) => m.language || m.sentiment);
  for (const sentiment of ["negative", "neutral", "positive", null] as const) {
    const byLanguage = new Map<string | null, string[]>();
    for (const m of moods.filter((x) => x.sentiment === sentiment)) byLanguage.set(m.language, [...(byLanguage.get(m.language) ?? []), m.id]);
    for (const [language, ids] of byLanguage) await tx.update(conversations).set({ language, sentiment }).where(inArray(conversations.id, ids));
  }
}

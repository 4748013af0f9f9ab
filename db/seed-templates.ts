/**
 * Demo WhatsApp message templates for Northwind Outfitters' WhatsApp number, as a sync from Meta would
 * have stored them, so the template dialog has something to offer before anyone connects a real account.
 * Kept apart from db/seed.ts's conversation history; deterministic (depends only on `now`).
 */
import { templates } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

const body = (text: string) => [{ type: "BODY", text }];

const demoTemplates = [
  {
    // The text of the template messages in the seeded WhatsApp threads.
    name: "conversation_followup",
    language: "en",
    category: "UTILITY",
    text: "Hi {{1}}, this is Northwind Outfitters with an update on your request. Reply to this message to continue the conversation.",
  },
  {
    name: "conversation_followup",
    language: "nl",
    category: "UTILITY",
    text: "Hoi {{1}}, dit is Northwind Outfitters met een update over je vraag. Antwoord op dit bericht om het gesprek voort te zetten.",
  },
  {
    name: "order_shipped",
    language: "en",
    category: "UTILITY",
    text: "Good news, {{1}}! Your order {{2}} has shipped and should arrive on {{3}}.",
  },
] as const;

export async function seedTemplates(db: DbOrTx, world: { channelIds: Record<string, string>; now: number }): Promise<void> {
  const channelId = world.channelIds.whatsapp;
  if (!channelId) return;
  const syncedAt = new Date(world.now - 2 * 24 * 3_600_000);
  await db.insert(templates).values(
    demoTemplates.map((t) => ({
      channelId,
      name: t.name,
      language: t.language,
      category: t.category,
      status: "APPROVED",
      body: t.text,
      components: body(t.text),
      syncedAt,
    })),
  );
}

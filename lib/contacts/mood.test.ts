import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations } from "@/db/schema";
import { afterIngest } from "@/lib/conversations/after-ingest";
import { listConversations } from "@/lib/conversations/queries";
import { moodWhere, readMood } from "@/lib/contacts/mood";
import { getSettings } from "@/lib/settings";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";

const db = setupTestDb();

describe("reading the mood", () => {
  it.each([
    [["Thank you so much, the new tent is great!"], "en", "positive"],
    [["This is terrible. My order is broken and nobody answers, I am very angry."], "en", "negative"],
    [["Where is my order? It was sent on Monday."], "en", "neutral"],
    [["Waar blijft mijn bestelling? Dit is echt belachelijk, ik ben teleurgesteld."], "nl", "negative"],
    [["Vielen Dank, alles super und schnell geliefert!"], "de", "positive"],
    [["Mi pedido llegó roto, estoy muy decepcionado."], "es", "negative"],
  ])("%j → %s, %s", (messages, language, sentiment) => {
    expect(readMood(messages)).toEqual({ language, sentiment });
  });

  it("does not guess a language from a few letters, and gives no mood for languages it cannot score", () => {
    expect(readMood(["ok"]).language).toBeNull();
    expect(readMood(["👍👍"]).sentiment).toBe("positive");
    expect(readMood(["Мой заказ не пришёл, где он сейчас находится?"])).toEqual({ language: "ru", sentiment: null });
  });

  it("lets a long enough newest message confirm the conversation's language, and reads all again when it does not", () => {
    const dutch = ["Waar blijft mijn bestelling? Ik wacht al een hele week.", "Hallo", "Bedankt"];
    expect(readMood(dutch, "nl").language).toBe("nl");
    const switched = ["Where is my order? I have been waiting for a whole week.", ...dutch];
    expect(readMood(switched, "nl")).toEqual(readMood(switched));
    expect(readMood(switched, "nl").language).toBe("en");
  });

  it("is computed after ingest and can filter a conversation list", async () => {
    const supervisor = await makeUser(db(), "supervisor");
    const channel = await makeChannel(db(), "whatsapp");
    const out = await customerWrites(db(), channel, "31611223344", "My jacket arrived torn and the zipper is broken. Awful, I want a refund.");
    await afterIngest(db(), [out]);
    if (out.type !== "message" || out.result !== "stored") throw new Error("not stored");
    const [row] = await db().select().from(conversations).where(eq(conversations.id, out.conversationId));
    expect(row).toMatchObject({ language: "en", sentiment: "negative" });
    const settings = await getSettings(db());
    const all = await listConversations(db(), supervisor, settings, { view: "all" });
    expect(all.rows.find((r) => r.id === out.conversationId)).toBeDefined();
    const negatives = await db().select({ id: conversations.id }).from(conversations).where(moodWhere({ sentiment: "negative", language: "en" }));
    expect(negatives.map((r) => r.id)).toContain(out.conversationId);
  });
});

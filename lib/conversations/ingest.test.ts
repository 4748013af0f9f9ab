import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversations, messages } from "@/db/schema";
import { ingest } from "@/lib/conversations/ingest";
import type { InboundMessage } from "@/lib/channels/types";
import { setupTestDb } from "@/test/db";
import { makeChannel } from "@/test/factories";

const db = setupTestDb();

const event = (overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  type: "message",
  providerMessageId: "wamid.same-message-1",
  externalId: "31612345678",
  handle: "+31 6 12345678",
  profileName: "Sanne de Vries",
  kind: "text",
  body: "Waar blijft mijn bestelling?",
  ...overrides,
});

describe("ingest", () => {
  it("stores the same provider message once, however often it is delivered", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const first = await ingest(db(), channel, [event()]);
    const again = await ingest(db(), channel, [event()]);
    expect(first[0].result).toBe("stored");
    expect(again[0].result).toBe("duplicate");
    const stored = await db().select().from(messages).where(eq(messages.channelId, channel.id));
    expect(stored).toHaveLength(1);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.channelId, channel.id));
    expect(conversation.messageCount).toBe(1);
  });

  it("stores one message, one contact and one conversation when the same delivery races itself", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const racing = event({ providerMessageId: "wamid.racing", externalId: "4915112345678" });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => ingest(db(), channel, [racing])));
    expect(outcomes.flat().filter((o) => o.result === "stored")).toHaveLength(1);
    expect(await db().select().from(messages).where(eq(messages.channelId, channel.id))).toHaveLength(1);
    expect(await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id))).toHaveLength(1);
    expect(await db().select().from(conversations).where(eq(conversations.channelId, channel.id))).toHaveLength(1);
  });

  it("keeps the same id apart on different channels", async () => {
    const a = await makeChannel(db(), "whatsapp");
    const b = await makeChannel(db(), "whatsapp");
    await ingest(db(), a, [event({ providerMessageId: "shared-id" })]);
    const [onB] = await ingest(db(), b, [event({ providerMessageId: "shared-id" })]);
    expect(onB.result).toBe("stored");
  });

  it("creates the contact from what the channel told us and joins later messages to its conversation", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const [one] = await ingest(db(), channel, [event({ providerMessageId: "m-1", externalId: "34600111222", profileName: "Lucía" })]);
    const [two] = await ingest(db(), channel, [event({ providerMessageId: "m-2", externalId: "34600111222", body: "¿Hola?" })]);
    if (one.result !== "stored" || two.result !== "stored") throw new Error("not stored");
    expect(two.conversationId).toBe(one.conversationId);
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "34600111222"));
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, identity.contactId));
    expect(contact.name).toBe("Lucía");
    expect(identity.handle).toBe("+31 6 12345678");
  });

  it("drops a barred identity's messages and counts them", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    await ingest(db(), channel, [event({ providerMessageId: "b-1", externalId: "barred-sender" })]);
    await db().update(contactIdentities).set({ barred: true }).where(eq(contactIdentities.externalId, "barred-sender"));
    const [dropped] = await ingest(db(), channel, [event({ providerMessageId: "b-2", externalId: "barred-sender" })]);
    expect(dropped.result).toBe("dropped");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "barred-sender"));
    expect(identity.droppedCount).toBe(1);
    expect(await db().select().from(messages).where(eq(messages.providerMessageId, "b-2"))).toHaveLength(0);
  });

  it("routes a new conversation to the channel's team", async () => {
    const { teams } = await import("@/db/schema");
    const [team] = await db().insert(teams).values({ name: "Routing target" }).returning();
    const channel = await makeChannel(db(), "telegram", { teamId: team.id });
    const [outcome] = await ingest(db(), channel, [event({ providerMessageId: "r-1", externalId: "777" })]);
    expect(outcome.result === "stored" && outcome.teamId).toBe(team.id);
  });
});

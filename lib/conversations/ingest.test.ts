import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversations, messages } from "@/db/schema";
import { ingest, type IngestOutcome } from "@/lib/conversations/ingest";
import type { InboundMessage } from "@/lib/channels/types";
import { setupTestDb } from "@/test/db";
import { makeChannel } from "@/test/factories";

const db = setupTestDb();

function stored(outcome: IngestOutcome) {
  if (outcome.type !== "message" || outcome.result !== "stored") throw new Error(`not stored: ${outcome.result}`);
  return outcome;
}

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
    expect(outcome.type === "message" && outcome.result === "stored" && outcome.teamId).toBe(team.id);
  });

  it("writes messages arriving together in one statement, keeping each conversation's count, last message and mood input right", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const other = await makeChannel(db(), "telegram");
    const start = Date.now() - 60_000;
    const at = (second: number) => new Date(start + second * 1000);
    await ingest(db(), channel, [event({ providerMessageId: "g-0", externalId: "g-anna", body: "Hello", timestamp: at(0) })]);
    await ingest(db(), other, [event({ providerMessageId: "g-0", externalId: "g-bert", body: "Hi", timestamp: at(0) })]);
    // Parallel deliveries: two customers on two accounts, Anna three times, Bert twice with the same message.
    const outcomes = (
      await Promise.all([
        ingest(db(), channel, [event({ providerMessageId: "g-1", externalId: "g-anna", body: "first", timestamp: at(1) })]),
        ingest(db(), other, [event({ providerMessageId: "g-1", externalId: "g-bert", body: "from Bert", timestamp: at(2) })]),
        ingest(db(), channel, [event({ providerMessageId: "g-3", externalId: "g-anna", body: "third", timestamp: at(3) })]),
        ingest(db(), other, [event({ providerMessageId: "g-1", externalId: "g-bert", body: "from Bert", timestamp: at(2) })]),
        ingest(db(), channel, [event({ providerMessageId: "g-2", externalId: "g-anna", body: "second", timestamp: at(2) })]),
      ])
    ).flat();
    const [b1, b2] = [outcomes[1], outcomes[3]];
    const [anna, third, second] = [outcomes[0], outcomes[2], outcomes[4]].map(stored);
    // Either copy of Bert's message may be the one stored; the other is its duplicate.
    expect([b1.result, b2.result].sort()).toEqual(["duplicate", "stored"]);
    const [id1, id2] = [b1, b2].map((o) => ("messageId" in o ? o.messageId : null));
    expect(id1).toBe(id2);
    expect(third.mood.recent).toEqual(["third", "second", "first", "Hello"]);
    expect(second.mood.recent).toEqual(["second", "first", "Hello"]);

    const [row] = await db().select().from(conversations).where(eq(conversations.id, anna.conversationId));
    expect(row).toMatchObject({ messageCount: 4, lastMessagePreview: "third", lastMessageDirection: "in" });
    expect(row.lastMessageAt.getTime()).toBe(at(3).getTime());
    expect(await db().select().from(messages).where(eq(messages.conversationId, anna.conversationId))).toHaveLength(4);
    const [bert] = await db().select().from(conversations).where(eq(conversations.channelId, other.id));
    expect(bert).toMatchObject({ messageCount: 2, lastMessagePreview: "from Bert" });
  });

  it("stores a batch's messages one by one when the batch statement fails", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    await ingest(db(), channel, [event({ providerMessageId: "f-0", externalId: "f-sender" })]);
    // A NUL byte is no valid text for Postgres: the batch fails, the message then fails alone, its batch-mate lands.
    const results = await Promise.allSettled([
      ingest(db(), channel, [event({ providerMessageId: "f-1", externalId: "f-sender", body: "ok" })]),
      ingest(db(), channel, [event({ providerMessageId: "f-2", externalId: "f-sender", body: "bad \u0000 byte" })]),
    ]);
    expect(results[0]).toMatchObject({ status: "fulfilled", value: [{ result: "stored" }] });
    expect(results[1].status).toBe("rejected");
    expect(await db().select().from(messages).where(eq(messages.providerMessageId, "f-1"))).toHaveLength(1);
  });

  it("blanks a message the customer unsent, and the list stops quoting it", async () => {
    const channel = await makeChannel(db(), "messenger");
    const sent = stored((await ingest(db(), channel, [event({ providerMessageId: "u-1", externalId: "u-sender", body: "my card number is 4111…" })]))[0]);
    const [unsent] = await ingest(db(), channel, [{ type: "unsent", providerMessageId: "u-1" }]);
    expect(unsent).toMatchObject({ type: "unsent", result: "applied", messageId: sent.messageId });
    const [message] = await db().select().from(messages).where(eq(messages.id, sent.messageId));
    expect(message).toMatchObject({ body: "", payload: { unsent: true } });
    const [row] = await db().select().from(conversations).where(eq(conversations.id, sent.conversationId));
    expect(row.lastMessagePreview).toBe("Unsent a message");
    expect((await ingest(db(), channel, [{ type: "unsent", providerMessageId: "never-seen" }]))[0]).toMatchObject({ result: "ignored" });
  });

  it("stores a long message (a mail) whole, outside the batches", async () => {
    const channel = await makeChannel(db(), "email");
    const long = "Dear team,\n" + "the order arrived damaged. ".repeat(4_000);
    const [first] = await Promise.all([
      ingest(db(), channel, [event({ providerMessageId: "<long@mail>", externalId: "long@example.com", body: long })]),
      ingest(db(), channel, [event({ providerMessageId: "<short@mail>", externalId: "short@example.com", body: "Hi" })]),
    ]);
    const outcome = stored(first[0]);
    const [message] = await db().select().from(messages).where(eq(messages.id, outcome.messageId));
    expect(message.body).toBe(long);
  });
});

import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversationEvents, conversations, messages, templates } from "@/db/schema";
import { pickUp } from "@/lib/conversations/lifecycle";
import { startableChannels, startConversation } from "@/lib/conversations/start";
import type { CurrentUser } from "@/lib/users";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();
const clientId = () => crypto.randomBytes(8).toString("hex");

// Providers are never reached: a closed local port makes every delivery fail at once (and be recorded).
process.env.TWILIO_API_URL = "http://127.0.0.1:9";
process.env.META_GRAPH_URL = "http://127.0.0.1:9";
process.env.TELEGRAM_API_URL = "http://127.0.0.1:9";

describe("starting a conversation", () => {
  let agent: CurrentUser;
  let colleague: CurrentUser;
  let watcher: CurrentUser;

  beforeAll(async () => {
    await updateSettings(db(), { defaultRegion: "NL" });
    agent = await makeUser(db(), "agent");
    colleague = await makeUser(db(), "agent");
    watcher = await makeUser(db(), "watcher");
  });

  const conversationOf = async (id: string) => (await db().select().from(conversations).where(eq(conversations.id, id)))[0];
  const messagesOf = async (id: string) => db().select().from(messages).where(eq(messages.conversationId, id));

  it("offers only active accounts of kinds that allow it", async () => {
    const sms = await makeChannel(db(), "sms");
    const web = await makeChannel(db(), "webchat");
    const off = await makeChannel(db(), "sms", { active: false });
    const offered = (await startableChannels(db())).map((c) => c.id);
    expect(offered).toContain(sms.id);
    expect(offered).not.toContain(web.id);
    expect(offered).not.toContain(off.id);
  });

  it("refuses kinds that cannot start a conversation, and roles that may not", async () => {
    const web = await makeChannel(db(), "webchat");
    await expect(startConversation(db(), agent, { channelId: web.id, address: "+31612345678", body: "Hi", clientId: clientId() })).rejects.toThrow(
      /does not let a business write first/,
    );
    const sms = await makeChannel(db(), "sms");
    await expect(startConversation(db(), watcher, { channelId: sms.id, address: "+31612345678", body: "Hi", clientId: clientId() })).rejects.toThrow();
  });

  it("creates the contact and identity for a typed number, opens the conversation assigned to the agent and records it", async () => {
    const sms = await makeChannel(db(), "sms");
    const result = await startConversation(db(), agent, { channelId: sms.id, address: "06 1111 2222", body: "Your order is ready", clientId: clientId() });
    expect(result.reused).toBe(false);
    const conversation = await conversationOf(result.conversationId);
    expect(conversation.assigneeId).toBe(agent.id);
    expect(conversation.status).toBe("waiting");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.id, conversation.identityId!));
    expect(identity.externalId).toBe("+31611112222");
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(contact.phone).toBe("+31611112222");
    const [message] = await messagesOf(result.conversationId);
    expect(message).toMatchObject({ direction: "out", body: "Your order is ready", authorId: agent.id });
    expect(["sent", "failed"]).toContain(message.status);
    const events = await db().select({ type: conversationEvents.type }).from(conversationEvents).where(eq(conversationEvents.conversationId, result.conversationId));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "assigned"]));
  });

  it("finds the contact by the same number in another notation, and never double-posts a repeated send", async () => {
    const sms = await makeChannel(db(), "sms");
    const [existing] = await db().insert(contacts).values({ name: "Nora Nummer", phone: "+31633334444" }).returning();
    const id = clientId();
    const first = await startConversation(db(), agent, { channelId: sms.id, address: "0031 6 3333 4444", body: "Hello Nora", clientId: id });
    const again = await startConversation(db(), agent, { channelId: sms.id, address: "0031 6 3333 4444", body: "Hello Nora", clientId: id });
    expect((await conversationOf(first.conversationId)).contactId).toBe(existing.id);
    expect(again.conversationId).toBe(first.conversationId);
    expect(await messagesOf(first.conversationId)).toHaveLength(1);
  });

  it("adds the message to the contact's open conversation and says so", async () => {
    const sms = await makeChannel(db(), "sms");
    const inbound = await customerWrites(db(), sms, "+31655556666", "Are you open on Sunday?", { handle: "+31655556666", contact: { phone: "+31655556666" } });
    if (inbound.type !== "message" || inbound.result !== "stored") throw new Error("not stored");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, sms.id));
    const result = await startConversation(db(), agent, { channelId: sms.id, contactId: identity.contactId, body: "Yes, 12 to 5", clientId: clientId() });
    expect(result).toMatchObject({ reused: true, conversationId: inbound.conversationId });
    expect(await messagesOf(inbound.conversationId)).toHaveLength(2);
    expect((await conversationOf(inbound.conversationId)).assigneeId).toBe(agent.id);
  });

  it("refuses to write in a colleague's open conversation", async () => {
    const sms = await makeChannel(db(), "sms");
    const inbound = await customerWrites(db(), sms, "+31622223333", "Hello?", { handle: "+31622223333", contact: { phone: "+31622223333" } });
    if (inbound.type !== "message" || inbound.result !== "stored") throw new Error("not stored");
    await pickUp(db(), colleague, inbound.conversationId);
    await expect(startConversation(db(), agent, { channelId: sms.id, address: "+31622223333", body: "Hi", clientId: clientId() })).rejects.toThrow(
      /already has an open conversation/,
    );
  });

  it("needs an approved template on WhatsApp, with every placeholder filled", async () => {
    const whatsapp = await makeChannel(db(), "whatsapp");
    await expect(startConversation(db(), agent, { channelId: whatsapp.id, address: "+31688889999", body: "Hi", clientId: clientId() })).rejects.toThrow(/template/);
    const [template] = await db()
      .insert(templates)
      .values({ channelId: whatsapp.id, name: "order_ready", language: "en", category: "UTILITY", status: "APPROVED", body: "Hi {{1}}, order {{2}} is ready." })
      .returning();
    await expect(
      startConversation(db(), agent, { channelId: whatsapp.id, address: "+31688889999", templateId: template.id, parameters: { 1: "Sam" }, clientId: clientId() }),
    ).rejects.toThrow();
    const result = await startConversation(db(), agent, {
      channelId: whatsapp.id,
      address: "+31688889999",
      templateId: template.id,
      parameters: { 1: "Sam", 2: "NW-1" },
      clientId: clientId(),
    });
    const [message] = await messagesOf(result.conversationId);
    expect(message).toMatchObject({ kind: "template", body: "Hi Sam, order NW-1 is ready." });
    const [identity] = await db()
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.channelId, whatsapp.id), eq(contactIdentities.externalId, "31688889999")));
    expect(identity).toBeTruthy();
  });

  it("writes on Telegram only to customers who wrote to the bot before", async () => {
    const telegram = await makeChannel(db(), "telegram");
    await expect(startConversation(db(), agent, { channelId: telegram.id, address: "+31612340000", body: "Hi", clientId: clientId() })).rejects.toThrow(
      /wrote to this account before/,
    );
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channels, contactIdentities, messages } from "@/db/schema";
import { handleWebhook, type Defer } from "@/lib/channels/webhook";
import { issueVisitorToken, verifyVisitorToken } from "@/lib/channels/webchat/token";
import { visitorThread } from "@/lib/channels/webchat/visitor";
import { pickUp } from "@/lib/conversations/lifecycle";
import { sendReply } from "@/lib/conversations/reply";
import { subscribe } from "@/lib/realtime/hub";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";

const db = setupTestDb();
const deferred: Promise<unknown>[] = [];
const defer: Defer = (task) => void deferred.push(task());

function post(channelId: string, body: unknown, token?: string) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost/api/webhooks/webchat/${channelId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw,
  });
}

async function storedFor(channelId: string) {
  return db().select().from(messages).where(eq(messages.channelId, channelId));
}

describe("web chat", () => {
  it("issues unguessable visitor tokens bound to one channel", async () => {
    const a = await makeChannel(db());
    const b = await makeChannel(db());
    const { visitorId, token } = issueVisitorToken(a.id);
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyVisitorToken(a.id, token)).toBe(visitorId);
    expect(verifyVisitorToken(b.id, token)).toBeNull();
    expect(verifyVisitorToken(a.id, token.slice(0, -1) + (token.endsWith("a") ? "b" : "a"))).toBeNull();
    expect(verifyVisitorToken(a.id, `v1.${visitorId}.`)).toBeNull();
  });

  it("stores a visitor's message through the webhook path and refuses a wrong or missing token", async () => {
    const channel = await makeChannel(db());
    const { visitorId, token } = issueVisitorToken(channel.id);
    const other = issueVisitorToken(channel.id);
    const body = { visitorId, clientMessageId: "msg-00000001", text: "Hello <b>there</b>", name: "<script>alert(1)</script>" };

    expect((await handleWebhook(db(), post(channel.id, body), "webchat", channel.id, defer)).response.status).toBe(401);
    // Someone else's token cannot write as this visitor.
    expect((await handleWebhook(db(), post(channel.id, body, other.token), "webchat", channel.id, defer)).response.status).toBe(401);
    expect(await storedFor(channel.id)).toHaveLength(0);

    const ok = await handleWebhook(db(), post(channel.id, body, token), "webchat", channel.id, defer);
    expect(ok.response.status).toBe(200);
    const again = await handleWebhook(db(), post(channel.id, body, token), "webchat", channel.id, defer);
    expect(again.outcomes[0].result).toBe("duplicate");
    const stored = await storedFor(channel.id);
    expect(stored).toHaveLength(1);
    // Stored as typed; it is the UI's job to show it as text.
    expect(stored[0].body).toBe("Hello <b>there</b>");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, visitorId));
    expect(identity.profileName).toBe("<script>alert(1)</script>");
  });

  it("answers malformed and oversized messages with a clear 4xx and stores nothing", async () => {
    const channel = await makeChannel(db());
    const { visitorId, token } = issueVisitorToken(channel.id);
    const cases: [unknown, number, string][] = [
      ["{not json", 401, ""],
      [{ visitorId, clientMessageId: "msg-00000002", text: "   " }, 400, "Write a message first."],
      [{ visitorId, clientMessageId: "msg-00000003", text: "x".repeat(4001) }, 400, "at most 4000 characters"],
      [{ visitorId, clientMessageId: "bad id!", text: "hi" }, 400, "clientMessageId"],
      [{ visitorId, clientMessageId: "msg-00000004", text: 42 }, 400, ""],
      [{ visitorId, clientMessageId: "msg-00000005" }, 400, ""],
    ];
    for (const [body, status, message] of cases) {
      const { response } = await handleWebhook(db(), post(channel.id, body, token), "webchat", channel.id, defer);
      expect(response.status).toBe(status);
      if (message) expect((await response.json()).error).toContain(message);
    }
    const huge = new Request(`http://localhost/api/webhooks/webchat/${channel.id}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-length": String(6 * 1024 * 1024) },
      body: "x",
    });
    expect((await handleWebhook(db(), huge, "webchat", channel.id, defer)).response.status).toBe(413);
    expect(await storedFor(channel.id)).toHaveLength(0);
  });

  it("stores nothing for a deactivated channel, and 404s an unknown one", async () => {
    const channel = await makeChannel(db(), "webchat", { active: false });
    const { visitorId, token } = issueVisitorToken(channel.id);
    const body = { visitorId, clientMessageId: "msg-00000006", text: "hi" };
    await handleWebhook(db(), post(channel.id, body, token), "webchat", channel.id, defer);
    expect(await storedFor(channel.id)).toHaveLength(0);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await handleWebhook(db(), post(unknown, body, token), "webchat", unknown, defer)).response.status).toBe(404);
    expect((await handleWebhook(db(), post("not-a-uuid", body, token), "webchat", "not-a-uuid", defer)).response.status).toBe(404);
  });

  it("stores nothing once the account is deactivated, also when this instance still holds it as active", async () => {
    const channel = await makeChannel(db());
    const { visitorId, token } = issueVisitorToken(channel.id);
    const send = (n: number) =>
      handleWebhook(db(), post(channel.id, { visitorId, clientMessageId: `msg-0000010${n}`, text: `hello ${n}` }, token), "webchat", channel.id, defer);
    await send(1);
    await send(2);
    expect(await storedFor(channel.id)).toHaveLength(2);
    // Deactivated on another instance: this one's copy of the account is still active, ingest is not fooled.
    await db().update(channels).set({ active: false }).where(eq(channels.id, channel.id));
    const { outcomes } = await send(3);
    expect(outcomes).toEqual([{ type: "message", result: "dropped", reason: "channel inactive" }]);
    expect(await storedFor(channel.id)).toHaveLength(2);
    // Reactivated: stored again at once.
    await db().update(channels).set({ active: true }).where(eq(channels.id, channel.id));
    await send(4);
    expect(await storedFor(channel.id)).toHaveLength(3);
  });

  it("delivers the agent's reply to the visitor's topic and thread only", async () => {
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent", { name: "Alex Agent" });
    const visitor = issueVisitorToken(channel.id);
    const stranger = issueVisitorToken(channel.id);
    const body = { visitorId: visitor.visitorId, clientMessageId: "msg-00000007", text: "Is anyone there?" };
    const { outcomes } = await handleWebhook(db(), post(channel.id, body, visitor.token), "webchat", channel.id, defer);
    const stored = outcomes[0];
    if (stored.type !== "message" || stored.result !== "stored") throw new Error("not stored");

    const received: unknown[] = [];
    const unsubscribe = subscribe([`visitor-${visitor.visitorId}`], (message) => received.push(message));
    await pickUp(db(), agent, stored.conversationId);
    const result = await sendReply(db(), agent, stored.conversationId, { body: "Yes! How can I help?" });
    unsubscribe();
    expect(result.status).toBe("sent");
    expect(received).toHaveLength(1);

    const thread = await visitorThread(db(), channel.id, visitor.visitorId, { markRead: true });
    expect(thread.map((m) => [m.direction, m.body, m.author])).toEqual([
      ["in", "Is anyone there?", null],
      ["out", "Yes! How can I help?", "Alex"],
    ]);
    expect(await visitorThread(db(), channel.id, stranger.visitorId)).toEqual([]);
    const [reply] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(reply.status).toBe("read");
  });
});

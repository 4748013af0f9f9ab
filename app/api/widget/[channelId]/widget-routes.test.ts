import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { channels, messages } from "@/db/schema";
import { setupTestDb } from "@/test/db";

// `after()` needs Next's request scope; here the deferred work simply runs at once.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), after: (task: () => unknown) => void task() }));

const { POST: newSession } = await import("@/app/api/widget/[channelId]/session/route");
const { GET: thread, POST: write } = await import("@/app/api/widget/[channelId]/messages/route");

const db = setupTestDb();
let channelId: string;
let closedId: string;

beforeAll(async () => {
  [{ id: channelId }, { id: closedId }] = await db()
    .insert(channels)
    .values([
      { kind: "webchat", name: "Shop" },
      { kind: "webchat", name: "Closed shop", active: false },
    ])
    .returning();
});

const ctx = (id: string) => ({ params: Promise.resolve({ channelId: id }) });
const url = (id: string, path: string) => `http://localhost/api/widget/${id}/${path}`;

async function session(id = channelId, ip = "192.0.2.10") {
  const res = await newSession(new Request(url(id, "session"), { method: "POST", headers: { "x-forwarded-for": ip } }), ctx(id));
  return { res, body: (await res.json()) as { visitorId: string; token: string; error?: string } };
}

function send(token: string, body: unknown, id = channelId) {
  return write(
    new Request(url(id, "messages"), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
    ctx(id),
  );
}

describe("widget endpoints", () => {
  it("start a visitor, take their messages, and give the thread back only to them", async () => {
    const { res, body: visitor } = await session();
    expect(res.status).toBe(201);
    const sent = await send(visitor.token, { visitorId: visitor.visitorId, clientMessageId: "first-message-1", text: "Hi there" });
    expect(sent.status).toBe(200);
    const mine = await thread(new Request(url(channelId, "messages"), { headers: { authorization: `Bearer ${visitor.token}` } }), ctx(channelId));
    expect(((await mine.json()) as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["Hi there"]);
    const stranger = await thread(new Request(url(channelId, "messages"), { headers: { authorization: "Bearer v1.guess.guess" } }), ctx(channelId));
    expect(stranger.status).toBe(401);
  });

  it("refuse a closed chat, a forged token, and oversized bodies", async () => {
    expect((await session(closedId)).res.status).toBe(403);
    const { body: visitor } = await session();
    const forged = await send(`${visitor.token.slice(0, -2)}xx`, { visitorId: visitor.visitorId, clientMessageId: "forged-msg-1", text: "hi" });
    expect(forged.status).toBe(401);
    const huge = await send(visitor.token, { visitorId: visitor.visitorId, clientMessageId: "huge-message", text: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toBe("This message is too long.");
  });

  it("rate-limit each visitor and say how long to wait, without storing the refused message", async () => {
    const { body: visitor } = await session();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await send(visitor.token, { visitorId: visitor.visitorId, clientMessageId: `burst-${i}-message`, text: `burst ${i}` })).status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const refused = await send(visitor.token, { visitorId: visitor.visitorId, clientMessageId: "burst-too-many", text: "one too many" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await db().select().from(messages).where(eq(messages.body, "one too many"))).toHaveLength(0);
    // Another visitor is not slowed down by this one.
    const { body: other } = await session();
    expect((await send(other.token, { visitorId: other.visitorId, clientMessageId: "other-visitor-1", text: "hello" })).status).toBe(200);
  });

  it("limit how many new visitors one address can start", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await session(channelId, "198.51.100.99")).res.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(30);
    expect(codes[30]).toBe(429);
  });
});

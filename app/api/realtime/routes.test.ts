import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { channels } from "@/db/schema";
import { POST as auth } from "@/app/api/realtime/auth/route";
import { GET as stream } from "@/app/api/realtime/stream/route";
import { issueVisitorToken } from "@/lib/channels/webchat/token";
import { publish } from "@/lib/realtime/publish";
import { inboxTopic, visitorTopic } from "@/lib/realtime/topics";
import { setupTestDb } from "@/test/db";

// These drive the handlers as the widget does (visitor token, no session); the session path needs a
// request scope for next-auth and is covered end to end.

process.env.AUTH_SECRET ??= "realtime-test-secret";

const pusherEnv = { PUSHER_APP_ID: "3", PUSHER_KEY: "278d425bdf160c739803", PUSHER_SECRET: "7ad3773142a6692b25b8", PUSHER_CLUSTER: "mt1" };
function setPusher(on: boolean) {
  for (const [name, value] of Object.entries(pusherEnv)) {
    if (on) process.env[name] = value;
    else delete process.env[name];
  }
}

const db = setupTestDb();
let channelId: string;
let inactiveChannelId: string;
let visitor: { visitorId: string; token: string };

beforeAll(async () => {
  [{ id: channelId }, { id: inactiveChannelId }] = await db()
    .insert(channels)
    .values([
      { kind: "webchat", name: "Site" },
      { kind: "webchat", name: "Old site", active: false },
    ])
    .returning();
  visitor = issueVisitorToken(channelId);
});

afterEach(() => setPusher(false));

function streamRequest(params: Record<string, string>, signal?: AbortSignal) {
  return new Request(`http://app.test/api/realtime/stream?${new URLSearchParams(params)}`, { signal });
}

describe("GET /api/realtime/stream", () => {
  it("streams a visitor's own topic with SSE headers", async () => {
    const abort = new AbortController();
    const res = await stream(streamRequest({ topics: visitorTopic(visitor.visitorId), channel: channelId, token: visitor.token }, abort.signal));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe("retry: 3000\n\n");
    await publish(visitorTopic(visitor.visitorId), "message-created", { id: "m1" });
    const frame = decoder.decode((await reader.read()).value);
    expect(frame).toBe(`data: ${JSON.stringify({ topic: visitorTopic(visitor.visitorId), event: "message-created", payload: { id: "m1" } })}\n\n`);
    abort.abort();
    expect((await reader.read()).done).toBe(true);
  });

  it("answers 400 for missing, unknown or too many topics", async () => {
    const base = { channel: channelId, token: visitor.token };
    expect((await stream(streamRequest(base))).status).toBe(400);
    expect((await stream(streamRequest({ ...base, topics: "everything" }))).status).toBe(400);
    const many = Array.from({ length: 21 }, (_, i) => visitorTopic(`${"A".repeat(20)}${String(i).padStart(2, "0")}`)).join(",");
    expect((await stream(streamRequest({ ...base, topics: many }))).status).toBe(400);
  });

  it("answers 401 for a bad token or an inactive channel, 403 for someone else's topic", async () => {
    const topics = visitorTopic(visitor.visitorId);
    expect((await stream(streamRequest({ topics, channel: channelId, token: `${visitor.token}x` }))).status).toBe(401);
    const old = issueVisitorToken(inactiveChannelId);
    expect((await stream(streamRequest({ topics: visitorTopic(old.visitorId), channel: inactiveChannelId, token: old.token }))).status).toBe(401);
    const other = issueVisitorToken(channelId).visitorId;
    expect((await stream(streamRequest({ topics: `${topics},${visitorTopic(other)}`, channel: channelId, token: visitor.token }))).status).toBe(403);
    expect((await stream(streamRequest({ topics: inboxTopic, channel: channelId, token: visitor.token }))).status).toBe(403);
  });

  it("is not served when Pusher carries realtime", async () => {
    setPusher(true);
    expect((await stream(streamRequest({ topics: inboxTopic }))).status).toBe(404);
  });
});

describe("POST /api/realtime/auth", () => {
  function authRequest(fields: Record<string, string>, token?: string) {
    return new Request("http://app.test/api/realtime/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
  }

  it("signs a visitor's own private channel", async () => {
    setPusher(true);
    const channelName = `private-${visitorTopic(visitor.visitorId)}`;
    const res = await auth(authRequest({ socket_id: "1234.1234", channel_name: channelName, channel_id: channelId }, visitor.token));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { auth: string };
    expect(body.auth).toMatch(/^278d425bdf160c739803:[0-9a-f]{64}$/);
  });

  it("answers 400, 401 and 403 where it must", async () => {
    setPusher(true);
    const own = `private-${visitorTopic(visitor.visitorId)}`;
    const bearer = visitor.token;
    expect((await auth(authRequest({ socket_id: "1234", channel_name: own, channel_id: channelId }, bearer))).status).toBe(400);
    expect((await auth(authRequest({ socket_id: "1.2", channel_name: "presence-inbox", channel_id: channelId }, bearer))).status).toBe(400);
    expect((await auth(authRequest({ socket_id: "1.2", channel_name: own, channel_id: channelId }, `${bearer}x`))).status).toBe(401);
    expect((await auth(authRequest({ socket_id: "1.2", channel_name: own }, bearer))).status).toBe(401);
    expect((await auth(authRequest({ socket_id: "1.2", channel_name: "private-inbox", channel_id: channelId }, bearer))).status).toBe(403);
  });

  it("answers 404 when Pusher is not configured", async () => {
    const res = await auth(authRequest({ socket_id: "1.2", channel_name: "private-inbox" }));
    expect(res.status).toBe(404);
  });
});

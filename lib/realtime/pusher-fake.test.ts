import Pusher from "pusher";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authorizePusherChannel } from "@/lib/realtime/pusher-server";
import { publish, publishMany } from "@/lib/realtime/publish";
import { inboxTopic, conversationTopic } from "@/lib/realtime/topics";
import { pusherRestSignature, startPusherFake, type PusherFake } from "@/test/fakes/pusher";

// Pusher's own worked example, as channels.md 2.8 gives it.
const vector = {
  appId: "3",
  key: "278d425bdf160c739803",
  secret: "7ad3773142a6692b25b8",
  timestamp: 1353088179,
  body: '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}',
  bodyMd5: "ec365a775a4cd0599faeb73354201b6f",
  signature: "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c",
};

const envNames = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_CLUSTER", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_USE_TLS"];
const savedEnv = Object.fromEntries(envNames.map((name) => [name, process.env[name]]));

function usePusherEnv(fake: PusherFake, overrides: Partial<Record<string, string>> = {}) {
  Object.assign(process.env, {
    PUSHER_APP_ID: "42",
    PUSHER_KEY: "test-key",
    PUSHER_SECRET: "test-secret",
    PUSHER_CLUSTER: "mt1",
    PUSHER_HOST: fake.host,
    PUSHER_PORT: String(fake.port),
    PUSHER_USE_TLS: "false",
    ...overrides,
  });
}

afterAll(() => {
  for (const name of envNames) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
});

describe("the Pusher fake", () => {
  let fake: PusherFake;
  beforeAll(async () => {
    fake = await startPusherFake({ appId: vector.appId, key: vector.key, secret: vector.secret, now: () => vector.timestamp * 1000 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const post = (query: string, body = vector.body) =>
    fetch(`${fake.url}/apps/3/events?${query}`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const query = (overrides: Record<string, string> = {}) => {
    const params = {
      auth_key: vector.key,
      auth_timestamp: String(vector.timestamp),
      auth_version: "1.0",
      body_md5: vector.bodyMd5,
      auth_signature: vector.signature,
      ...overrides,
    };
    return Object.entries(params)
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
  };

  it("computes Pusher's worked-example signature", () => {
    const { auth_signature: _, ...params } = Object.fromEntries(new URLSearchParams(query()));
    expect(pusherRestSignature(vector.secret, "POST", "/apps/3/events", params)).toBe(vector.signature);
  });

  it("accepts the test vector and records the event", async () => {
    const res = await post(query());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(fake.events).toEqual([{ channels: ["project-3"], name: "foo", data: '{"some":"data"}' }]);
  });

  it("rejects a tampered body, signature, key or timestamp with 401", async () => {
    expect((await post(query(), vector.body.replace("data", "date"))).status).toBe(401);
    expect((await post(query({ auth_signature: vector.signature.replace(/^d/, "e") }))).status).toBe(401);
    expect((await post(query({ auth_key: "someone-else" }))).status).toBe(401);
    expect((await post(query({ auth_timestamp: String(vector.timestamp + 1) }))).status).toBe(401);
    expect(fake.events).toEqual([]);
  });

  it("refuses requests its clock finds too old", async () => {
    const live = await startPusherFake({ appId: vector.appId, key: vector.key, secret: vector.secret });
    try {
      const res = await fetch(`${live.url}/apps/3/events?${query()}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: vector.body,
      });
      expect(res.status).toBe(401);
    } finally {
      await live.close();
    }
  });
});

describe("publish through the pusher SDK", () => {
  let fake: PusherFake;
  beforeAll(async () => {
    fake = await startPusherFake({ appId: "42", key: "test-key", secret: "test-secret" });
  });
  afterEach(() => {
    fake.reset();
    vi.restoreAllMocks();
  });
  afterAll(() => fake.close());

  it("reaches the fake on the private channel of the topic, with the payload as JSON", async () => {
    usePusherEnv(fake);
    await publish(inboxTopic, "conversation-changed", { id: "c1", status: "open" });
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([["/apps/42/events", 200]]);
    expect(fake.events).toEqual([
      { channels: ["private-inbox"], name: "conversation-changed", data: '{"id":"c1","status":"open"}' },
    ]);
  });

  it("sends twelve events as batches of ten and two", async () => {
    usePusherEnv(fake);
    const topic = conversationTopic("7f1d5e0e-8a7b-4c55-9d2a-0c8f1b8b2a10");
    await publishMany(Array.from({ length: 12 }, (_, i) => ({ topic, event: "message-created", payload: { id: `m${i}` } })));
    const batches = fake.requests.filter((r) => r.path === "/apps/42/batch_events");
    expect(batches.map((r) => r.status)).toEqual([200, 200]);
    expect(batches.map((r) => (r.json as { batch: unknown[] }).batch.length).sort()).toEqual([10, 2]);
    expect(fake.events).toHaveLength(12);
    expect(new Set(fake.events.map((e) => e.data))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `{"id":"m${i}"}`)));
    expect(fake.events.every((e) => e.channels[0] === `private-${topic}`)).toBe(true);
  });

  it("does not throw when Pusher answers 401 for a wrong secret, and logs it", async () => {
    usePusherEnv(fake, { PUSHER_SECRET: "not-the-secret" });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(publish(inboxTopic, "conversation-changed", { id: "c1" })).resolves.toBeUndefined();
    await expect(publishMany([
      { topic: inboxTopic, event: "a", payload: 1 },
      { topic: inboxTopic, event: "b", payload: 2 },
    ])).resolves.toBeUndefined();
    expect(fake.requests.map((r) => r.status)).toEqual([401, 401]);
    expect(fake.events).toEqual([]);
    expect(log).toHaveBeenCalledTimes(2);
    expect(String(log.mock.calls[0][0])).toContain("401");
  });

  it("does not throw when Pusher cannot be reached", async () => {
    usePusherEnv(fake, { PUSHER_PORT: "1" });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(publish(inboxTopic, "conversation-changed", { id: "c1" })).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledOnce();
  });

  it("refuses a payload of 10 kB or more before sending it, and bad topics or event names", async () => {
    usePusherEnv(fake);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await publish(inboxTopic, "conversation-changed", { body: "x".repeat(10 * 1024) });
    await publish("private-inbox", "conversation-changed", {});
    await publish(inboxTopic, "bad name", {});
    expect(fake.requests).toEqual([]);
    expect(log).toHaveBeenCalledTimes(3);
    // Just under the limit still goes out: `{"b":"…"}` is 8 bytes of wrapping.
    await publish(inboxTopic, "conversation-changed", { b: "x".repeat(10 * 1024 - 9) });
    expect(fake.events).toHaveLength(1);
  });

  it("answers 413 and 400 where Pusher does (checked with the SDK directly)", async () => {
    const pusher = new Pusher({ appId: "42", key: "test-key", secret: "test-secret", host: fake.host, port: String(fake.port), useTLS: false });
    await expect(pusher.trigger("private-inbox", "big", "x".repeat(10 * 1024))).rejects.toMatchObject({ status: 413 });
    const eleven = Array.from({ length: 11 }, () => ({ channel: "private-inbox", name: "e", data: "{}" }));
    await expect(pusher.triggerBatch(eleven)).rejects.toMatchObject({ status: 400 });
    const body = JSON.stringify({ name: "e", data: "{}", channels: Array.from({ length: 101 }, (_, i) => `c${i}`) });
    const signed = pusher.createSignedQueryString({ method: "POST", path: "/apps/42/events", body });
    const res = await fetch(`${fake.url}/apps/42/events?${signed}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    expect(fake.events).toEqual([]);
  });
});

describe("channel authorization", () => {
  it("signs Pusher's documented vector", () => {
    Object.assign(process.env, {
      PUSHER_APP_ID: vector.appId,
      PUSHER_KEY: vector.key,
      PUSHER_SECRET: vector.secret,
      PUSHER_CLUSTER: "mt1",
    });
    expect(authorizePusherChannel("1234.1234", "private-foobar")).toEqual({
      auth: "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4",
    });
  });

  it("refuses a malformed socket id, and answers nothing without Pusher", () => {
    expect(authorizePusherChannel("1234", "private-foobar")).toBeNull();
    delete process.env.PUSHER_KEY;
    expect(authorizePusherChannel("1234.1234", "private-foobar")).toBeNull();
  });
});

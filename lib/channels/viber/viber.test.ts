import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contactIdentities, conversations, messages } from "@/db/schema";
import { splitConfig } from "@/lib/channels/config";
import type { Channel } from "@/lib/channels/types";
import { viberAdapter, viberConfig } from "@/lib/channels/viber/adapter";
import { parseJsonKeepingBigIntegers } from "@/lib/channels/viber/json";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { putFile, readFile } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";
import { signViber, startViberFake, viberJson, type ViberFake } from "@/test/fakes/viber";
import { startWebhookApp } from "@/test/fakes/webhook-app";

const TOKEN = "4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f";
const db = setupTestDb();
let fake: ViberFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let channel: Channel;
let admin: CurrentUser;
let userCounter = 0;
let sender = "";

async function viberChannel(authToken = TOKEN) {
  const parsed = viberConfig.parse({ authToken, senderName: "Northwind Support", senderAvatar: "https://cdn.example.com/nw.png" });
  const { settings, credentials } = splitConfig(viberAdapter.fields, parsed);
  return makeChannel(db(), "viber", { settings, credentials });
}

function url(c: Channel = channel) {
  return app.webhookUrl("viber", c.id);
}

function textEvent(id: string, text: string, token = fake.nextToken()) {
  return {
    event: "message",
    timestamp: 1764000000000,
    chat_hostname: "SN-376_",
    message_token: token,
    sender: { id, name: "Olena", avatar: "https://example.com/a.jpg", country: "UA", language: "uk", api_version: 10 },
    message: { type: "text", text, tracking_data: "conv-42" },
    silent: false,
  };
}

async function storedFor(c: Channel = channel) {
  return db().select().from(messages).where(eq(messages.channelId, c.id)).orderBy(messages.createdAt);
}

async function conversationOf(externalId: string) {
  const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, externalId));
  const [conversation] = await db().select().from(conversations).where(eq(conversations.identityId, identity.id));
  return { identity, conversation };
}

async function clear() {
  await db().delete(messages).where(eq(messages.channelId, channel.id));
}

beforeAll(async () => {
  fake = await startViberFake({ authToken: TOKEN });
  process.env.VIBER_API_URL = fake.url;
  app = await startWebhookApp(db);
  process.env.APP_URL = app.url;
  channel = await viberChannel();
  admin = await makeUser(db(), "admin");
  await viberAdapter.register?.(channel, url());
});

afterAll(async () => {
  await app.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  sender = `0123456789${String(++userCounter).padStart(2, "0")}A=`;
});

afterEach(() => {
  process.env.APP_URL = app.url;
});

describe("viber: connecting", () => {
  it("registers the webhook: Viber's signed check reaches the app and gets its 200", async () => {
    fake.reset();
    await viberAdapter.register?.(channel, url());
    const [call] = fake.calls("set_webhook");
    expect(call.headers["x-viber-auth-token"]).toBe(TOKEN);
    expect(call.json).toEqual({
      url: url(),
      event_types: ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"],
      send_name: true,
      send_photo: true,
    });
    expect(fake.callbacks).toHaveLength(1);
    expect(fake.callbacks[0].body).toMatch(/^\{"event":"webhook",.*"message_token":\d{19}\}$/);
    expect(fake.callbacks[0].status).toBe(200);
    expect(fake.webhook?.url).toBe(url());
    expect(await storedFor()).toHaveLength(0);

    // A URL that does not answer 200 is refused by Viber, and the reason reaches the admin.
    const other = await viberChannel();
    await expect(viberAdapter.register?.(other, `${app.url}/api/webhooks/viber/00000000-0000-4000-8000-000000000000`)).rejects.toThrow(
      /Viber refused the link \(invalid URL\)\. \(Viber status 1: .*HttpResponse\[404\]/,
    );
    const wrong = await viberChannel("0000000000000000-0000000000000000-0000000000000000");
    await expect(viberAdapter.register?.(wrong, url(wrong))).rejects.toThrow("Viber refused the auth token: check it in Settings → Channels. (Viber status 2: invalidAuthToken)");
  });

  it("tests the connection with get_account_info", async () => {
    expect(await viberAdapter.testConnection?.(channel)).toBe("Connected to “Northwind Support”, viber://pa?chatURI=northwindsupport; account id pa:5749316208574016317.");
    expect(viberConfig.safeParse({ authToken: TOKEN }).success).toBe(false);
    expect(viberConfig.safeParse({ authToken: TOKEN, senderName: "x".repeat(29) }).success).toBe(false);
    expect(viberConfig.safeParse({ authToken: TOKEN, senderName: "NW", senderAvatar: "http://insecure.example.com/a.png" }).success).toBe(false);
    expect(viberAdapter.externalId?.({ authToken: TOKEN, senderName: "NW", accountId: "pa:1" })).toBe("pa:1");
    expect(JSON.stringify(channel.settings)).not.toContain(TOKEN);
  });
});

describe("viber: receiving", () => {
  beforeEach(clear);

  it("stores a text message under its exact 64-bit token and opens a conversation", async () => {
    const event = textEvent(sender, "Добрий день", 4912661846655238145n);
    expect((await fake.deliver(event, { url: url() })).status).toBe(200);
    // Differs from the first only beyond a double's precision: a different message.
    expect((await fake.deliver(textEvent(sender, "Second", 4912661846655238147n), { url: url() })).status).toBe(200);
    const stored = await storedFor();
    expect(stored.map((m) => [m.providerMessageId, m.body])).toEqual([
      ["4912661846655238145", "Добрий день"],
      ["4912661846655238147", "Second"],
    ]);
    expect(stored[0].createdAt.toISOString()).toBe("2025-11-24T16:00:00.000Z");
    const { identity, conversation } = await conversationOf(sender);
    expect(identity).toMatchObject({ profileName: "Olena", handle: `Viber user ${sender.slice(0, 6)}` });
    expect(conversation.status).toBe("new");
  });

  it("answers 401 and stores nothing for a missing, wrong or other-token signature; accepts ?sig=", async () => {
    const event = textEvent(sender, "hi");
    expect((await fake.deliver(event, { url: url(), signature: null })).status).toBe(401);
    expect((await fake.deliver(event, { url: url(), signature: "0".repeat(64) })).status).toBe(401);
    expect((await fake.deliver(event, { url: url(), authToken: "another-bot-token-0000000000000000" })).status).toBe(401);
    const body = viberJson(event);
    expect((await fake.deliver(body.replace('"hi"', '"hI"'), { url: url(), signature: signViber(TOKEN, body) })).status).toBe(401);
    expect(await storedFor()).toHaveLength(0);
    expect((await fake.deliver(event, { url: url(), viaQuery: true })).status).toBe(200);
    expect(await storedFor()).toHaveLength(1);
  });

  it("stores a repeated callback once, also when the copies arrive at the same time", async () => {
    const event = textEvent(sender, "once");
    await fake.deliver(event, { url: url() });
    await fake.deliver(event, { url: url() });
    const answers = await fake.deliverConcurrently(6, textEvent(sender, "raced"), { url: url() });
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    expect((await storedFor()).map((m) => m.body)).toEqual(["once", "raced"]);
  });

  it("downloads pictures, videos and files, and refuses media from other hosts", async () => {
    const base = { event: "message", timestamp: 1764000060000, sender: { id: sender, name: "Olena" } };
    const picture = fake.addMedia(Buffer.from("jpeg"), "image/jpeg", "abc.jpg");
    const video = fake.addMedia(Buffer.from("mp4"), "video/mp4", "v.mp4");
    const file = fake.addMedia(Buffer.from("%PDF"), "application/octet-stream", "invoice.pdf");
    const events = [
      { ...base, message_token: fake.nextToken(), message: { type: "picture", text: "фото", media: picture, thumbnail: picture, file_name: "abc.jpg", size: 4 } },
      { ...base, message_token: fake.nextToken(), message: { type: "video", media: video, size: 3, duration: 2 } },
      { ...base, message_token: fake.nextToken(), message: { type: "file", media: file, file_name: "invoice.pdf", size: 4 } },
      { ...base, message_token: fake.nextToken(), message: { type: "picture", media: "https://evil.example.com/x.jpg", text: "" } },
    ];
    for (const event of events) expect((await fake.deliver(event, { url: url() })).status).toBe(200);
    await app.settle();
    const stored = await storedFor();
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["media", "фото"],
      ["media", ""],
      ["media", ""],
      ["media", ""],
    ]);
    const expected = [
      ["abc.jpg", "image/jpeg", "jpeg"],
      ["video.mp4", "video/mp4", "mp4"],
      ["invoice.pdf", "application/pdf", "%PDF"],
    ];
    for (const [index, [name, mimeType, bytes]] of expected.entries()) {
      const [attachment] = stored[index].attachments;
      expect(attachment).toMatchObject({ name, mimeType });
      expect((await readFile(db(), attachment.id))?.data.toString()).toBe(bytes);
    }
    expect(stored[3].attachments[0]).toMatchObject({ id: "", error: "Refused to fetch media from evil.example.com: not a Viber address." });
  });

  it("stores locations, contacts, stickers, links, and a placeholder for rich media", async () => {
    const base = { event: "message", timestamp: 1764000120000, sender: { id: sender, name: "Olena" } };
    const sticker = fake.addMedia(Buffer.from("png"), "image/png", "s.png");
    const events = [
      { type: "location", location: { lat: 50.4501, lon: 30.5234 } },
      { type: "contact", contact: { name: "Petro", phone_number: "+380501234567" } },
      { type: "sticker", sticker_id: 46105, media: sticker },
      { type: "url", media: "https://example.com/order/42" },
      { type: "rich_media", rich_media: { Type: "rich_media", Buttons: [] } },
    ];
    for (const message of events) expect((await fake.deliver({ ...base, message_token: fake.nextToken(), message }, { url: url() })).status).toBe(200);
    await app.settle();
    const stored = await storedFor();
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["location", ""],
      ["contact", ""],
      ["media", ""],
      ["text", "https://example.com/order/42"],
      ["text", "Unsupported message type: rich_media"],
    ]);
    expect(stored[0].payload).toEqual({ latitude: 50.4501, longitude: 30.5234 });
    expect(stored[1].payload).toEqual({ contacts: [{ name: "Petro", phones: ["+380501234567"] }] });
    expect(stored[2].attachments[0]).toMatchObject({ name: "sticker.png", mimeType: "image/png" });
  });

  it("acknowledges subscription events and unknown events without storing anything", async () => {
    const events = [
      { event: "webhook", timestamp: 1764000000000, chat_hostname: "SN-1", message_token: fake.nextToken() },
      { event: "conversation_started", timestamp: 1764000000000, message_token: fake.nextToken(), type: "open", context: "ad", user: { id: sender, name: "Olena" }, subscribed: false },
      { event: "subscribed", timestamp: 1764000000000, user: { id: sender, name: "Olena" }, message_token: fake.nextToken() },
      { event: "unsubscribed", timestamp: 1764000000000, user_id: sender, message_token: fake.nextToken() },
      { event: "client_status", timestamp: 1764000000000, user_id: sender },
      { event: "something_new", timestamp: 1764000000000 },
    ];
    for (const event of events) expect((await fake.deliver(event, { url: url() })).status).toBe(200);
    expect(await storedFor()).toHaveLength(0);
  });

  it("answers malformed callbacks with a 4xx and stores nothing", async () => {
    const good = textEvent(sender, "x");
    const cases: string[] = [
      "{not json",
      "",
      "[]",
      "null",
      viberJson({ ...good, event: undefined }),
      viberJson({ ...good, event: 42 }),
      viberJson({ ...good, message_token: undefined }),
      viberJson({ ...good, message_token: "abc" }),
      viberJson({ ...good, message_token: 1.5 }),
      viberJson({ ...good, sender: undefined }),
      viberJson({ ...good, sender: { id: 42 } }),
      viberJson({ ...good, message: undefined }),
      viberJson({ ...good, message: { text: "no type" } }),
      viberJson({ ...good, message: { type: "location" } }),
      viberJson({ ...good, message: { type: "text", text: 5 } }),
      viberJson({ ...good, timestamp: "yesterday" }),
      viberJson({ event: "delivered", timestamp: 1, user_id: sender }),
      viberJson({ event: "failed", message_token: "x1", user_id: sender }),
    ];
    for (const body of cases) expect([body, (await fake.deliver(body, { url: url() })).status]).toEqual([body, 400]);
    const huge = viberJson({ ...good, message: { type: "text", text: "x".repeat(6 * 1024 * 1024) } });
    expect((await fake.deliver(huge, { url: url() })).status).toBe(413);
    expect(await storedFor()).toHaveLength(0);
  });

  it("keeps big integers exact without touching digits inside strings", () => {
    expect(parseJsonKeepingBigIntegers('{"a":4912661846655238145,"b":"4912661846655238145 \\"x\\" 9007199254740993","c":[-9223372036854775807,1.5e3,12]}')).toEqual({
      a: "4912661846655238145",
      b: '4912661846655238145 "x" 9007199254740993',
      c: ["-9223372036854775807", 1500, 12],
    });
  });
});

describe("viber: replying", () => {
  async function conversationWith(id: string) {
    await fake.deliver(textEvent(id, "Hello?"), { url: url() });
    const { conversation } = await conversationOf(id);
    fake.reset();
    return conversation.id;
  }

  async function row(id: string) {
    const [m] = await db().select().from(messages).where(eq(messages.id, id));
    return m;
  }

  it("sends the documented send_message request and keeps the exact token; statuses move it", async () => {
    const conversationId = await conversationWith(sender);
    fake.planStatuses(["delivered", "seen"]);
    const result = await sendReply(db(), admin, conversationId, { body: "Ваше замовлення в дорозі." });
    expect(result.status).toBe("sent");
    const [call] = fake.calls("send_message");
    expect(call.method).toBe("POST");
    expect(call.headers["x-viber-auth-token"]).toBe(TOKEN);
    expect(call.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(call.rawBody)).toEqual({
      receiver: sender,
      min_api_version: 1,
      sender: { name: "Northwind Support", avatar: "https://cdn.example.com/nw.png" },
      tracking_data: conversationId,
      type: "text",
      text: "Ваше замовлення в дорозі.",
    });
    await fake.settled();
    const sent = await row(result.messageId);
    const delivered = fake.callbacks.map((c) => /"message_token":(\d+)/.exec(c.body)?.[1]);
    expect(sent.providerMessageId).toMatch(/^\d{19}$/);
    expect(delivered).toEqual([sent.providerMessageId, sent.providerMessageId]);
    expect(BigInt(sent.providerMessageId ?? "0") > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(sent.status).toBe("read");
  });

  it("fails a message Viber reports failed, with its description", async () => {
    const conversationId = await conversationWith(sender);
    fake.planStatuses([{ failed: "the user's device is offline" }]);
    const result = await sendReply(db(), admin, conversationId, { body: "Hi" });
    await fake.settled();
    expect(await row(result.messageId)).toMatchObject({ status: "failed", errorText: "Viber could not deliver the message: the user's device is offline." });
  });

  it("sends files by signed public links: a captioned picture, a video with its size, a file with size and name", async () => {
    const conversationId = await conversationWith(sender);
    const picture = await putFile(db(), { name: "box.jpg", mimeType: "image/jpeg", data: Buffer.from("jpeg"), conversationId });
    const video = await putFile(db(), { name: "how.mp4", mimeType: "video/mp4", data: Buffer.from("video!"), conversationId });
    const pdf = await putFile(db(), { name: "invoice.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF-1"), conversationId });
    const result = await sendReply(db(), admin, conversationId, { body: "Ось так", fileIds: [picture.id, video.id, pdf.id] });
    expect(result.status).toBe("sent");
    const bodies = fake.calls("send_message").map((r) => JSON.parse(r.rawBody) as Record<string, unknown>);
    const link = (id: string) => expect.stringMatching(new RegExp(`^${app.url}/api/files/${id}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    for (const body of bodies) expect(body).toMatchObject({ receiver: sender, min_api_version: 1, sender: { name: "Northwind Support" }, tracking_data: conversationId });
    const parts = bodies.map((body) => Object.fromEntries(Object.entries(body).filter(([key]) => ["type", "media", "text", "size", "file_name"].includes(key))));
    expect(parts).toEqual([
      { type: "picture", media: link(picture.id), text: "Ось так" },
      { type: "video", media: link(video.id), size: 6 },
      { type: "file", media: link(pdf.id), size: 6, file_name: "invoice.pdf" },
    ]);

    fake.reset();
    const long = await sendReply(db(), admin, conversationId, { body: "z".repeat(800), fileIds: [pdf.id] });
    expect(long.status).toBe("sent");
    expect(fake.calls("send_message").map((r) => (JSON.parse(r.rawBody) as { type: string }).type)).toEqual(["text", "file"]);

    delete process.env.APP_URL;
    fake.reset();
    const offline = await sendReply(db(), admin, conversationId, { body: "see attached", fileIds: [pdf.id] });
    expect(offline.status).toBe("failed");
    expect(offline.error).toContain("no public address (set APP_URL)");
    expect(fake.calls("send_message")).toHaveLength(0);
  });

  it("treats a non-zero status in an HTTP 200 as a failure with Viber's message, and Retry resends", async () => {
    const conversationId = await conversationWith(sender);
    fake.failNext("send_message", { status: 6, message: "notSubscribed" });
    const result = await sendReply(db(), admin, conversationId, { body: "Still there?" });
    expect(result.status).toBe("failed");
    expect(await row(result.messageId)).toMatchObject({
      status: "failed",
      errorCode: "6",
      errorText: "The customer is not subscribed to the bot: they have to message it first. (Viber status 6: notSubscribed)",
    });
    fake.failNext("send_message", { status: 12, message: "tooManyRequests" });
    expect((await retryMessage(db(), admin, result.messageId)).error).toBe("Viber is limiting how fast this bot may send. Try again in a moment. (Viber status 12: tooManyRequests)");
    fake.failNext("send_message", { status: 2, message: "invalidAuthToken" });
    expect((await retryMessage(db(), admin, result.messageId)).error).toContain("(Viber status 2: invalidAuthToken)");
    fake.failNext("send_message", { hangUp: true });
    expect((await retryMessage(db(), admin, result.messageId)).error).toBe("Viber could not be reached. Try again in a moment.");

    const retried = await retryMessage(db(), admin, result.messageId);
    expect(retried.status).toBe("sent");
    expect(await row(result.messageId)).toMatchObject({ status: "sent", errorCode: null, errorText: null, providerMessageId: expect.stringMatching(/^\d{19}$/) });
    expect(fake.calls("send_message").map((r) => (JSON.parse(r.rawBody) as { text: string }).text)).toEqual(Array(5).fill("Still there?"));
  });

  it("refuses what Viber cannot carry before calling it", async () => {
    const conversationId = await conversationWith(sender);
    await expect(sendReply(db(), admin, conversationId, { body: "x".repeat(7001) })).rejects.toThrow(/at most 7,000 characters/);
    expect(fake.calls("send_message")).toHaveLength(0);
  });
});

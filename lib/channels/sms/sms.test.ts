import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversations, messages } from "@/db/schema";
import { splitConfig } from "@/lib/channels/config";
import { smsAdapter, smsConfig } from "@/lib/channels/sms/adapter";
import type { Channel } from "@/lib/channels/types";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { encryptJson } from "@/lib/crypto";
import { putFile, readFile, verifyFileSignature } from "@/lib/storage/files";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";
import { startTwilioFake, type TwilioFake } from "@/test/fakes/twilio";
import { startWebhookApp } from "@/test/fakes/webhook-app";

const ACCOUNT = `AC${"a1".repeat(16)}`;
const TOKEN = "0123456789abcdef0123456789abcdef";
const SENDER = "+3197010000000";
const db = setupTestDb();
let fake: TwilioFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let channel: Channel;
let admin: CurrentUser;
let customer = 31612340000;

const sid = (prefix = "SM") => `${prefix}${crypto.randomBytes(16).toString("hex")}`;

async function smsChannel(config: Record<string, string> = { from: SENDER }) {
  const parsed = smsConfig.parse({ accountSid: ACCOUNT, authToken: TOKEN, ...config });
  const { settings, credentials } = splitConfig(smsAdapter.fields, parsed);
  return makeChannel(db(), "sms", { settings, credentials, externalId: smsAdapter.externalId?.(parsed) ?? null });
}

function url(c: Channel = channel) {
  return app.webhookUrl("sms", c.id);
}

function inbound(from: string, body: string, extra: Record<string, string> = {}) {
  const id = sid(extra.NumMedia && extra.NumMedia !== "0" ? "MM" : "SM");
  return {
    ToCountry: "NL",
    SmsMessageSid: id,
    NumMedia: "0",
    SmsSid: id,
    SmsStatus: "received",
    Body: body,
    To: SENDER,
    NumSegments: "1",
    MessageSid: id,
    AccountSid: ACCOUNT,
    From: from,
    ApiVersion: "2010-04-01",
    ...extra,
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
  fake = await startTwilioFake({ accountSid: ACCOUNT, authToken: TOKEN });
  process.env.TWILIO_API_URL = fake.url;
  app = await startWebhookApp(db);
  process.env.APP_URL = app.url;
  channel = await smsChannel();
  admin = await makeUser(db(), "admin");
});

afterAll(async () => {
  await app.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  customer += 1;
});

afterEach(() => {
  process.env.APP_URL = app.url;
});

describe("sms: connecting", () => {
  it("tests the credentials with an account fetch and explains a refusal", async () => {
    expect(await smsAdapter.testConnection?.(channel)).toBe("Connected to the Twilio account “Northwind test” (active).");
    const [call] = fake.requests;
    expect(call).toMatchObject({ method: "GET", path: `/2010-04-01/Accounts/${ACCOUNT}.json` });
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`);
    const wrong = await makeChannel(db(), "sms", { credentials: encryptJson({ authToken: "f".repeat(32) }), settings: { accountSid: ACCOUNT, from: SENDER } });
    await expect(smsAdapter.testConnection?.(wrong)).rejects.toThrow("Twilio refused the account SID and auth token: check them in Settings → Channels. (Twilio 20003: Authenticate)");
  });

  it("validates the form: a sender number or a Messaging Service, in the right shapes", () => {
    expect(smsConfig.safeParse({ accountSid: ACCOUNT, authToken: TOKEN }).error?.issues[0]).toMatchObject({ path: ["from"] });
    expect(smsConfig.safeParse({ accountSid: ACCOUNT, authToken: TOKEN, from: "0612345678" }).success).toBe(false);
    expect(smsConfig.safeParse({ accountSid: "AC123", authToken: TOKEN, from: SENDER }).success).toBe(false);
    expect(smsConfig.safeParse({ accountSid: ACCOUNT, authToken: TOKEN, messagingServiceSid: `MG${"b2".repeat(16)}` }).success).toBe(true);
    expect(channel.externalId).toBe(SENDER);
    expect(JSON.stringify(channel.settings)).not.toContain(TOKEN);
    expect(smsAdapter.webhookDetails?.(channel, "https://x.test/api/webhooks/sms/1").map((d) => d.value)).toEqual([
      "https://x.test/api/webhooks/sms/1",
      "https://x.test/api/webhooks/sms/1?event=status",
    ]);
  });
});

describe("sms: receiving", () => {
  beforeEach(clear);

  it("stores an SMS, opens a conversation and answers with empty TwiML", async () => {
    const from = `+${customer}`;
    const params = inbound(from, "Hallo, nog nieuws?");
    const answer = await fake.deliver(params, { url: url() });
    expect(answer).toEqual({ status: 200, text: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>', type: "text/xml" });
    const [stored] = await storedFor();
    expect(stored).toMatchObject({ kind: "text", body: "Hallo, nog nieuws?", providerMessageId: params.MessageSid, direction: "in" });
    const { identity, conversation } = await conversationOf(from);
    expect(identity.handle).toBe(from);
    expect(conversation.status).toBe("new");
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, identity.contactId));
    expect(contact.phone).toBe(from);
  });

  it("matches the documented signature vector", async () => {
    const vector = await makeChannel(db(), "sms", { credentials: encryptJson({ authToken: "twilio-auth-token" }), settings: { accountSid: ACCOUNT } });
    const params = {
      MessageSid: "SM0123456789abcdef0123456789abcdef",
      AccountSid: "AC0123456789abcdef0123456789abcdef",
      From: "+15551230000",
      To: "+15559870000",
      Body: "Hi there",
      NumMedia: "0",
    };
    const request = (target: string, signature: string) =>
      new Request(target, { method: "POST", headers: { "x-twilio-signature": signature }, body: new URLSearchParams(params) });
    const body = new URLSearchParams(params).toString();
    expect(smsAdapter.verify(request("https://switchboard.example.com/api/webhooks/sms/ch_1", "+LPfJSY5oi/BUxpiW/hIKn/mR80="), body, vector)).toBe(true);
    expect(smsAdapter.verify(request("https://switchboard.example.com:443/api/webhooks/sms/ch_1", "+LPfJSY5oi/BUxpiW/hIKn/mR80="), body, vector)).toBe(true);
    expect(smsAdapter.verify(request("https://switchboard.example.com/api/webhooks/sms/ch_2", "+LPfJSY5oi/BUxpiW/hIKn/mR80="), body, vector)).toBe(false);
  });

  it("answers 401 and stores nothing for a missing, wrong, other-token or other-URL signature", async () => {
    const params = inbound(`+${customer}`, "hi");
    expect((await fake.deliver(params, { url: url(), signature: null })).status).toBe(401);
    expect((await fake.deliver(params, { url: url(), signature: "+LPfJSY5oi/BUxpiW/hIKn/mR80=" })).status).toBe(401);
    expect((await fake.deliver(params, { url: url(), authToken: "f".repeat(32) })).status).toBe(401);
    expect((await fake.deliver(params, { url: url(), signUrl: `${url()}?event=status` })).status).toBe(401);
    // The body changed after signing: every field is covered.
    const signature = getExpectedTwilioSignature(TOKEN, url(), params);
    expect((await fake.deliver({ ...params, Body: "changed" }, { url: url(), signature })).status).toBe(401);
    expect((await fake.deliver({ ...params, Extra: "field" }, { url: url(), signature })).status).toBe(401);
    expect(await storedFor()).toHaveLength(0);
  });

  it("accepts the signature over the public URL when the app sees an internal one", async () => {
    process.env.APP_URL = "https://switchboard.example.com";
    const params = inbound(`+${customer}`, "via the proxy");
    const publicUrl = `https://switchboard.example.com/api/webhooks/sms/${channel.id}`;
    expect((await fake.deliver(params, { url: url(), signUrl: publicUrl })).status).toBe(200);
    expect((await fake.deliver(inbound(`+${customer}`, "wrong host"), { url: url(), signUrl: `https://evil.example.com/api/webhooks/sms/${channel.id}` })).status).toBe(401);

    // Behind a proxy without APP_URL, the forwarded host and scheme describe what Twilio called.
    delete process.env.APP_URL;
    const forwarded = inbound(`+${customer}`, "forwarded");
    const body = new URLSearchParams(forwarded).toString();
    const signature = getExpectedTwilioSignature(TOKEN, `https://support.example.org/api/webhooks/sms/${channel.id}`, forwarded);
    const request = new Request(url(), {
      method: "POST",
      headers: { "x-twilio-signature": signature, "x-forwarded-host": "support.example.org", "x-forwarded-proto": "https" },
      body,
    });
    expect(smsAdapter.verify(request, body, channel)).toBe(true);
    expect((await storedFor()).map((m) => m.body)).toEqual(["via the proxy"]);
  });

  it("stores a repeated webhook once, also when the copies arrive at the same time", async () => {
    const params = inbound(`+${customer}`, "once");
    expect((await fake.deliver(params, { url: url() })).status).toBe(200);
    expect((await fake.deliver(params, { url: url() })).status).toBe(200);
    const raced = inbound(`+${customer}`, "raced");
    const answers = await fake.deliverConcurrently(6, raced, { url: url() });
    expect(answers.every((a) => a.status === 200 && a.type === "text/xml")).toBe(true);
    expect((await storedFor()).map((m) => m.body)).toEqual(["once", "raced"]);
  });

  it("downloads MMS media with Basic auth through Twilio's redirect, and refuses other hosts", async () => {
    const jpeg = fake.addMedia(Buffer.from("jpeg-bytes"), "image/jpeg");
    const pdf = fake.addMedia(Buffer.from("%PDF"), "application/pdf");
    const params = inbound(`+${customer}`, "", {
      NumMedia: "3",
      MediaUrl0: jpeg,
      MediaContentType0: "image/jpeg",
      MediaUrl1: pdf,
      MediaContentType1: "application/pdf",
      MediaUrl2: "http://169.254.169.254/latest/meta-data",
      MediaContentType2: "image/png",
    });
    expect((await fake.deliver(params, { url: url() })).status).toBe(200);
    await app.settle();
    const [stored] = await storedFor();
    expect(stored.kind).toBe("media");
    const [image, document, foreign] = stored.attachments;
    expect(image).toMatchObject({ name: "media-1.jpg", mimeType: "image/jpeg", size: 10 });
    expect((await readFile(db(), image.id))?.data.toString()).toBe("jpeg-bytes");
    expect(document).toMatchObject({ name: "media-2.pdf", mimeType: "application/pdf" });
    expect(foreign).toMatchObject({ id: "", error: "Refused to fetch media from 169.254.169.254: not a Twilio address." });
    // Basic auth on Twilio's media URL, then the redirect followed; the foreign host was never called.
    const fetched = fake.requests.filter((r) => r.method === "GET");
    expect(fetched.map((r) => r.path.split("/")[1])).toEqual(["media", "cdn", "media", "cdn"]);
    expect(fetched[0].headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`);
  });

  it("stores WhatsApp-via-Twilio senders with their profile name, locations and empty messages", async () => {
    const wa = `whatsapp:+${customer}`;
    await fake.deliver(inbound(wa, "", { ProfileName: "Zoë", WaId: String(customer), MessageType: "location", Latitude: "52.3731", Longitude: "4.8926", Label: "Dam" }), { url: url() });
    await fake.deliver(inbound(`+${customer}`, ""), { url: url() });
    const stored = await storedFor();
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["location", ""],
      ["text", "Unsupported message type: an empty message (the carrier may have dropped a contact card or another attachment)"],
    ]);
    expect(stored[0].payload).toMatchObject({ latitude: 52.3731, longitude: 4.8926, name: "Dam" });
    const { identity } = await conversationOf(wa);
    expect(identity).toMatchObject({ profileName: "Zoë", handle: `+${customer}` });
  });

  it("answers malformed payloads with a 4xx and stores nothing", async () => {
    const cases: [string, number][] = [
      ["", 400],
      ['{"MessageSid":"SM1","From":"+1"}', 400],
      ["From=%2B15551230000&Body=no+sid", 400],
      [`MessageSid=${sid()}&Body=no+from`, 400],
      [`MessageSid=${sid()}&From=&Body=empty+from`, 400],
      ["%%%=%%%", 400],
    ];
    for (const [body, status] of cases) expect([body, (await fake.deliverRaw(body, { url: url() })).status]).toEqual([body, status]);
    const statusUrl = `${url()}?event=status`;
    expect((await fake.deliverRaw("MessageStatus=delivered", { url: statusUrl })).status).toBe(400);
    expect((await fake.deliverRaw(`MessageSid=${sid()}`, { url: statusUrl })).status).toBe(400);
    // A status we do not track (sending, accepted...) is acknowledged and skipped.
    expect((await fake.deliverRaw(`MessageSid=${sid()}&MessageStatus=sending`, { url: statusUrl })).status).toBe(200);
    const huge = await fake.deliverRaw(`MessageSid=${sid()}&From=%2B1555&Body=${"x".repeat(6 * 1024 * 1024)}`, { url: url() });
    expect(huge.status).toBe(413);
    expect(await storedFor()).toHaveLength(0);
  });
});

describe("sms: replying", () => {
  async function conversationWith(from: string) {
    await fake.deliver(inbound(from, "Hello?"), { url: url() });
    const { conversation } = await conversationOf(from);
    fake.reset();
    return conversation.id;
  }

  async function inboundCount(conversationId: string) {
    const rows = await db().select().from(messages).where(eq(messages.conversationId, conversationId));
    return rows.filter((m) => m.direction === "in").length;
  }

  async function row(id: string) {
    const [m] = await db().select().from(messages).where(eq(messages.id, id));
    return m;
  }

  it("posts the documented form with Basic auth and a status callback, and statuses move the message", async () => {
    const from = `+${customer}`;
    const conversationId = await conversationWith(from);
    const result = await sendReply(db(), admin, conversationId, { body: "Uw pakket is onderweg." });
    expect(result.status).toBe("sent");
    const [call] = fake.sends();
    expect(call.path).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64")}`);
    expect(call.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(call.form).toEqual({ To: from, From: SENDER, Body: "Uw pakket is onderweg.", StatusCallback: `${url()}?event=status` });

    await fake.settled();
    expect(fake.callbacks.map((c) => [c.params.MessageStatus, c.status])).toEqual([
      ["sent", 200],
      ["delivered", 200],
    ]);
    const sent = await row(result.messageId);
    expect(sent).toMatchObject({ status: "delivered", providerMessageId: expect.stringMatching(/^SM/) });
    // Status callbacks never become messages.
    expect(await inboundCount(conversationId)).toBe(1);
  });

  it("fails an undelivered message with the carrier's reason in words", async () => {
    const conversationId = await conversationWith(`+${customer}`);
    fake.planStatuses([{ status: "sent" }, { status: "undelivered", errorCode: "30003" }]);
    const result = await sendReply(db(), admin, conversationId, { body: "Are you there?" });
    await fake.settled();
    expect(await row(result.messageId)).toMatchObject({
      status: "failed",
      errorCode: "30003",
      errorText: "The customer's phone is unreachable (switched off or out of coverage). (Twilio 30003)",
    });
  });

  it("recognises a status callback configured without ?event=status", async () => {
    const conversationId = await conversationWith(`+${customer}`);
    fake.planStatuses([]);
    const result = await sendReply(db(), admin, conversationId, { body: "Plain URL" });
    const { providerMessageId } = await row(result.messageId);
    const answer = await fake.deliver({ MessageSid: providerMessageId ?? "", MessageStatus: "delivered", SmsStatus: "delivered", To: `+${customer}`, From: SENDER, AccountSid: ACCOUNT }, { url: url() });
    expect(answer.status).toBe(200);
    expect((await row(result.messageId)).status).toBe("delivered");
    expect(await inboundCount(conversationId)).toBe(1);
  });

  it("sends files as signed public MediaUrls, and fails clearly without a public address", async () => {
    const conversationId = await conversationWith(`+${customer}`);
    const a = await putFile(db(), { name: "a.jpg", mimeType: "image/jpeg", data: Buffer.from("a"), conversationId });
    const b = await putFile(db(), { name: "b.png", mimeType: "image/png", data: Buffer.from("b"), conversationId });
    const result = await sendReply(db(), admin, conversationId, { body: "", fileIds: [a.id, b.id] });
    expect(result.status).toBe("sent");
    const [call] = fake.sends();
    expect(call.form.Body).toBeUndefined();
    const links = call.form.MediaUrl as string[];
    expect(links).toHaveLength(2);
    for (const [index, file] of [a, b].entries()) {
      const link = new URL(links[index]);
      expect(link.origin + link.pathname).toBe(`${app.url}/api/files/${file.id}`);
      expect(verifyFileSignature(file.id, link.searchParams.get("exp"), link.searchParams.get("sig"))).toBe(true);
    }

    delete process.env.APP_URL;
    fake.reset();
    const offline = await sendReply(db(), admin, conversationId, { body: "see attached", fileIds: [a.id] });
    expect(offline.status).toBe("failed");
    expect(offline.error).toContain("no public address (set APP_URL)");
    expect(fake.sends()).toHaveLength(0);
  });

  it("marks a refused send failed with Twilio's reason, and Retry sends it again", async () => {
    const conversationId = await conversationWith(`+${customer}`);
    const sends = /Messages\.json$/;
    fake.failNext((r) => sends.test(r.path), { status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    const result = await sendReply(db(), admin, conversationId, { body: "Special offer" });
    expect(result.status).toBe("failed");
    expect(await row(result.messageId)).toMatchObject({
      status: "failed",
      errorCode: "21610",
      errorText:
        "The customer has opted out by replying STOP; they must text START before they can receive messages again. (Twilio 21610: Attempt to send to unsubscribed recipient)",
    });

    fake.failNext((r) => sends.test(r.path), { status: 400, code: 21211, message: "The 'To' number +316123 is not a valid phone number." });
    expect((await retryMessage(db(), admin, result.messageId)).error).toBe(
      "The customer's number is not a valid phone number. (Twilio 21211: The 'To' number +316123 is not a valid phone number.)",
    );
    fake.failNext((r) => sends.test(r.path), { status: 429, code: 20429, message: "Too Many Requests" });
    expect((await retryMessage(db(), admin, result.messageId)).error).toContain("Try again in a moment");
    fake.failNext((r) => sends.test(r.path), { hangUp: true });
    expect((await retryMessage(db(), admin, result.messageId)).error).toBe("Twilio could not be reached. Try again in a moment.");

    const retried = await retryMessage(db(), admin, result.messageId);
    expect(retried.status).toBe("sent");
    await fake.settled();
    expect(await row(result.messageId)).toMatchObject({ status: "delivered", errorCode: null, errorText: null });
    expect(fake.sends().map((r) => r.form.Body)).toEqual(Array(5).fill("Special offer"));
  });

  it("sends through a Messaging Service, and answers WhatsApp users from the whatsapp: sender", async () => {
    const service = await smsChannel({ messagingServiceSid: `MG${"c3".repeat(16)}` });
    expect(service.externalId).toBe(`MG${"c3".repeat(16)}`);
    const from = `+${customer}`;
    await fake.deliver(inbound(from, "via service"), { url: url(service) });
    const { conversation } = await conversationOf(from);
    fake.reset();
    fake.planStatuses([]);
    await sendReply(db(), admin, conversation.id, { body: "Hi" });
    expect(fake.sends()[0].form).toMatchObject({ To: from, MessagingServiceSid: `MG${"c3".repeat(16)}` });
    expect(fake.sends()[0].form.From).toBeUndefined();

    const wa = `whatsapp:+${customer + 500}`;
    await fake.deliver(inbound(wa, "hoi", { ProfileName: "Zoë" }), { url: url() });
    const waConversation = await conversationOf(wa);
    fake.reset();
    fake.planStatuses([]);
    await sendReply(db(), admin, waConversation.conversation.id, { body: "Hallo Zoë" });
    expect(fake.sends()[0].form).toMatchObject({ To: wa, From: `whatsapp:${SENDER}`, Body: "Hallo Zoë" });
  });

  it("refuses what SMS cannot carry before calling Twilio", async () => {
    const conversationId = await conversationWith(`+${customer}`);
    await expect(sendReply(db(), admin, conversationId, { body: "x".repeat(1601) })).rejects.toThrow(/at most 1,600 characters/);
    const zip = await putFile(db(), { name: "a.zip", mimeType: "application/zip", data: Buffer.from("z"), conversationId });
    await expect(sendReply(db(), admin, conversationId, { body: "", fileIds: [zip.id] })).rejects.toThrow(/SMS cannot carry “a.zip”/);
    expect(fake.sends()).toHaveLength(0);
  });
});

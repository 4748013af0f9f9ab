import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channels, contactIdentities, contacts, conversations, messages } from "@/db/schema";
import { saveChannelAccount } from "@/lib/channels/accounts";
import { messengerAdapter } from "@/lib/channels/messenger/adapter";
import type { Channel } from "@/lib/channels/types";
import { storeOutbound } from "@/lib/conversations/outbound";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { putFile, readFile } from "@/lib/storage/files";
import { setupTestDb } from "@/test/db";
import { makeUser } from "@/test/factories";
import { graphError, startMetaFake, type MetaFake } from "@/test/fakes/meta";
import { startWebhookApp } from "@/test/fakes/meta-app";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();
const SECRET = "messenger-app-secret";
const TOKEN = "EAAPage-access-token-0001";
const HOUR = 3_600_000;

let fake: MetaFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let admin: CurrentUser;
let pageCounter = 112233445566700;
// PSIDs are longer than a JS number holds exactly: always strings.
let psidCounter = 100;
let midCounter = 0;

beforeAll(async () => {
  fake = await startMetaFake();
  fake.state.tokens.add(TOKEN);
  process.env.META_GRAPH_URL = fake.graphUrl;
  app = await startWebhookApp(db);
  admin = await makeUser(db(), "admin");
});

afterAll(async () => {
  delete process.env.META_GRAPH_URL;
  delete process.env.APP_URL;
  await app.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  delete process.env.APP_URL;
});

async function messengerChannel(secret = SECRET): Promise<Channel> {
  const pageId = String(pageCounter++);
  return saveChannelAccount(db(), admin, {
    kind: "messenger",
    name: `Page ${pageId}`,
    teamId: null,
    config: { pageId, pageAccessToken: TOKEN, appSecret: secret, verifyToken: "page-verify-0001" },
  });
}

const nextPsid = () => `2492000000000${String(psidCounter++).padStart(4, "0")}`;
const mid = () => `m_IN${Date.now()}${midCounter++}`;

function page(channel: Channel, items: Record<string, unknown>[]) {
  return { object: "page", entry: [{ id: channel.externalId, time: Date.now(), messaging: items }] };
}

function item(channel: Channel, psid: string, event: Record<string, unknown>, at = Date.now()) {
  return { sender: { id: psid }, recipient: { id: channel.externalId }, timestamp: at, ...event };
}

const deliver = (channel: Channel, payload: unknown, options: { secret?: string; signature?: string | null } = {}) =>
  fake.deliver(payload, { url: app.webhookUrl(channel), secret: options.secret ?? SECRET, ...options });

const storedIn = (channel: Channel) => db().select().from(messages).where(eq(messages.channelId, channel.id)).orderBy(messages.createdAt);

async function conversationOf(channel: Channel, psid: string) {
  const [row] = await db()
    .select({ conversation: conversations, identity: contactIdentities, contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, psid)));
  return row;
}

async function customer(channel: Channel, hoursAgo = 0) {
  const psid = nextPsid();
  const payload = page(channel, [item(channel, psid, { message: { mid: mid(), text: "Is dit nog op voorraad?" } }, Date.now() - hoursAgo * HOUR)]);
  expect((await deliver(channel, payload)).status).toBe(200);
  return { psid, ...(await conversationOf(channel, psid)) };
}

const sends = () => fake.graphRequests().filter((r) => r.method === "POST" && r.path.endsWith("/messages"));

describe("Messenger inbound", () => {
  it("stores a text with é, Arabic, an emoji and a slash, then fills in the sender's name from the profile API", async () => {
    const channel = await messengerChannel();
    const psid = nextPsid();
    fake.setProfile(psid, { first_name: "Zoë", last_name: "محمد" });
    const body = "Is dit nog op voorraad? café محمد 😀 maat 38/39";
    const payload = page(channel, [item(channel, psid, { message: { mid: mid(), text: body, reply_to: { mid: "m_Prev9" } } })]);
    expect((await deliver(channel, payload)).status).toBe(200);
    const [message] = await storedIn(channel);
    expect(message).toMatchObject({ direction: "in", kind: "text", body });

    await app.flush();
    const row = await conversationOf(channel, psid);
    expect(row.identity.profileName).toBe("Zoë محمد");
    expect(row.contact.name).toBe("Zoë محمد");
    const lookup = fake.requests.find((r) => r.path === `/v26.0/${psid}`)!;
    expect(lookup.query.fields).toBe("first_name,last_name,name");
    expect(lookup.headers.authorization).toBe(`Bearer ${TOKEN}`);

    // Without a profile (Meta's "No profile available") the identity gets a neutral handle, once.
    const anonymous = nextPsid();
    expect((await deliver(channel, page(channel, [item(channel, anonymous, { message: { mid: mid(), text: "hoi" } })]))).status).toBe(200);
    await app.flush();
    expect((await conversationOf(channel, anonymous)).identity).toMatchObject({ profileName: null, handle: `Messenger user …${anonymous.slice(-4)}` });
  });

  it("downloads attachments from Meta's CDN without a token; refuses other hosts; describes locations and shares", async () => {
    const channel = await messengerChannel();
    const psid = nextPsid();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]);
    const url = fake.addCdnFile("abc.jpg", jpeg, "image/jpeg");
    const payload = page(channel, [
      item(channel, psid, { message: { mid: mid(), attachments: [{ type: "image", payload: { url } }] } }, Date.now() - 3000),
      item(channel, psid, { message: { mid: mid(), text: "kijk", attachments: [{ type: "file", payload: { url: "https://evil.example.com/x.pdf" } }] } }, Date.now() - 2000),
      item(
        channel,
        psid,
        { message: { mid: mid(), attachments: [{ type: "location", title: "Dam", payload: { coordinates: { lat: 52.37, long: 4.89 } } }] } },
        Date.now() - 1000,
      ),
      item(channel, psid, { message: { mid: mid(), attachments: [{ type: "fallback", title: "Onze winkel", url: "https://example.com/shop" }] } }),
    ]);
    expect((await deliver(channel, payload)).status).toBe(200);
    await app.flush();
    const [image, file, location, share] = await storedIn(channel);
    expect(image.attachments[0]).toMatchObject({ name: "abc.jpg", mimeType: "image/jpeg", size: jpeg.length });
    expect((await readFile(db(), image.attachments[0].id))?.data.equals(jpeg)).toBe(true);
    expect(fake.requests.find((r) => r.path === "/cdn/abc.jpg")?.headers.authorization).toBeUndefined();
    expect(file).toMatchObject({ kind: "media", body: "kijk" });
    expect(file.attachments[0].error).toMatch(/not a Meta media host/);
    expect(location).toMatchObject({ kind: "location", payload: { latitude: 52.37, longitude: 4.89, name: "Dam" } });
    expect(share).toMatchObject({ kind: "text", body: "Shared a link: Onze winkel https://example.com/shop" });
  });

  it("refuses a wrong, missing or other-secret signature with 401 and stores nothing; answers the handshake", async () => {
    const channel = await messengerChannel();
    const payload = page(channel, [item(channel, nextPsid(), { message: { mid: mid(), text: "hi" } })]);
    expect((await deliver(channel, payload, { secret: "other-app-secret" })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: null })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: "sha256=deadbeef" })).status).toBe(401);
    expect(await storedIn(channel)).toHaveLength(0);
    const url = app.webhookUrl(channel);
    expect(await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "page-verify-0001", "hub.challenge": "42" })).toMatchObject({ status: 200, text: "42" });
    expect((await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42" })).status).toBe(403);
  });

  it("stores a repeated or concurrent delivery once, never takes an echo for the customer's message, and skips what is not a message", async () => {
    const channel = await messengerChannel();
    const psid = nextPsid();
    const payload = page(channel, [item(channel, psid, { message: { mid: mid(), text: "één keer" } })]);
    expect((await deliver(channel, payload)).status).toBe(200);
    expect((await deliver(channel, payload)).status).toBe(200);
    const racing = page(channel, [item(channel, nextPsid(), { message: { mid: mid(), text: "tegelijk" } })]);
    const answers = await fake.deliverConcurrently(5, racing, { url: app.webhookUrl(channel), secret: SECRET });
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const echo = {
      sender: { id: channel.externalId },
      recipient: { id: psid },
      timestamp: Date.now(),
      message: { mid: mid(), is_echo: true, app_id: 1517776481860111, text: "Sent from Business Suite" },
    };
    const noise = [
      echo,
      item(channel, psid, { reaction: { mid: "m_x", action: "react", emoji: "😍" } }),
      item(channel, psid, { referral: { ref: "ad" } }),
      item(channel, psid, { message: { mid: mid(), is_deleted: true } }),
      item(channel, psid, { message: { mid: 12 } }),
      { sender: "x", recipient: { id: channel.externalId }, timestamp: "yesterday", message: { mid: mid(), text: "bad" } },
    ];
    expect((await deliver(channel, page(channel, noise))).status).toBe(200);
    expect((await storedIn(channel)).map((m) => [m.direction, m.body])).toEqual([
      ["in", "één keer"],
      ["in", "tegelijk"],
      ["out", "Sent from Business Suite"],
    ]);
  });

  it("answers malformed payloads with 400 or a logged skip, never 500", async () => {
    const channel = await messengerChannel();
    const bodies: [unknown, number][] = [
      [{ entry: [] }, 400],
      [{ object: "page", entry: "x" }, 400],
      [{ object: "instagram", entry: [] }, 200],
      [{ object: "page", entry: [null, { id: 5, messaging: "x" }, { messaging: [null, 1, { sender: { id: "1" } }] }, { standby: [{}] }] }, 200],
      [{ object: "page", entry: [{ id: channel.externalId, changes: [{ field: "feed", value: {} }] }] }, 200],
    ];
    for (const [body, status] of bodies) expect((await deliver(channel, body)).status).toBe(status);
    const raw = await fetch(app.webhookUrl(channel), { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(raw.status).toBe(401);
    expect(await storedIn(channel)).toHaveLength(0);
  });
});

describe("Messenger replies", () => {
  it("sends a reply as exactly the documented request", async () => {
    const channel = await messengerChannel();
    const { conversation, psid } = await customer(channel);
    const result = await sendReply(db(), admin, conversation.id, { body: "Ja, nog 3 op voorraad. 😀" });
    expect(result.status).toBe("sent");
    const [request] = sends();
    expect(request.path).toBe(`/v26.0/${channel.externalId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.json).toEqual({ recipient: { id: psid }, messaging_type: "RESPONSE", message: { text: "Ja, nog 3 op voorraad. 😀" } });
    const [message] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(message.providerMessageId).toMatch(/^m_FAKE/);
  });

  it("records a reply a colleague sent from Meta's own inbox, and drops the echoes of our own sends", async () => {
    const channel = await messengerChannel();
    const { conversation, psid } = await customer(channel);
    const echo = (messageId: string, text: string) => ({
      sender: { id: channel.externalId },
      recipient: { id: psid },
      timestamp: Date.now(),
      message: { mid: messageId, is_echo: true, app_id: 1517776481860111, text },
    });
    const outside = echo(mid(), "Answered from Business Suite");
    expect((await deliver(channel, page(channel, [outside]))).status).toBe(200);
    expect((await deliver(channel, page(channel, [outside]))).status).toBe(200);
    // A colleague answered: the customer no longer waits, and the list shows our side's message.
    const [row] = await db().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row).toMatchObject({ waitingSince: null, lastMessageDirection: "out", lastMessagePreview: "Answered from Business Suite", messageCount: 2 });
    expect(row.firstResponseAt).not.toBeNull();

    // Text and a file go out as two provider messages: both echoes are known as ours.
    const pdf = await putFile(db(), { name: "factuur.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF-1.7"), conversationId: conversation.id });
    const result = await sendReply(db(), admin, conversation.id, { body: "Via Switchboard", fileIds: [pdf.id] });
    const [ours] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    const parts = (ours.payload as { providerParts?: string[] }).providerParts ?? [];
    expect(parts).toHaveLength(1);
    expect((await deliver(channel, page(channel, [echo(parts[0], "Via Switchboard"), echo(ours.providerMessageId!, "")]))).status).toBe(200);
    // The echo can overtake the send's answer: while a send of ours awaits its id, an echo is taken for it.
    await db().transaction((tx) =>
      storeOutbound(tx, { conversationId: conversation.id, channelId: channel.id, identityId: ours.identityId, authorId: admin.id, kind: "text", body: "In flight" }),
    );
    expect((await deliver(channel, page(channel, [echo(mid(), "In flight")]))).status).toBe(200);

    const thread = (await storedIn(channel)).filter((m) => m.conversationId === conversation.id);
    expect(thread.map((m) => [m.direction, m.body, m.status])).toEqual([
      ["in", "Is dit nog op voorraad?", "received"],
      ["out", "Answered from Business Suite", "sent"],
      ["out", "Via Switchboard", "sent"],
      ["out", "In flight", "queued"],
    ]);
    expect(thread[1]).toMatchObject({ authorId: null, providerMessageId: outside.message.mid, payload: { sentFrom: "Messenger" } });
  });

  it("refuses to reply on a deactivated account, saying so, and calls nobody", async () => {
    const channel = await messengerChannel();
    const { conversation } = await customer(channel);
    await db().update(channels).set({ active: false }).where(eq(channels.id, channel.id));
    await expect(sendReply(db(), admin, conversation.id, { body: "Hallo?" })).rejects.toThrow(/is deactivated, so replies cannot be sent/);
    expect(sends()).toHaveLength(0);
  });

  it("uploads a file as multipart filedata without a public URL, and sends its link when there is one", async () => {
    const channel = await messengerChannel();
    const { conversation, psid } = await customer(channel);
    const pdf = await putFile(db(), { name: "handleiding.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF-1.7"), conversationId: conversation.id });
    expect((await sendReply(db(), admin, conversation.id, { body: "", fileIds: [pdf.id] })).status).toBe("sent");
    const [upload] = sends();
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data/);
    expect(upload.form).toEqual({
      recipient: JSON.stringify({ id: psid }),
      messaging_type: "RESPONSE",
      message: JSON.stringify({ attachment: { type: "file", payload: { is_reusable: false } } }),
    });
    expect(upload.files?.[0]).toMatchObject({ field: "filedata", name: "handleiding.pdf", type: "application/pdf" });
    expect(upload.files?.[0].data.toString()).toBe("%PDF-1.7");

    fake.reset();
    process.env.APP_URL = "https://support.example.com";
    const photo = await putFile(db(), { name: "foto.png", mimeType: "image/png", data: Buffer.from("png"), conversationId: conversation.id });
    expect((await sendReply(db(), admin, conversation.id, { body: "Zo?", fileIds: [photo.id] })).status).toBe("sent");
    const [text, link] = sends().map((r) => r.json as Record<string, unknown>);
    expect(text).toEqual({ recipient: { id: psid }, messaging_type: "RESPONSE", message: { text: "Zo?" } });
    expect(link).toMatchObject({ recipient: { id: psid }, messaging_type: "RESPONSE", message: { attachment: { type: "image", payload: { is_reusable: false } } } });
    expect((link.message as { attachment: { payload: { url: string } } }).attachment.payload.url).toMatch(
      new RegExp(`^https://support\\.example\\.com/api/files/${photo.id}\\?exp=\\d+&sig=[0-9a-f]+$`),
    );
  });

  it("sends with the HUMAN_AGENT tag between 24 hours and 7 days, and refuses after that", async () => {
    const channel = await messengerChannel();
    const tagged = await customer(channel, 30);
    expect((await sendReply(db(), admin, tagged.conversation.id, { body: "Sorry voor de late reactie." })).status).toBe("sent");
    expect(sends()[0].json).toEqual({
      recipient: { id: tagged.psid },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Sorry voor de late reactie." },
    });
    const late = await customer(channel, 8 * 24);
    await expect(sendReply(db(), admin, late.conversation.id, { body: "Nog daar?" })).rejects.toThrow(/window is closed.*has to write first/);
  });

  it("marks a provider error failed with Meta's reason, and Retry sends it again", async () => {
    const channel = await messengerChannel();
    const { conversation } = await customer(channel);
    fake.failNext(
      (r) => r.path.endsWith("/messages"),
      { status: 400, body: graphError(10, "(#10) This message is sent outside of allowed window.", { subcode: 2018278 }) },
    );
    const failed = await sendReply(db(), admin, conversation.id, { body: "Hallo?" });
    expect(failed.status).toBe("failed");
    const [row] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "10" });
    expect(row.errorText).toMatch(/window for this person is closed.*outside of allowed window/);
    expect((await retryMessage(db(), admin, failed.messageId)).status).toBe("sent");

    fake.failNext(() => true, { hangUp: true });
    const dropped = await sendReply(db(), admin, conversation.id, { body: "En nu?" });
    expect(dropped).toMatchObject({ status: "failed", error: expect.stringMatching(/could not be reached/) });
  });

  it("moves statuses with delivery and read watermarks, in any order, also when they come before the send's answer", async () => {
    const channel = await messengerChannel();
    const { conversation } = await customer(channel);
    const statusOf = async (id: string) => (await db().select().from(messages).where(eq(messages.id, id)))[0].status;

    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["delivered", "read"], when: "after" };
    const first = await sendReply(db(), admin, conversation.id, { body: "één" });
    await fake.settled();
    expect(await statusOf(first.messageId)).toBe("read");

    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["read", "delivered"], when: "after" };
    const second = await sendReply(db(), admin, conversation.id, { body: "twee" });
    await fake.settled();
    expect(await statusOf(second.messageId)).toBe("read");

    // Before the answer the message has no id yet: the watermark skips it, the named mid waits as pending.
    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["delivered"], when: "before" };
    const third = await sendReply(db(), admin, conversation.id, { body: "drie" });
    expect(await statusOf(third.messageId)).toBe("delivered");

    // A read watermark names no mid: it is remembered on the identity and applied once the id is stored.
    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["read"], when: "before" };
    const fourth = await sendReply(db(), admin, conversation.id, { body: "vier" });
    expect(await statusOf(fourth.messageId)).toBe("read");
  });

  it("tests the connection with the Page lookup", async () => {
    const channel = await messengerChannel();
    fake.setProfile(channel.externalId!, { name: "Northwind Outfitters" });
    expect(await messengerAdapter.testConnection!(channel)).toBe("Facebook Page “Northwind Outfitters”");
  });
});

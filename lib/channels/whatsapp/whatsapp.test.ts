import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversations, messages, pendingStatuses, templates } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/permissions";
import { saveChannelAccount } from "@/lib/channels/accounts";
import { metaSignature, verifyMetaSignature } from "@/lib/channels/meta/signature";
import { whatsappAdapter } from "@/lib/channels/whatsapp/adapter";
import { listApprovedTemplates, sendTemplate, syncTemplates } from "@/lib/channels/whatsapp/templates";
import type { Channel } from "@/lib/channels/types";
import { sendReply, retryMessage } from "@/lib/conversations/reply";
import { UserError } from "@/lib/errors";
import { putFile, readFile } from "@/lib/storage/files";
import { setupTestDb } from "@/test/db";
import { makeUser } from "@/test/factories";
import { graphError, metaEscape, signMeta, startMetaFake, type MetaFake } from "@/test/fakes/meta";
import { startWebhookApp } from "@/test/fakes/meta-app";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();
const SECRET = "meta-app-secret";
const TOKEN = "EAAG-whatsapp-system-user-token-0001";
const WABA = "102290129340398";

let fake: MetaFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let admin: CurrentUser;
let phoneCounter = 106540352242900;
let senderCounter = 31612345000;

beforeAll(async () => {
  fake = await startMetaFake();
  fake.state.tokens.add(TOKEN);
  process.env.META_GRAPH_URL = fake.graphUrl;
  app = await startWebhookApp(db);
  admin = await makeUser(db(), "admin");
});

afterAll(async () => {
  delete process.env.META_GRAPH_URL;
  await app.close();
  await fake.close();
});

beforeEach(() => fake.reset());

async function whatsappChannel(options: { secret?: string; phoneNumberId?: string } = {}): Promise<Channel> {
  const phoneNumberId = options.phoneNumberId ?? String(phoneCounter++);
  return saveChannelAccount(db(), admin, {
    kind: "whatsapp",
    name: `WhatsApp ${phoneNumberId}`,
    teamId: null,
    config: { phoneNumberId, wabaId: WABA, accessToken: TOKEN, appSecret: options.secret ?? SECRET, verifyToken: "verify-me-0001" },
  });
}

const nextSender = () => String(senderCounter++);
let idCounter = 0;
const wamid = () => `wamid.IN${Date.now()}${idCounter++}`;

function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: WABA,
        changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550001111", phone_number_id: phoneNumberId }, ...value } }],
      },
    ],
  };
}

function inbound(channel: Channel, from: string, message: Record<string, unknown>, name = "Zoë Park") {
  return envelope(channel.externalId!, {
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id: wamid(), timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  });
}

const textFrom = (channel: Channel, from: string, body: string, extra: Record<string, unknown> = {}) =>
  inbound(channel, from, { type: "text", text: { body }, ...extra });

const deliver = (channel: Channel, payload: unknown, options: { secret?: string; signature?: string | null; unescapedBody?: boolean } = {}) =>
  fake.deliver(payload, { url: app.webhookUrl(channel), secret: options.secret ?? SECRET, ...options });

const storedIn = (channel: Channel) => db().select().from(messages).where(eq(messages.channelId, channel.id));

async function conversationOf(channel: Channel, from: string) {
  const [row] = await db()
    .select({ conversation: conversations, identity: contactIdentities, contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, from)));
  return row;
}

/** A customer who wrote `hoursAgo` ago, and the conversation that created. */
async function customer(channel: Channel, hoursAgo = 0) {
  const from = nextSender();
  const at = Math.floor((Date.now() - hoursAgo * 3_600_000) / 1000);
  const payload = inbound(channel, from, { type: "text", text: { body: "Waar blijft mijn pakket?" }, timestamp: String(at) });
  expect((await deliver(channel, payload)).status).toBe(200);
  return { from, ...(await conversationOf(channel, from)) };
}

const lastSend = () => fake.graphRequests().filter((r) => r.method === "POST" && r.path.endsWith("/messages")).at(-1)!;

describe("WhatsApp signatures and the handshake", () => {
  it("accepts channels.md's test vector and refuses it with another secret", () => {
    const body =
      '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Zo\\u00eb"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.TEST1","timestamp":"1749416383","type":"text","text":{"body":"caf\\u00e9 \\/ \\ud83d\\ude00"}}]},"field":"messages"}]}]}';
    const header = "sha256=d678792e526db4448f54b07cea50b641482ca44cee22e0ec8ecf4e868a922575";
    expect(metaSignature(body, "meta-app-secret")).toBe(header);
    expect(verifyMetaSignature(body, header, "meta-app-secret")).toBe(true);
    expect(verifyMetaSignature(body, header.toUpperCase().replace("SHA256", "sha256"), "meta-app-secret")).toBe(true);
    expect(verifyMetaSignature(body, header, "another-secret")).toBe(false);
    // Re-serialised (unescaped) text is not the bytes Meta signed; the escaped fallback restores them, but
    // any other change still fails.
    const reserialised = JSON.stringify(JSON.parse(body));
    expect(reserialised).toContain("café / 😀");
    expect(metaSignature(reserialised, "meta-app-secret")).not.toBe(header);
    expect(verifyMetaSignature(reserialised, header, "meta-app-secret")).toBe(true);
    expect(verifyMetaSignature(reserialised.replace("café", "cafe"), header, "meta-app-secret")).toBe(false);
    expect(verifyMetaSignature(body.replace("16505551234", "16505551235"), header, "meta-app-secret")).toBe(false);
    expect(verifyMetaSignature(body, null, "meta-app-secret")).toBe(false);
    expect(verifyMetaSignature(body, "sha1=abc", "meta-app-secret")).toBe(false);
    expect(verifyMetaSignature(body, header, undefined)).toBe(false);
  });

  it("answers the GET handshake only with the right verify token", async () => {
    const channel = await whatsappChannel();
    const url = app.webhookUrl(channel);
    const ok = await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "verify-me-0001", "hub.challenge": "1158201444" });
    expect(ok).toMatchObject({ status: 200, text: "1158201444" });
    expect(ok.type).toContain("text/plain");
    expect((await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "wrong-token", "hub.challenge": "1" })).status).toBe(403);
    expect((await fake.handshake(url, { "hub.verify_token": "verify-me-0001", "hub.challenge": "1" })).status).toBe(403);
    expect((await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "verify-me-0001" })).status).toBe(403);
    expect((await fake.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "verify-me-0001", "hub.challenge": "<script>" })).status).toBe(403);
    expect((await fake.handshake(url, {})).status).toBe(405);
  });

  it("refuses a wrong, missing, other-secret or legacy-only signature with 401 and stores nothing", async () => {
    const channel = await whatsappChannel();
    const payload = textFrom(channel, nextSender(), "hallo");
    expect((await deliver(channel, payload, { secret: "someone-elses-secret" })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: null })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: "sha256=" + "0".repeat(64) })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: "sha256=not-hex" })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: signMeta('{"object":"other"}', SECRET) })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: signMeta(JSON.stringify(payload), SECRET, "sha1") })).status).toBe(401);
    expect(await storedIn(channel)).toHaveLength(0);
    expect(await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id))).toHaveLength(0);
  });
});

describe("WhatsApp inbound", () => {
  it("stores a text with é, Arabic, an emoji and a slash as a new conversation with the sender's name and number", async () => {
    const channel = await whatsappChannel();
    const from = nextSender();
    const body = "Bonjour, café محمد 😀 — order 4411/B?";
    const payload = textFrom(channel, from, body);
    // What travels is Meta's escaped, ASCII-only form of it.
    const wire = metaEscape(JSON.stringify(payload));
    expect(wire).toMatch(/^[\x20-\x7e]+$/);
    expect(wire).toContain("caf\\u00e9 \\u0645");
    expect(wire).toContain("\\ud83d\\ude00");
    expect(wire).toContain("4411\\/B");
    expect((await deliver(channel, payload)).status).toBe(200);

    const row = await conversationOf(channel, from);
    expect(row.identity).toMatchObject({ externalId: from, handle: `+${from}`, profileName: "Zoë Park" });
    expect(row.contact).toMatchObject({ name: "Zoë Park", phone: `+${from}` });
    expect(row.conversation.status).toBe("new");
    const [message] = await storedIn(channel);
    expect(message).toMatchObject({ direction: "in", kind: "text", body, status: "received" });
    expect(message.providerMessageId).toMatch(/^wamid\./);
  });

  it("accepts a body someone unescaped on the way by checking the escaped text (the signature fallback)", async () => {
    const channel = await whatsappChannel();
    const answer = await deliver(channel, textFrom(channel, nextSender(), "Müller 😀 / محمد"), { unescapedBody: true });
    expect(answer.status).toBe(200);
    expect((await storedIn(channel))[0].body).toBe("Müller 😀 / محمد");
  });

  it("keys a username-only sender on the BSUID and never invents a phone number", async () => {
    const channel = await whatsappChannel();
    const bsuid = "NL.8812345678901";
    const payload = envelope(channel.externalId!, {
      contacts: [{ profile: { name: "Sam", username: "sam.rivers" }, user_id: bsuid }],
      messages: [{ from_user_id: bsuid, id: wamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "hoi" } }],
    });
    expect((await deliver(channel, payload)).status).toBe(200);
    const row = await conversationOf(channel, bsuid);
    expect(row.identity).toMatchObject({ externalId: bsuid, handle: "@sam.rivers", profileName: "Sam" });
    expect(row.contact.phone).toBeNull();

    const reply = await sendReply(db(), admin, row.conversation.id, { body: "Hallo Sam" });
    expect(reply.status).toBe("sent");
    const request = lastSend().json as Record<string, unknown>;
    expect(request.recipient).toBe(bsuid);
    expect(request).not.toHaveProperty("to");
  });

  it("downloads media by id with the token and stores it; a failed download keeps a marker", async () => {
    const channel = await whatsappChannel();
    const from = nextSender();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
    const pdf = Buffer.from("%PDF-1.4 factuur");
    const imageId = fake.addMedia(jpeg, "image/jpeg");
    const pdfId = fake.addMedia(pdf, "application/pdf");
    const payload = envelope(channel.externalId!, {
      contacts: [{ profile: { name: "Zoë" }, wa_id: from }],
      messages: [
        { from, id: wamid(), timestamp: "1764000060", type: "image", image: { caption: "Deksel is kapot / 😢", mime_type: "image/jpeg", sha256: "x", id: imageId } },
        { from, id: wamid(), timestamp: "1764000061", type: "document", document: { filename: "factuur-4411.pdf", mime_type: "application/pdf", id: pdfId } },
        { from, id: wamid(), timestamp: "1764000062", type: "audio", audio: { mime_type: "audio/ogg; codecs=opus", voice: true, id: "404404" } },
      ],
    });
    expect((await deliver(channel, payload)).status).toBe(200);
    const before = await storedIn(channel);
    expect(before.map((m) => m.attachments[0]?.pendingRef)).toEqual([imageId, pdfId, "404404"]);
    expect(before[0].body).toBe("Deksel is kapot / 😢");

    await app.flush();
    const after = await db().select().from(messages).where(eq(messages.channelId, channel.id)).orderBy(messages.createdAt);
    const [image, doc, voice] = after;
    expect(image.attachments[0]).toMatchObject({ name: "image.jpg", mimeType: "image/jpeg", size: jpeg.length });
    expect((await readFile(db(), image.attachments[0].id))?.data.equals(jpeg)).toBe(true);
    expect(doc.attachments[0]).toMatchObject({ name: "factuur-4411.pdf", mimeType: "application/pdf" });
    expect((await readFile(db(), doc.attachments[0].id))?.data.equals(pdf)).toBe(true);
    expect(voice.attachments[0]).toMatchObject({ id: "", name: "voice-message.ogg", pendingRef: "404404" });
    expect(voice.attachments[0].error).toBeTruthy();

    const lookup = fake.requests.find((r) => r.path === `/v26.0/${imageId}`)!;
    expect(lookup.query.phone_number_id).toBe(channel.externalId);
    expect(lookup.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const download = fake.requests.find((r) => r.path === `/blob/${imageId}`)!;
    expect(download.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("stores locations, contact cards, button replies and unsupported types; skips reactions and system notices", async () => {
    const channel = await whatsappChannel();
    const from = nextSender();
    let second = 1764000100;
    const base = () => ({ from, timestamp: String(second++) });
    const payload = envelope(channel.externalId!, {
      contacts: [{ profile: { name: "Ana" }, wa_id: from }],
      messages: [
        { ...base(), id: wamid(), type: "location", location: { latitude: 52.3731, longitude: 4.8926, name: "Dam", address: "Dam 1, Amsterdam" } },
        {
          ...base(),
          id: wamid(),
          type: "contacts",
          contacts: [{ name: { formatted_name: "Piet Jansen" }, phones: [{ phone: "+31 6 9876 5432", wa_id: "31698765432" }] }],
        },
        { ...base(), id: wamid(), type: "interactive", interactive: { type: "button_reply", button_reply: { id: "yes", title: "Ja, graag" } } },
        { ...base(), id: wamid(), type: "unsupported", errors: [{ code: 131051, title: "Message type unknown" }] },
        { ...base(), id: wamid(), type: "order", order: { catalog_id: "1" } },
        { ...base(), id: wamid(), type: "reaction", reaction: { message_id: "wamid.X", emoji: "👍" } },
        { ...base(), id: wamid(), type: "system", system: { type: "user_changed_user_id" } },
      ],
    });
    expect((await deliver(channel, payload)).status).toBe(200);
    const stored = await db().select().from(messages).where(eq(messages.channelId, channel.id)).orderBy(messages.createdAt);
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["location", "Dam, Dam 1, Amsterdam"],
      ["contact", "Piet Jansen: +31 6 9876 5432"],
      ["text", "Ja, graag"],
      ["text", "Unsupported message type: Message type unknown"],
      ["text", "Unsupported message type: order"],
    ]);
    expect(stored[0].payload).toMatchObject({ latitude: 52.3731, longitude: 4.8926 });
  });

  it("stores a repeated delivery once, also when five copies arrive at the same moment", async () => {
    const channel = await whatsappChannel();
    const payload = textFrom(channel, nextSender(), "dubbel");
    expect((await deliver(channel, payload)).status).toBe(200);
    expect((await deliver(channel, payload)).status).toBe(200);
    expect(await storedIn(channel)).toHaveLength(1);

    const racing = textFrom(channel, nextSender(), "tegelijk");
    const answers = await fake.deliverConcurrently(5, racing, { url: app.webhookUrl(channel), secret: SECRET });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await storedIn(channel)).filter((m) => m.body === "tegelijk")).toHaveLength(1);
    const identities = await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id));
    expect(identities).toHaveLength(2);
  });

  it("routes an event for another number of the same app to that number's channel, and skips unknown numbers", async () => {
    const a = await whatsappChannel();
    const b = await whatsappChannel();
    const other = await whatsappChannel({ secret: "a-different-app-secret" });
    const from = nextSender();
    // Posted to A's URL, but for B's number.
    expect((await deliver(a, textFrom(b, from, "voor nummer B"))).status).toBe(200);
    expect(await storedIn(a)).toHaveLength(0);
    expect((await storedIn(b)).map((m) => m.body)).toEqual(["voor nummer B"]);
    // A channel with another app secret is not a sibling: its events are not taken from A's URL.
    expect((await deliver(a, textFrom(other, nextSender(), "andere app"))).status).toBe(200);
    expect(await storedIn(other)).toHaveLength(0);
    // No channel has this number at all.
    expect((await deliver(a, envelope("999999999999", { messages: [{ from, id: wamid(), type: "text", text: { body: "?" } }] }))).status).toBe(200);
    expect(await storedIn(a)).toHaveLength(0);
  });

  it("answers malformed payloads with 4xx or a logged skip, never 500, and stores nothing half", async () => {
    const channel = await whatsappChannel();
    const url = app.webhookUrl(channel);
    const raw = async (body: string) => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signMeta(body, SECRET) }, body });
      return response.status;
    };
    expect(await raw("{not json")).toBe(400);
    expect(await raw("[]")).toBe(400);
    expect(await raw("null")).toBe(400);
    expect(await raw('{"entry":[]}')).toBe(400);
    expect(await raw('{"object":"whatsapp_business_account","entry":{}}')).toBe(400);
    expect(await raw('{"object":"page","entry":[]}')).toBe(200);
    expect(await raw('{"object":"whatsapp_business_account","entry":[null,1,"x",{"changes":"no"},{"changes":[null,{"field":"messages","value":[]}]}]}')).toBe(200);
    const weird = [
      envelope(channel.externalId!, { messages: [{ from: 31600000001, id: 5, type: "text", text: { body: 1 } }] }),
      envelope(channel.externalId!, { messages: [{ id: wamid(), type: "text", text: { body: "no sender" } }] }),
      envelope(channel.externalId!, { messages: [{ from: "31600000002", id: wamid(), type: "text" }] }),
      envelope(channel.externalId!, { messages: [{ from: "31600000003", id: wamid(), type: "image", image: { mime_type: "image/png" } }] }),
      envelope(channel.externalId!, { statuses: [{ id: "wamid.X", status: "deleted" }, { status: "read" }], contacts: "nope" }),
      envelope(channel.externalId!, { errors: [{ code: 131000, title: "Something went wrong" }] }),
      { object: "whatsapp_business_account", entry: [{ id: WABA, changes: [{ field: "message_template_status_update", value: { event: "APPROVED" } }] }] },
      { object: "whatsapp_business_account", entry: [{ id: WABA, changes: [{ field: "messages", value: { unknown: { deeply: ["nested"] } } }] }], extra: true },
    ];
    for (const payload of weird) expect((await deliver(channel, payload)).status).toBe(200);
    const big = JSON.stringify(textFrom(channel, nextSender(), "x".repeat(5 * 1024 * 1024)));
    expect(await raw(big)).toBe(413);
    expect(await storedIn(channel)).toHaveLength(0);
    expect(await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id))).toHaveLength(0);
  });
});

describe("WhatsApp replies and statuses", () => {
  it("sends a reply as exactly the documented request", async () => {
    const channel = await whatsappChannel();
    const { conversation, from } = await customer(channel);
    const result = await sendReply(db(), admin, conversation.id, { body: "Uw pakket is onderweg. Ça va? 😀" });
    expect(result.status).toBe("sent");
    const request = lastSend();
    expect(request.method).toBe("POST");
    expect(request.path).toBe(`/v26.0/${channel.externalId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.json).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: from,
      type: "text",
      text: { preview_url: false, body: "Uw pakket is onderweg. Ça va? 😀" },
    });
    const [message] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(message.status).toBe("sent");
    expect(message.providerMessageId).toMatch(/^wamid\.FAKE/);
  });

  it("uploads files to /media and sends them by id, with the text as the first caption", async () => {
    const channel = await whatsappChannel();
    const { conversation, from } = await customer(channel);
    const png = await putFile(db(), { name: "foto.png", mimeType: "image/png", data: Buffer.from("png-bytes"), conversationId: conversation.id });
    const pdf = await putFile(db(), { name: "factuur.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF"), conversationId: conversation.id });
    const result = await sendReply(db(), admin, conversation.id, { body: "Zie bijlagen", fileIds: [png.id, pdf.id] });
    expect(result.status).toBe("sent");
    const graph = fake.graphRequests();
    const uploads = graph.filter((r) => r.path.endsWith("/media"));
    expect(uploads).toHaveLength(2);
    expect(uploads[0].headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(uploads[0].form).toEqual({ messaging_product: "whatsapp", type: "image/png" });
    expect(uploads[0].files?.[0]).toMatchObject({ field: "file", name: "foto.png", type: "image/png" });
    expect(uploads[0].files?.[0].data.toString()).toBe("png-bytes");
    const sends = graph.filter((r) => r.path.endsWith("/messages"));
    expect(sends.map((r) => r.json)).toEqual([
      { messaging_product: "whatsapp", recipient_type: "individual", to: from, type: "image", image: { id: expect.any(String), caption: "Zie bijlagen" } },
      { messaging_product: "whatsapp", recipient_type: "individual", to: from, type: "document", document: { id: expect.any(String), filename: "factuur.pdf" } },
    ]);
    expect(fake.uploads.get((sends[0].json as { image: { id: string } }).image.id)?.data.toString()).toBe("png-bytes");
  });

  it("marks a synchronous 131047 failed with Meta's reason, and Retry sends it again", async () => {
    const channel = await whatsappChannel();
    const { conversation } = await customer(channel);
    fake.failNext(
      (r) => r.path.endsWith("/messages"),
      {
        status: 400,
        body: graphError(131047, "(#131047) Re-engagement message", {
          details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        }),
      },
    );
    const failed = await sendReply(db(), admin, conversation.id, { body: "Nog vragen?" });
    expect(failed.status).toBe("failed");
    const [row] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "131047" });
    expect(row.errorText).toContain("send an approved template");
    expect(row.errorText).toContain("more than 24 hours have passed");

    const retried = await retryMessage(db(), admin, failed.messageId);
    expect(retried.status).toBe("sent");
    const [again] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(again).toMatchObject({ status: "sent", errorCode: null, errorText: null });
  });

  it("marks a message failed when a 200 is followed by a failed status webhook, and Retry resends it", async () => {
    const channel = await whatsappChannel();
    const { conversation } = await customer(channel);
    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: [], when: "after" };
    fake.failNext((r) => r.path.endsWith("/messages"), { asyncFailure: { code: 131026, title: "Message undeliverable" } });
    const result = await sendReply(db(), admin, conversation.id, { body: "Hallo?" });
    expect(result.status).toBe("sent");
    await fake.settled();
    const [row] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "131026" });
    expect(row.errorText).toContain("Message undeliverable");

    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["sent", "delivered"], when: "after" };
    expect((await retryMessage(db(), admin, result.messageId)).status).toBe("sent");
    await fake.settled();
    const [again] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(again.status).toBe("delivered");
  });

  it("moves the status forward with receipts, ignores older ones arriving late, and applies early ones", async () => {
    const channel = await whatsappChannel();
    const { conversation } = await customer(channel);
    const statusOf = async (id: string) => (await db().select().from(messages).where(eq(messages.id, id)))[0].status;

    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["sent", "delivered", "read"], when: "after" };
    const inOrder = await sendReply(db(), admin, conversation.id, { body: "één" });
    await fake.settled();
    expect(await statusOf(inOrder.messageId)).toBe("read");

    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["read", "delivered", "sent"], when: "after" };
    const reversed = await sendReply(db(), admin, conversation.id, { body: "twee" });
    await fake.settled();
    expect(await statusOf(reversed.messageId)).toBe("read");

    // The receipts arrive before the send has answered: kept as pending, applied once the id is stored.
    fake.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["sent", "delivered"], when: "before" };
    const early = await sendReply(db(), admin, conversation.id, { body: "drie" });
    expect(await statusOf(early.messageId)).toBe("delivered");
    const [message] = await db().select().from(messages).where(eq(messages.id, early.messageId));
    expect(await db().select().from(pendingStatuses).where(eq(pendingStatuses.providerMessageId, message.providerMessageId!))).toHaveLength(0);

    // A failure after delivery (another device) does not undo it.
    const late = envelope(channel.externalId!, {
      statuses: [{ id: message.providerMessageId, status: "failed", timestamp: "1764000300", errors: [{ code: 131026, title: "Undeliverable" }] }],
    });
    expect((await deliver(channel, late)).status).toBe(200);
    expect(await statusOf(early.messageId)).toBe("delivered");
  });
});

describe("WhatsApp window and templates", () => {
  async function seedTemplates(channel: Channel) {
    fake.state.templates = [
      {
        name: "order_update",
        language: "nl",
        status: "APPROVED",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Hallo {{1}}, uw bestelling {{2}} is onderweg." }],
      },
      { name: "order_update", language: "en", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Hi {{1}}, order {{2}} is on its way." }] },
      { name: "promo_spring", language: "en", status: "REJECTED", category: "MARKETING", components: [{ type: "BODY", text: "Spring sale!" }] },
      {
        name: "greeting_named",
        language: "en",
        status: "APPROVED",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Hello {{first_name}}!" }],
        parameter_format: "NAMED",
      },
      {
        name: "with_image",
        language: "en",
        status: "APPROVED",
        category: "MARKETING",
        components: [{ type: "HEADER", format: "IMAGE" }, { type: "BODY", text: "Look" }],
      },
    ];
    return syncTemplates(db(), admin, channel.id);
  }

  it("syncs the template list across pages, keeps only Meta's, and is for admins only", async () => {
    const channel = await whatsappChannel();
    expect(await seedTemplates(channel)).toEqual({ synced: 5, removed: 0 });
    const pages = fake.graphRequests().filter((r) => r.path === `/v26.0/${WABA}/message_templates`);
    expect(pages).toHaveLength(3);
    expect(pages[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(pages[0].query.fields).toBe("name,language,status,category,components");
    const approved = await listApprovedTemplates(db(), channel.id);
    expect(approved.map((t) => `${t.name}/${t.language}`)).toEqual(["greeting_named/en", "order_update/en", "order_update/nl", "with_image/en"]);
    expect(approved.find((t) => t.language === "nl")?.body).toBe("Hallo {{1}}, uw bestelling {{2}} is onderweg.");

    fake.state.templates = fake.state.templates.filter((t) => t.name !== "promo_spring");
    expect(await syncTemplates(db(), admin, channel.id)).toEqual({ synced: 4, removed: 1 });

    const agent = await makeUser(db(), "agent");
    await expect(syncTemplates(db(), agent, channel.id)).rejects.toBeInstanceOf(ForbiddenError);
    fake.failNext((r) => r.path.endsWith("/message_templates"), { status: 400, body: graphError(190, "Error validating access token") });
    await expect(syncTemplates(db(), admin, channel.id)).rejects.toThrow(/access token/);
    expect(await db().select().from(templates).where(eq(templates.channelId, channel.id))).toHaveLength(4);
  });

  it("refuses free text once the 24-hour window has closed and sends a template with every placeholder filled", async () => {
    const channel = await whatsappChannel();
    await seedTemplates(channel);
    const { conversation, from } = await customer(channel, 25);
    await expect(sendReply(db(), admin, conversation.id, { body: "Nog interesse?" })).rejects.toThrow(/window is closed.*template/);

    const [template] = await db()
      .select()
      .from(templates)
      .where(and(eq(templates.channelId, channel.id), eq(templates.name, "order_update"), eq(templates.language, "nl")));
    const missing = await sendTemplate(db(), admin, conversation.id, { templateId: template.id, parameters: { "1": "Zoë" } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).fieldErrors?.["2"]).toEqual(["Fill in {{2}}."]);
    await expect(sendTemplate(db(), admin, conversation.id, { templateId: template.id, parameters: { "1": "Zoë", "2": "a\nb" } })).rejects.toThrow(UserError);

    fake.reset();
    const sent = await sendTemplate(db(), admin, conversation.id, { templateId: template.id, parameters: { "1": " Zoë ", "2": "#4411" } });
    expect(sent.status).toBe("sent");
    const request = lastSend();
    expect(request.path).toBe(`/v26.0/${channel.externalId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.json).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: from,
      type: "template",
      template: {
        name: "order_update",
        language: { code: "nl" },
        components: [{ type: "body", parameters: [{ type: "text", text: "Zoë" }, { type: "text", text: "#4411" }] }],
      },
    });
    const [message] = await db().select().from(messages).where(eq(messages.id, sent.messageId));
    expect(message).toMatchObject({ kind: "template", direction: "out", status: "sent", body: "Hallo Zoë, uw bestelling #4411 is onderweg." });
    expect(message.payload).toMatchObject({ name: "order_update", language: "nl", parameters: [{ name: "1", text: "Zoë" }, { name: "2", text: "#4411" }] });
    const [after] = await db().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after).toMatchObject({ assigneeId: admin.id, status: "waiting" });

    // Named parameters go out with their names; templates needing a header image are refused here.
    const [named] = await db().select().from(templates).where(and(eq(templates.channelId, channel.id), eq(templates.name, "greeting_named")));
    await sendTemplate(db(), admin, conversation.id, { templateId: named.id, parameters: { first_name: "Zoë" } });
    expect((lastSend().json as { template: unknown }).template).toEqual({
      name: "greeting_named",
      language: { code: "en" },
      components: [{ type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Zoë" }] }],
    });
    const [image] = await db().select().from(templates).where(and(eq(templates.channelId, channel.id), eq(templates.name, "with_image")));
    await expect(sendTemplate(db(), admin, conversation.id, { templateId: image.id, parameters: {} })).rejects.toThrow(/header needs an image/);

    // Once the customer answers, free text works again.
    expect((await deliver(channel, textFrom(channel, from, "Ja, graag"))).status).toBe(200);
    expect((await sendReply(db(), admin, conversation.id, { body: "Fijn!" })).status).toBe("sent");
  });

  it("tells what is missing when the account has no credentials, and tests the connection", async () => {
    const channel = await whatsappChannel();
    fake.setProfile(channel.externalId!, { display_phone_number: "+1 555-000-1111", verified_name: "Northwind Outfitters" });
    expect(await whatsappAdapter.testConnection!(channel)).toBe("WhatsApp number +1 555-000-1111 (Northwind Outfitters)");
    fake.failNext(() => true, { status: 401, body: graphError(190, "Error validating access token: Session has expired") });
    await expect(whatsappAdapter.testConnection!(channel)).rejects.toThrow(/access token is invalid or has expired.*Session has expired/);
  });
});

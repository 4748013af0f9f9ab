import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contactIdentities, contacts, conversations, messages } from "@/db/schema";
import { saveChannelAccount } from "@/lib/channels/accounts";
import { instagramAdapter } from "@/lib/channels/instagram/adapter";
import type { Channel } from "@/lib/channels/types";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { readFile } from "@/lib/storage/files";
import { setupTestDb } from "@/test/db";
import { makeUser } from "@/test/factories";
import { graphError, startMetaFake, type MetaFake } from "@/test/fakes/meta";
import { startWebhookApp } from "@/test/fakes/meta-app";
import type { CurrentUser } from "@/lib/users";

const db = setupTestDb();
const SECRET = "instagram-app-secret";
const IG_TOKEN = "IGAA-instagram-user-token-0001";
const PAGE_TOKEN = "EAAPage-token-for-instagram-0001";
const HOUR = 3_600_000;

// Two fakes, so a test can tell graph.facebook.com (Facebook Login) from graph.instagram.com (Instagram Login).
let facebook: MetaFake;
let instagram: MetaFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let admin: CurrentUser;
let accountCounter = 100;
let igsidCounter = 100;
let midCounter = 0;

beforeAll(async () => {
  facebook = await startMetaFake();
  instagram = await startMetaFake();
  facebook.state.tokens.add(PAGE_TOKEN);
  instagram.state.tokens.add(IG_TOKEN);
  process.env.META_GRAPH_URL = facebook.graphUrl;
  process.env.INSTAGRAM_GRAPH_URL = instagram.graphUrl;
  app = await startWebhookApp(db);
  admin = await makeUser(db(), "admin");
});

afterAll(async () => {
  delete process.env.META_GRAPH_URL;
  delete process.env.INSTAGRAM_GRAPH_URL;
  await app.close();
  await facebook.close();
  await instagram.close();
});

beforeEach(() => {
  facebook.reset();
  instagram.reset();
});

/** Instagram Login by default; with `viaPage`, the Facebook Login flavour through a linked Page. */
async function instagramChannel(options: { viaPage?: boolean } = {}): Promise<Channel> {
  const n = accountCounter++;
  const igId = `1784140000000${n}`;
  return saveChannelAccount(db(), admin, {
    kind: "instagram",
    name: `@northwind_${n}`,
    teamId: null,
    config: {
      igId,
      ...(options.viaPage ? { pageId: `11223344556${n}`, accessToken: PAGE_TOKEN } : { accessToken: IG_TOKEN }),
      appSecret: SECRET,
      verifyToken: "ig-verify-0001",
    },
  });
}

const nextIgsid = () => `53412345678${String(igsidCounter++).padStart(5, "0")}`;
const mid = () => `aWdfZAG1faXRlbToxOk${Date.now()}${midCounter++}`;

function ig(channel: Channel, items: Record<string, unknown>[]) {
  return { object: "instagram", entry: [{ id: channel.externalId, time: Date.now(), messaging: items }] };
}

function item(channel: Channel, igsid: string, event: Record<string, unknown>, at = Date.now()) {
  return { sender: { id: igsid }, recipient: { id: channel.externalId }, timestamp: at, ...event };
}

const deliver = (channel: Channel, payload: unknown, options: { secret?: string; signature?: string | null } = {}) =>
  instagram.deliver(payload, { url: app.webhookUrl(channel), secret: options.secret ?? SECRET, ...options });

const storedIn = (channel: Channel) => db().select().from(messages).where(eq(messages.channelId, channel.id)).orderBy(messages.createdAt);

async function conversationOf(channel: Channel, igsid: string) {
  const [row] = await db()
    .select({ conversation: conversations, identity: contactIdentities, contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, igsid)));
  return row;
}

async function customer(channel: Channel, hoursAgo = 0) {
  const igsid = nextIgsid();
  expect((await deliver(channel, ig(channel, [item(channel, igsid, { message: { mid: mid(), text: "Heb je deze in maat M?" } }, Date.now() - hoursAgo * HOUR)]))).status).toBe(200);
  return { igsid, ...(await conversationOf(channel, igsid)) };
}

const sendsTo = (fake: MetaFake) => fake.graphRequests().filter((r) => r.method === "POST" && r.path.endsWith("/messages"));

describe("Instagram inbound", () => {
  it("stores a DM with é, Arabic, an emoji and a slash, and takes name and @username from the profile API", async () => {
    const channel = await instagramChannel();
    const igsid = nextIgsid();
    instagram.setProfile(igsid, { name: "Zoë Park", username: "zoe.park" });
    const body = "Heb je deze in maat M? café محمد 😀 38/39";
    expect((await deliver(channel, ig(channel, [item(channel, igsid, { message: { mid: mid(), text: body } })]))).status).toBe(200);
    await app.flush();
    const row = await conversationOf(channel, igsid);
    expect(row.identity).toMatchObject({ profileName: "Zoë Park", handle: "@zoe.park" });
    expect(row.contact.name).toBe("Zoë Park");
    expect((await storedIn(channel))[0]).toMatchObject({ direction: "in", kind: "text", body });
    const lookup = instagram.requests.find((r) => r.path === `/v26.0/${igsid}`)!;
    expect(lookup.query.fields).toBe("name,username");
    expect(lookup.headers.authorization).toBe(`Bearer ${IG_TOKEN}`);
  });

  it("accepts the dashboard's `changes` shape, downloads media, and describes stories, reels and unsupported content", async () => {
    const channel = await instagramChannel();
    const igsid = nextIgsid();
    const png = Buffer.from("\x89PNG-bytes");
    const url = instagram.addCdnFile("photo.png", png, "image/png");
    const t = Date.now() - 10_000;
    const photoMid = mid();
    const payload = {
      object: "instagram",
      entry: [
        {
          id: channel.externalId,
          time: t,
          messaging: [
            item(channel, igsid, { message: { mid: photoMid, attachments: [{ type: "image", payload: { url } }] } }, t),
            item(channel, igsid, { message: { mid: mid(), attachments: [{ type: "story_mention", payload: { url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1" } }] } }, t + 1000),
            item(channel, igsid, { message: { mid: mid(), attachments: [{ type: "ig_reel", payload: { title: "Spring drop", url: "https://www.instagram.com/reel/x" } }] } }, t + 2000),
            item(channel, igsid, { message: { mid: mid(), is_unsupported: true } }, t + 3000),
            item(channel, igsid, { message: { mid: mid(), is_deleted: true } }, t + 4000),
          ],
          changes: [{ field: "messages", value: item(channel, igsid, { message: { mid: mid(), text: "test event" } }, t + 5000) }],
        },
      ],
    };
    expect((await deliver(channel, payload)).status).toBe(200);
    await app.flush();
    const stored = await storedIn(channel);
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["media", ""],
      ["text", "Mentioned you in their story https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"],
      ["text", "Shared a link: Spring drop https://www.instagram.com/reel/x"],
      ["text", "Unsupported message type: unsupported"],
      ["text", "test event"],
    ]);
    expect(stored[0].attachments[0]).toMatchObject({ name: "photo.png", mimeType: "image/png", size: png.length });
    expect((await readFile(db(), stored[0].attachments[0].id))?.data.equals(png)).toBe(true);

    // The customer unsends the photo: what they sent is gone, that they sent something stays.
    const fileId = stored[0].attachments[0].id;
    expect((await deliver(channel, ig(channel, [item(channel, igsid, { message: { mid: photoMid, is_deleted: true } })]))).status).toBe(200);
    const [unsent] = await db().select().from(messages).where(eq(messages.id, stored[0].id));
    expect(unsent).toMatchObject({ body: "", attachments: [], payload: { unsent: true }, direction: "in" });
    expect(await readFile(db(), fileId)).toBeFalsy();
    expect((await storedIn(channel)).map((m) => m.body).slice(1)).toEqual(stored.slice(1).map((m) => m.body));
  });

  it("refuses bad signatures, stores one message per mid, stores echoes as ours, answers the handshake", async () => {
    const channel = await instagramChannel();
    const igsid = nextIgsid();
    const payload = ig(channel, [item(channel, igsid, { message: { mid: mid(), text: "hoi" } })]);
    expect((await deliver(channel, payload, { secret: "facebook-app-secret" })).status).toBe(401);
    expect((await deliver(channel, payload, { signature: null })).status).toBe(401);
    expect(await storedIn(channel)).toHaveLength(0);
    expect((await deliver(channel, payload)).status).toBe(200);
    expect((await deliver(channel, payload)).status).toBe(200);
    const racing = ig(channel, [item(channel, nextIgsid(), { message: { mid: mid(), text: "tegelijk" } })]);
    expect((await instagram.deliverConcurrently(5, racing, { url: app.webhookUrl(channel), secret: SECRET })).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const echo = { sender: { id: channel.externalId }, recipient: { id: igsid }, timestamp: Date.now(), message: { mid: mid(), is_echo: true, text: "van ons" } };
    expect((await deliver(channel, ig(channel, [echo]))).status).toBe(200);
    // An echo is what the business sent from Instagram itself: stored as ours, never as the customer's.
    expect((await storedIn(channel)).map((m) => [m.direction, m.body])).toEqual([
      ["in", "hoi"],
      ["in", "tegelijk"],
      ["out", "van ons"],
    ]);

    const url = app.webhookUrl(channel);
    expect((await instagram.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "ig-verify-0001", "hub.challenge": "987" })).text).toBe("987");
    expect((await instagram.handshake(url, { "hub.mode": "subscribe", "hub.verify_token": "ig-verify-0002", "hub.challenge": "987" })).status).toBe(403);
    for (const body of [{ object: "instagram" }, { object: "instagram", entry: [{ id: 1, messaging: [{ message: "x" }] }] }, { object: "page", entry: [] }]) {
      expect((await deliver(channel, body)).status).toBeLessThan(500);
    }
  });
});

describe("Instagram replies", () => {
  it("sends through graph.instagram.com with Instagram Login, and through the Page on graph.facebook.com with Facebook Login", async () => {
    const direct = await instagramChannel();
    const a = await customer(direct);
    expect((await sendReply(db(), admin, a.conversation.id, { body: "Ja, maat M is er nog! 😀" })).status).toBe("sent");
    const [request] = sendsTo(instagram);
    expect(request.path).toBe(`/v26.0/${direct.externalId}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${IG_TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.json).toEqual({ recipient: { id: a.igsid }, messaging_type: "RESPONSE", message: { text: "Ja, maat M is er nog! 😀" } });
    expect(sendsTo(facebook)).toHaveLength(0);

    const viaPage = await instagramChannel({ viaPage: true });
    const b = await customer(viaPage);
    expect((await sendReply(db(), admin, b.conversation.id, { body: "Hallo" })).status).toBe("sent");
    const [pageRequest] = sendsTo(facebook);
    const { pageId } = (viaPage.settings ?? {}) as { pageId?: string };
    expect(pageRequest.path).toBe(`/v26.0/${pageId}/messages`);
    expect(pageRequest.headers.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
  });

  it("refuses text over 1000 bytes with a clear reason, and sends with HUMAN_AGENT after 24 hours", async () => {
    const channel = await instagramChannel();
    const { conversation, igsid } = await customer(channel, 30);
    const long = await sendReply(db(), admin, conversation.id, { body: "محمد ".repeat(120) });
    expect(long).toMatchObject({ status: "failed", error: expect.stringMatching(/at most 1000 bytes/) });
    expect(sendsTo(instagram)).toHaveLength(0);
    expect((await sendReply(db(), admin, conversation.id, { body: "Sorry voor het wachten" })).status).toBe("sent");
    expect(sendsTo(instagram)[0].json).toEqual({ recipient: { id: igsid }, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { text: "Sorry voor het wachten" } });
  });

  it("marks a provider error failed and Retry resends it; read receipts name the message, also before the send's answer", async () => {
    const channel = await instagramChannel();
    instagram.setAccount(channel.externalId!, "instagram");
    const { conversation } = await customer(channel);
    instagram.failNext(() => true, { status: 400, body: graphError(551, "This person isn't available right now.", { subcode: 1545041 }) });
    const failed = await sendReply(db(), admin, conversation.id, { body: "Hallo?" });
    const [row] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "551" });
    expect(row.errorText).toContain("isn't available right now");
    expect((await retryMessage(db(), admin, failed.messageId)).status).toBe("sent");

    const statusOf = async (id: string) => (await db().select().from(messages).where(eq(messages.id, id)))[0].status;
    instagram.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["read"], when: "after" };
    const read = await sendReply(db(), admin, conversation.id, { body: "gelezen?" });
    await instagram.settled();
    expect(await statusOf(read.messageId)).toBe("read");
    instagram.state.statusPlan = { url: app.webhookUrl(channel), secret: SECRET, sequence: ["read"], when: "before" };
    const early = await sendReply(db(), admin, conversation.id, { body: "vroeg gelezen?" });
    expect(await statusOf(early.messageId)).toBe("read");
  });

  it("tests the connection on the flavour's own host", async () => {
    const channel = await instagramChannel();
    instagram.setProfile(channel.externalId!, { username: "northwind" });
    expect(await instagramAdapter.testConnection!(channel)).toBe("Instagram account @northwind (Instagram Login)");
  });
});

import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channels, contactIdentities, contacts, conversationEvents, conversations, messages } from "@/db/schema";
import { splitConfig } from "@/lib/channels/config";
import { emailAdapter } from "@/lib/channels/email/adapter";
import { emailWebhookUrl, type EmailConfig } from "@/lib/channels/email/config";
import type { Channel } from "@/lib/channels/types";
import { handleWebhook, type Defer } from "@/lib/channels/webhook";
import { archive, pickUp } from "@/lib/conversations/lifecycle";
import { storeOutbound } from "@/lib/conversations/outbound";
import { deliver, retryMessage, sendReply } from "@/lib/conversations/reply";
import { putFile, readFile } from "@/lib/storage/files";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser, updateSettings } from "@/test/factories";
import { createMailDeliverer, postmarkPayload, rawMime } from "@/test/fakes/postmark";
import { startSmtpFake, type SmtpFake } from "@/test/fakes/smtp";

const db = setupTestDb();
const deferred: Promise<unknown>[] = [];
const defer: Defer = (task) => void deferred.push(task());
let smtp: SmtpFake;

const deliverer = createMailDeliverer(async (req) => {
  const channelId = new URL(req.url).pathname.split("/").pop()!;
  return (await handleWebhook(db(), req, "email", channelId, defer)).response;
});

beforeAll(async () => {
  smtp = await startSmtpFake({ user: "mailer", password: "smtp-secret" });
});
afterAll(async () => {
  await Promise.allSettled(deferred);
  await smtp.close();
});
beforeEach(() => smtp.reset());

let counter = 0;
async function emailChannel(overrides: Record<string, string> = {}) {
  const n = ++counter;
  const config = emailAdapter.config.parse({
    inboundAddress: `support${n}@acme.test`,
    fromName: "Acme Support",
    smtpHost: smtp.host,
    smtpPort: String(smtp.port),
    smtpUser: "mailer",
    smtpPassword: "smtp-secret",
    webhookUser: "postmark",
    webhookPassword: `webhook-secret-${n}-0123456789`,
    ...overrides,
  }) as EmailConfig;
  const { settings, credentials } = splitConfig(emailAdapter.fields, config);
  const channel = await makeChannel(db(), "email", { settings, credentials, externalId: config.inboundAddress });
  const url = emailWebhookUrl(`https://app.example.test/api/webhooks/email/${channel.id}`, config);
  return { channel, config, url };
}

async function messagesOf(channel: Channel) {
  return db().select().from(messages).where(eq(messages.channelId, channel.id)).orderBy(messages.createdAt);
}

async function onlyMessage(channel: Channel) {
  const rows = await messagesOf(channel);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function conversationOf(id: string) {
  const [row] = await db().select().from(conversations).where(eq(conversations.id, id));
  return row;
}

const customer = { from: "Ana.Silva@Example.org", fromName: "Ana Silva" };

describe("e-mail inbound", () => {
  it("stores a Postmark mail with its attachment: contact, conversation, folded quote, sanitised HTML, file", async () => {
    const { channel, url, config } = await emailChannel();
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const { status, body } = await deliverer.postmark(
      url,
      postmarkPayload({
        ...customer,
        to: config.inboundAddress,
        subject: "Order #4411",
        text: "Where is my parcel?\n\nOn Sun, Nov 23, 2026 at 9:00 AM Acme <support@acme.test> wrote:\n> It has shipped.",
        html: '<p onclick="x()">Where is my parcel?</p><script>alert(1)</script><img src="https://t.example/p.gif">',
        messageId: "<first@mail.example.org>",
        attachments: [{ name: "photo.jpg", contentType: "image/jpeg", content: photo }],
      }),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, received: 1 });

    const message = await onlyMessage(channel);
    expect(message).toMatchObject({ direction: "in", kind: "media", body: "Where is my parcel?", providerMessageId: "<first@mail.example.org>" });
    expect(message.payload).toMatchObject({ subject: "Order #4411", messageId: "<first@mail.example.org>" });
    expect(message.payload?.quoted).toContain("> It has shipped.");
    expect(message.payload?.html).toBe('<p>Where is my parcel?</p><img data-remote-src="https://t.example/p.gif" />');
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment).toMatchObject({ name: "photo.jpg", mimeType: "image/jpeg", size: photo.length });
    const file = await readFile(db(), attachment.id);
    expect(file?.data.equals(photo)).toBe(true);
    expect(file?.conversationId).toBe(message.conversationId);

    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id));
    expect(identity).toMatchObject({ externalId: "ana.silva@example.org", handle: "ana.silva@example.org", profileName: "Ana Silva" });
    const [contact] = await db().select().from(contacts).where(eq(contacts.id, identity.contactId));
    expect(contact).toMatchObject({ name: "Ana Silva", email: "ana.silva@example.org" });
    const conversation = await conversationOf(message.conversationId);
    expect(conversation).toMatchObject({ status: "new", channelId: channel.id, lastMessagePreview: "Where is my parcel?" });
  });

  it("stores a raw MIME mail with several attachments and its cc", async () => {
    const { channel, url, config } = await emailChannel();
    const raw = await rawMime({
      from: "bo@example.org",
      fromName: "Bo Berg",
      to: config.inboundAddress,
      cc: ["carl@example.org"],
      subject: "Invoice",
      text: "Both files attached.",
      messageId: "<raw-first@example.org>",
      attachments: [
        { name: "invoice.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4 fake") },
        { name: "notes.txt", contentType: "text/plain", content: Buffer.from("plain notes") },
      ],
    });
    expect((await deliverer.raw(url, raw)).status).toBe(200);
    const message = await onlyMessage(channel);
    expect(message.payload).toMatchObject({ subject: "Invoice", cc: ["carl@example.org"] });
    expect(message.attachments.map((a) => a.name)).toEqual(["invoice.pdf", "notes.txt"]);
    expect((await readFile(db(), message.attachments[1].id))?.data.toString()).toBe("plain notes");
  });

  it("answers 401 to wrong, missing or another channel's credentials and stores nothing", async () => {
    const { channel, url, config } = await emailChannel();
    const other = await emailChannel();
    const payload = postmarkPayload({ ...customer, to: config.inboundAddress, text: "hello" });
    const basic = (v: string) => `Basic ${Buffer.from(v).toString("base64")}`;
    const wrong = [
      null,
      basic(`postmark:${config.webhookPassword}x`),
      basic(`other:${config.webhookPassword}`),
      basic("postmark"),
      `Bearer ${config.webhookPassword}`,
      "Basic !!!",
    ];
    for (const authorization of wrong) {
      expect((await deliverer.postmark(url, payload, { authorization })).status, String(authorization)).toBe(401);
    }
    // The other channel's own (valid) URL credentials do not open this channel.
    const foreign = new URL(other.url);
    foreign.pathname = `/api/webhooks/email/${channel.id}`;
    expect((await deliverer.postmark(foreign.toString(), payload)).status).toBe(401);
    expect((await deliverer.raw(foreign.toString(), await rawMime({ ...customer, to: config.inboundAddress, text: "x" }))).status).toBe(401);
    expect(await messagesOf(channel)).toHaveLength(0);
    expect(await db().select().from(contactIdentities).where(eq(contactIdentities.channelId, channel.id))).toHaveLength(0);
  });

  it("stores the same mail once, however often it is delivered", async () => {
    const { channel, url, config } = await emailChannel();
    const payload = postmarkPayload({ ...customer, to: config.inboundAddress, text: "once", messageId: "<dup@example.org>" });
    const first = await deliverer.postmark(url, payload);
    const again = await deliverer.postmark(url, payload);
    expect([first.status, again.status]).toEqual([200, 200]);
    // The same mail also arriving as raw MIME (a second route) is the same Message-ID.
    const raw = await rawMime({ ...customer, to: config.inboundAddress, text: "once", messageId: "<dup@example.org>" });
    expect((await deliverer.raw(url, raw)).status).toBe(200);
    // Without a Message-ID: Postmark's MessageID, or the bytes' hash, is the key.
    const bare = postmarkPayload({ ...customer, to: config.inboundAddress, text: "no id", messageId: null });
    await deliverer.postmark(url, bare);
    await deliverer.postmark(url, bare);
    const bareRaw = await rawMime({ ...customer, to: config.inboundAddress, text: "no id raw", messageId: null });
    await deliverer.raw(url, bareRaw);
    await deliverer.raw(url, bareRaw);
    // Concurrent deliveries of one mail race on the unique key; one wins.
    const racing = postmarkPayload({ ...customer, to: config.inboundAddress, text: "race", messageId: "<race@example.org>" });
    const statuses = await Promise.all([1, 2, 3].map(() => deliverer.postmark(url, racing).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    const stored = await messagesOf(channel);
    expect(stored.map((m) => m.body).sort()).toEqual(["no id", "no id raw", "once", "race"]);
  });

  it("answers malformed mail, missing fields and oversized bodies with a 4xx and stores nothing", async () => {
    const { channel, url, config } = await emailChannel();
    const cases: [string | Buffer, "postmark" | "raw", number][] = [
      ["{not json", "postmark", 400],
      ["[]", "postmark", 400],
      [JSON.stringify({ Subject: "no sender", TextBody: "hi" }), "postmark", 400],
      [JSON.stringify({ From: 42, TextBody: "hi" }), "postmark", 400],
      [JSON.stringify({ From: "a@example.org", Attachments: [{ Name: "x", Content: "%%%" }] }), "postmark", 400],
      ["", "raw", 400],
      ["garbage that is not MIME", "raw", 400],
      ["Subject: no sender\r\n\r\nbody", "raw", 400],
    ];
    for (const [body, kind, status] of cases) {
      const result = kind === "postmark" ? await deliverer.postmark(url, body as string) : await deliverer.raw(url, body);
      expect(result.status, String(body)).toBe(status);
      expect(result.body).toMatchObject({ error: expect.any(String) });
    }
    const huge = await rawMime({
      ...customer,
      to: config.inboundAddress,
      text: "big",
      attachments: [{ name: "video.mp4", contentType: "video/mp4", content: Buffer.alloc(30 * 1024 * 1024, 7) }],
    });
    expect((await deliverer.raw(url, huge)).status).toBe(413);
    expect(await messagesOf(channel)).toHaveLength(0);
  });

  it("skips mail from the account's own address (a forwarding loop) with a 200", async () => {
    const { channel, url, config } = await emailChannel();
    const { status, body } = await deliverer.postmark(url, postmarkPayload({ from: config.inboundAddress, to: config.inboundAddress, text: "loop" }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ received: 0 });
    expect(await messagesOf(channel)).toHaveLength(0);
  });

  it("drops mail for a deactivated account without storing it", async () => {
    const { channel, url, config } = await emailChannel();
    await db().update(channels).set({ active: false }).where(eq(channels.id, channel.id));
    const { status } = await deliverer.postmark(url, postmarkPayload({ ...customer, to: config.inboundAddress, text: "anyone?" }));
    expect(status).toBe(200);
    expect(await messagesOf(channel)).toHaveLength(0);
  });
});

describe("e-mail replies and threading", () => {
  it("replies over SMTP with the threading headers, subject and files; the customer's answer threads back, also after archiving", async () => {
    const { channel, url, config } = await emailChannel();
    const agent = await makeUser(db(), "admin");
    await deliverer.postmark(
      url,
      postmarkPayload({
        ...customer,
        to: config.inboundAddress,
        subject: "Order #4411",
        text: "Where is my parcel?",
        messageId: "<q1@mail.example.org>",
        references: ["<root@mail.example.org>"],
      }),
    );
    const [inbound] = await messagesOf(channel);
    const conversationId = inbound.conversationId;
    await pickUp(db(), agent, conversationId);
    const label = await putFile(db(), { name: "label.pdf", mimeType: "application/pdf", data: Buffer.from("%PDF label"), conversationId });

    const result = await sendReply(db(), agent, conversationId, { body: "It left our warehouse today.\n<Tracking> follows & soon.", fileIds: [label.id] });
    expect(result.status).toBe("sent");
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    const expectedId = `<sb-${result.messageId}@acme.test>`;
    expect(mail.user).toBe("mailer");
    expect(mail.envelope).toEqual({ from: config.inboundAddress, to: ["ana.silva@example.org"] });
    expect(mail.parsed.from?.value[0]).toMatchObject({ name: "Acme Support", address: config.inboundAddress });
    expect(mail.parsed.subject).toBe("Re: Order #4411");
    expect(mail.parsed.messageId).toBe(expectedId);
    expect(mail.parsed.inReplyTo).toBe("<q1@mail.example.org>");
    expect(mail.parsed.references).toEqual(["<root@mail.example.org>", "<q1@mail.example.org>"]);
    expect(mail.parsed.text?.trim()).toBe("It left our warehouse today.\n<Tracking> follows & soon.");
    expect(mail.parsed.html).toContain("It left our warehouse today.<br>\n&#60;Tracking&#62; follows &#38; soon.");
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([["label.pdf", "application/pdf", "%PDF label"]]);

    const [reply] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(reply).toMatchObject({ status: "sent", providerMessageId: expectedId });
    expect(reply.payload).toMatchObject({ subject: "Re: Order #4411", messageId: expectedId, inReplyTo: "<q1@mail.example.org>" });

    // The customer answers our mail: it joins the conversation.
    const answer = await rawMime({
      ...customer,
      to: config.inboundAddress,
      subject: "Re: Order #4411",
      text: `Thanks!\n\nOn Mon, Nov 24, 2026 at 10:00 AM Acme Support <${config.inboundAddress}> wrote:\n> It left our warehouse today.`,
      messageId: "<q2@mail.example.org>",
      inReplyTo: expectedId,
      references: ["<root@mail.example.org>", "<q1@mail.example.org>", expectedId],
    });
    expect((await deliverer.raw(url, answer)).status).toBe(200);
    const afterAnswer = await messagesOf(channel);
    expect(afterAnswer).toHaveLength(3);
    expect(afterAnswer[2]).toMatchObject({ conversationId, body: "Thanks!" });

    // Our next reply answers the customer's newest mail and carries the whole chain.
    await sendReply(db(), agent, conversationId, { body: "You're welcome." });
    expect(smtp.mails[1].parsed.inReplyTo).toBe("<q2@mail.example.org>");
    expect(smtp.mails[1].parsed.references).toEqual(["<root@mail.example.org>", "<q1@mail.example.org>", expectedId, "<q2@mail.example.org>"]);
    expect(smtp.mails[1].parsed.subject).toBe("Re: Order #4411");

    // Archived, then a reply to our mail inside the reopen window: the same conversation reopens.
    await archive(db(), agent, conversationId);
    const late = await rawMime({ ...customer, to: config.inboundAddress, subject: "Re: Order #4411", text: "One more thing.", inReplyTo: expectedId });
    expect((await deliverer.raw(url, late)).status).toBe(200);
    const reopened = await conversationOf(conversationId);
    expect(reopened.status).not.toBe("closed");
    const [event] = await db()
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, conversationId), eq(conversationEvents.type, "reopened")));
    expect(event).toBeDefined();
  });

  it("reopens the closed conversation a mail answers, not merely the newest one", async () => {
    const { channel, url, config } = await emailChannel();
    const agent = await makeUser(db(), "admin");
    await deliverer.postmark(url, postmarkPayload({ ...customer, to: config.inboundAddress, subject: "Refund", text: "Refund please", messageId: "<a1@example.org>" }));
    const [first] = await messagesOf(channel);
    const reply = await sendReply(db(), agent, first.conversationId, { body: "Refund approved." });
    const ourId = `<sb-${reply.messageId}@acme.test>`;
    await archive(db(), agent, first.conversationId);

    // A new topic after the reopen window has closed starts another conversation, which closes too.
    await updateSettings(db(), { reopenWindowHours: 0 });
    await deliverer.postmark(url, postmarkPayload({ ...customer, to: config.inboundAddress, subject: "New topic", text: "Other question", messageId: "<b1@example.org>" }));
    const second = (await messagesOf(channel)).find((m) => m.providerMessageId === "<b1@example.org>")!;
    expect(second.conversationId).not.toBe(first.conversationId);
    await archive(db(), agent, second.conversationId);
    await updateSettings(db(), { reopenWindowHours: 72 });

    // The customer answers the refund mail: the refund conversation reopens, though the other closed later.
    await deliverer.postmark(
      url,
      postmarkPayload({ ...customer, to: config.inboundAddress, subject: "Re: Refund", text: "Received, thanks", messageId: "<a2@example.org>", inReplyTo: ourId, references: ["<a1@example.org>", ourId] }),
    );
    const answer = (await messagesOf(channel)).find((m) => m.providerMessageId === "<a2@example.org>")!;
    expect(answer.conversationId).toBe(first.conversationId);
    expect((await conversationOf(second.conversationId)).status).toBe("closed");

    // Without references, the newest closed conversation inside the window reopens (the general rule).
    await archive(db(), agent, first.conversationId);
    await deliverer.postmark(url, postmarkPayload({ ...customer, to: config.inboundAddress, subject: "Hello", text: "Hello again", messageId: "<c1@example.org>" }));
    const plain = (await messagesOf(channel)).find((m) => m.providerMessageId === "<c1@example.org>")!;
    expect(plain.conversationId).toBe(first.conversationId);
  });

  it("sends the subject and cc the agent typed", async () => {
    const { channel, url, config } = await emailChannel();
    await deliverer.postmark(url, postmarkPayload({ ...customer, to: config.inboundAddress, subject: "Question", text: "Hi" }));
    const [inbound] = await messagesOf(channel);
    const stored = await db().transaction((tx) =>
      storeOutbound(tx, {
        conversationId: inbound.conversationId,
        channelId: channel.id,
        identityId: inbound.identityId,
        authorId: null,
        kind: "text",
        body: "Your invoice is attached to your account.",
        payload: { subject: "Your invoice", cc: ["boss@example.org", "not an address"] },
      }),
    );
    expect((await deliver(db(), stored.id)).status).toBe("sent");
    const [mail] = smtp.mails;
    expect(mail.parsed.subject).toBe("Your invoice");
    expect(mail.envelope.to).toEqual(["ana.silva@example.org", "boss@example.org"]);
    expect(mail.parsed.cc).toMatchObject({ value: [{ address: "boss@example.org" }] });
  });
});

describe("e-mail delivery failures", () => {
  async function conversationWithCustomer() {
    const setup = await emailChannel();
    await deliverer.postmark(setup.url, postmarkPayload({ ...customer, to: setup.config.inboundAddress, subject: "Help", text: "Help me" }));
    const [inbound] = await messagesOf(setup.channel);
    const agent = await makeUser(db(), "admin");
    await pickUp(db(), agent, inbound.conversationId);
    return { ...setup, agent, conversationId: inbound.conversationId };
  }

  it("marks a reply failed with the server's reason when SMTP refuses the recipient, and Retry resends it", async () => {
    const { agent, conversationId } = await conversationWithCustomer();
    smtp.failNext({ stage: "rcpt" });
    const failed = await sendReply(db(), agent, conversationId, { body: "Are you there?" });
    expect(failed.status).toBe("failed");
    const [row] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(row.status).toBe("failed");
    expect(row.errorCode).toBe("550");
    expect(row.errorText).toContain("550 5.1.1 <ana.silva@example.org>: Recipient address rejected: User unknown");
    expect(smtp.mails).toHaveLength(0);

    const retried = await retryMessage(db(), agent, failed.messageId);
    expect(retried.status).toBe("sent");
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].parsed.messageId).toBe(`<sb-${failed.messageId}@acme.test>`);
    const [after] = await db().select().from(messages).where(eq(messages.id, failed.messageId));
    expect(after).toMatchObject({ status: "sent", errorText: null });
  });

  it("reports a refused SMTP sign-in and an unreachable server, in the reply and in the connection test", async () => {
    const { channel, agent, conversationId } = await conversationWithCustomer();
    smtp.failNext({ stage: "auth" });
    const failed = await sendReply(db(), agent, conversationId, { body: "Hello?" });
    expect(failed.status).toBe("failed");
    expect(failed.error).toContain("refused the SMTP user name or password: 535 5.7.8 Authentication credentials invalid");

    await expect(emailAdapter.testConnection!(channel)).resolves.toContain(`Connected to 127.0.0.1:${smtp.port} as mailer`);
    smtp.failNext({ stage: "auth" });
    await expect(emailAdapter.testConnection!(channel)).rejects.toThrow(/535/);
    const { channel: unreachable } = await emailChannel({ smtpPort: "1" });
    await expect(emailAdapter.testConnection!(unreachable)).rejects.toThrow(/could not be reached/);
  });

  it("refuses more than 2 MB of attachments in total with a clear reason, before any SMTP call", async () => {
    const { agent, conversationId } = await conversationWithCustomer();
    const files = await Promise.all(
      ["a.png", "b.png"].map((name) => putFile(db(), { name, mimeType: "image/png", data: Buffer.alloc(1.5 * 1024 * 1024, 1), conversationId })),
    );
    const result = await sendReply(db(), agent, conversationId, { body: "Two photos", fileIds: files.map((f) => f.id) });
    expect(result).toMatchObject({ status: "failed", error: "E-mail attachments can be at most 2.0 MB in total; these are 3.0 MB." });
    expect(smtp.mails).toHaveLength(0);
  });

  it("maps a bounce about our reply to that reply's failure instead of storing it as a message", async () => {
    const { channel, url, config, agent, conversationId } = await conversationWithCustomer();
    const sent = await sendReply(db(), agent, conversationId, { body: "Here is your answer." });
    const ourId = `<sb-${sent.messageId}@acme.test>`;
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
      `To: ${config.inboundAddress}`,
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <bounce-2@mx.example.org>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BB"',
      "",
      "--BB",
      "Content-Type: message/delivery-status",
      "",
      "Final-Recipient: rfc822; ana.silva@example.org",
      "Action: failed",
      "Status: 5.2.2",
      "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
      "",
      "--BB",
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: ${ourId}`,
      "",
      "--BB--",
      "",
    ].join("\r\n");
    const before = (await messagesOf(channel)).length;
    expect((await deliverer.raw(url, dsn)).status).toBe(200);
    expect(await messagesOf(channel)).toHaveLength(before);
    const [row] = await db().select().from(messages).where(eq(messages.id, sent.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "5.2.2", errorText: "The recipient's mail server returned the mail: 552 5.2.2 Mailbox full" });
    const [{ n }] = await db().select({ n: count() }).from(contactIdentities).where(eq(contactIdentities.channelId, channel.id));
    expect(n).toBe(1);
  });
});

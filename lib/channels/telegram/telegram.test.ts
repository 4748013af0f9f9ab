import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channels, contactIdentities, conversations, messages } from "@/db/schema";
import { channelConfig, splitConfig } from "@/lib/channels/config";
import { outboundProblem } from "@/lib/channels/rules";
import { ALLOWED_UPDATES, telegramAdapter, telegramConfig } from "@/lib/channels/telegram/adapter";
import { sendReply, retryMessage } from "@/lib/conversations/reply";
import { putFile, readFile } from "@/lib/storage/files";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";
import { startTelegramFake, type TelegramFake } from "@/test/fakes/telegram";
import { startWebhookApp } from "@/test/fakes/webhook-app";
import type { Channel } from "@/lib/channels/types";
import type { CurrentUser } from "@/lib/users";

const TOKEN = "7012345678:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra";
const db = setupTestDb();
let fake: TelegramFake;
let app: Awaited<ReturnType<typeof startWebhookApp>>;
let channel: Channel;
let admin: CurrentUser;
let chatId = 412_345_000;

/** A Telegram account saved the way Settings saves one: the form through the adapter's config. */
async function telegramChannel(token = TOKEN) {
  const { settings, credentials } = splitConfig(telegramAdapter.fields, telegramConfig.parse({ botToken: token }));
  return makeChannel(db(), "telegram", { settings, credentials, externalId: telegramAdapter.externalId?.({ botToken: token }) ?? null });
}

function url(c: Channel = channel) {
  return app.webhookUrl("telegram", c.id);
}

function from(id: number, first = "Ana") {
  return { id, is_bot: false, first_name: first, last_name: "Silva", username: `user${id}` };
}

function textUpdate(chat: number, messageId: number, text: string) {
  return fake.update({ message: { message_id: messageId, from: from(chat), chat: { id: chat, type: "private", first_name: "Ana" }, date: 1764000000, text } });
}

async function storedFor(c: Channel = channel) {
  return db().select().from(messages).where(eq(messages.channelId, c.id)).orderBy(messages.createdAt);
}

async function conversationOf(chat: number) {
  const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, String(chat)));
  const [conversation] = await db().select().from(conversations).where(eq(conversations.identityId, identity.id));
  return { identity, conversation };
}

beforeAll(async () => {
  fake = await startTelegramFake({ token: TOKEN });
  process.env.TELEGRAM_API_URL = fake.url;
  app = await startWebhookApp(db);
  channel = await telegramChannel();
  admin = await makeUser(db(), "admin");
  await telegramAdapter.register?.(channel, url());
});

afterAll(async () => {
  await app.close();
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  chatId += 10;
});

describe("telegram: connecting", () => {
  it("generates a per-channel webhook secret, registers it with setWebhook and tests with getMe", async () => {
    const secret = channelConfig(channel).webhookSecret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(secret).not.toContain(TOKEN.split(":")[1]);
    // Secrets are encrypted: neither the token nor the secret is in the plain settings.
    expect(JSON.stringify(channel.settings)).not.toContain(secret);
    expect(channel.credentials).not.toContain(TOKEN);
    expect(channel.externalId).toBe("7012345678");
    const other = await telegramChannel();
    expect(channelConfig(other).webhookSecret).not.toBe(secret);

    expect(fake.webhook).toEqual({ url: url(), secret_token: secret, allowed_updates: ALLOWED_UPDATES, max_connections: 40 });
    await telegramAdapter.register?.(channel, url());
    const [call] = fake.calls("setWebhook");
    expect(call.path).toBe(`/bot${TOKEN}/setWebhook`);
    expect(call.headers["content-type"]).toBe("application/json");

    expect(await telegramAdapter.testConnection?.(channel)).toBe("Connected to the bot @northwind_test_bot (Northwind).");
    const wrong = await telegramChannel("7012345678:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-xx");
    await expect(telegramAdapter.testConnection?.(wrong)).rejects.toThrow(/refused the bot token.*Unauthorized/);
  });

  it("keeps the secret when the account is edited, and refuses a malformed token", () => {
    const saved = channelConfig(channel);
    const edited = telegramConfig.parse({ ...saved, botToken: TOKEN });
    expect(edited.webhookSecret).toBe(saved.webhookSecret);
    expect(telegramConfig.safeParse({ botToken: "not-a-token" }).success).toBe(false);
    expect(telegramConfig.safeParse({ botToken: TOKEN, webhookSecret: "short" }).success).toBe(false);
  });
});

describe("telegram: receiving", () => {
  it("stores a text message with the sender's name and @username, and opens a conversation", async () => {
    const update = textUpdate(chatId, 77, "Olá, preciso de ajuda");
    const answer = await fake.deliver(update, { url: url() });
    expect(answer.status).toBe(200);
    const [stored] = await storedFor();
    expect(stored).toMatchObject({ direction: "in", kind: "text", body: "Olá, preciso de ajuda", providerMessageId: `${chatId}:77`, status: "received" });
    expect(stored.createdAt.toISOString()).toBe("2025-11-24T16:00:00.077Z");
    const { identity, conversation } = await conversationOf(chatId);
    expect(identity).toMatchObject({ handle: `@user${chatId}`, profileName: "Ana Silva" });
    expect(conversation.status).toBe("new");
    await db().delete(messages).where(eq(messages.channelId, channel.id));
  });

  it("answers 401 and stores nothing without the secret or with another channel's secret", async () => {
    const other = await telegramChannel();
    const update = textUpdate(chatId, 1, "hi");
    expect((await fake.deliver(update, { url: url(), secret: null })).status).toBe(401);
    expect((await fake.deliver(update, { url: url(), secret: channelConfig(other).webhookSecret as string })).status).toBe(401);
    expect((await fake.deliver(update, { url: url(), secret: TOKEN })).status).toBe(401);
    expect((await fake.deliver(update, { url: url(), secret: `${channelConfig(channel).webhookSecret}x` })).status).toBe(401);
    expect(await storedFor()).toHaveLength(0);
  });

  it("stores a repeated update once, also when the copies arrive at the same time", async () => {
    const update = textUpdate(chatId, 80, "once");
    expect((await fake.deliver(update, { url: url() })).status).toBe(200);
    expect((await fake.deliver(update, { url: url() })).status).toBe(200);
    const raced = textUpdate(chatId, 81, "raced");
    const answers = await fake.deliverConcurrently(6, raced, { url: url() });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const stored = await storedFor();
    expect(stored.map((m) => m.body)).toEqual(["once", "raced"]);
    const { conversation } = await conversationOf(chatId);
    expect(conversation.messageCount).toBe(2);

    // An edit is keyed by its update_id: shown once, however often Telegram repeats it.
    const edit = fake.update({ edited_message: { message_id: 80, from: from(chatId), chat: { id: chatId, type: "private" }, date: 1764000000, edit_date: 1764000100, text: "once more" } });
    await fake.deliverConcurrently(3, edit, { url: url() });
    await fake.deliver(edit, { url: url() });
    const edits = (await storedFor()).filter((m) => m.providerMessageId === `u:${edit.update_id}`);
    expect(edits.map((m) => [m.body, m.payload])).toEqual([["✏️ Edited: once more", { editOf: `${chatId}:80` }]]);
    // A live location moving (an edit without text) is not news.
    const move = fake.update({ edited_message: { message_id: 82, chat: { id: chatId, type: "private" }, date: 1764000000, location: { latitude: 1, longitude: 2 } } });
    expect((await fake.deliver(move, { url: url() })).status).toBe(200);
    expect(await storedFor()).toHaveLength(3);
    await db().delete(messages).where(eq(messages.channelId, channel.id));
  });

  it("downloads photos (the largest size), documents, voice, audio, video, video notes and stickers", async () => {
    const big = Buffer.from("large-photo-bytes");
    const small = fake.addFile(Buffer.from("thumb"), "photos/file_1.jpg");
    const large = fake.addFile(big, "photos/file_2.jpg");
    const pdf = fake.addFile(Buffer.from("%PDF-1.4 invoice"), "documents/file_3.pdf");
    const voice = fake.addFile(Buffer.from("OggS voice"), "voice/file_4.oga");
    const audio = fake.addFile(Buffer.from("ID3 song"), "music/file_5.mp3");
    const video = fake.addFile(Buffer.from("mp4 video"), "videos/file_6.mp4");
    const note = fake.addFile(Buffer.from("mp4 note"), "video_notes/file_7.mp4");
    const sticker = fake.addFile(Buffer.from("RIFF webp"), "stickers/file_8.webp");
    const chat = { id: chatId, type: "private", first_name: "Ana" };
    const base = { from: from(chatId), chat, date: 1764000050 };
    const updates = [
      { message: { ...base, message_id: 1, caption: "nota fiscal", photo: [{ file_id: small, file_unique_id: "a", file_size: 5, width: 90, height: 68 }, { file_id: large, file_unique_id: "b", file_size: big.length, width: 1280, height: 960 }] } },
      { message: { ...base, message_id: 2, document: { file_id: pdf, file_unique_id: "c", file_name: "factura.pdf", mime_type: "application/pdf", file_size: 16 } } },
      { message: { ...base, message_id: 3, voice: { file_id: voice, file_unique_id: "d", duration: 2, mime_type: "audio/ogg", file_size: 10 } } },
      { message: { ...base, message_id: 4, audio: { file_id: audio, file_unique_id: "e", duration: 2, file_name: "song.mp3", mime_type: "audio/mpeg" } } },
      { message: { ...base, message_id: 5, video: { file_id: video, file_unique_id: "f", duration: 2, width: 1, height: 1, mime_type: "video/mp4" } } },
      { message: { ...base, message_id: 6, video_note: { file_id: note, file_unique_id: "g", length: 240, duration: 2 } } },
      { message: { ...base, message_id: 7, sticker: { file_id: sticker, file_unique_id: "h", type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } } },
    ];
    for (const content of updates) expect((await fake.deliver(fake.update(content), { url: url() })).status).toBe(200);
    await app.settle();

    const stored = await storedFor();
    expect(stored.map((m) => m.kind)).toEqual(Array(7).fill("media"));
    expect(stored[0].body).toBe("nota fiscal");
    const expected = [
      ["photo.jpg", "image/jpeg", "large-photo-bytes"],
      ["factura.pdf", "application/pdf", "%PDF-1.4 invoice"],
      ["voice-message.ogg", "audio/ogg", "OggS voice"],
      ["song.mp3", "audio/mpeg", "ID3 song"],
      ["video.mp4", "video/mp4", "mp4 video"],
      ["video-message.mp4", "video/mp4", "mp4 note"],
      ["sticker.webp", "image/webp", "RIFF webp"],
    ];
    for (const [index, [name, mimeType, bytes]] of expected.entries()) {
      const [attachment] = stored[index].attachments;
      expect(attachment).toMatchObject({ name, mimeType });
      expect(attachment.pendingRef).toBeUndefined();
      expect((await readFile(db(), attachment.id))?.data.toString()).toBe(bytes);
    }
    // The largest photo size was fetched, never the thumbnail; the download used the file path Telegram gave.
    expect(fake.calls("getFile").map((r) => r.json?.file_id)).not.toContain(small);
    expect(fake.calls("file").map((r) => r.path)).toContain(`/file/bot${TOKEN}/photos/file_2.jpg`);
    await db().delete(messages).where(eq(messages.channelId, channel.id));
  });

  it("marks files over 20 MB as unavailable instead of failing, and keeps the message", async () => {
    const huge = fake.addFile(Buffer.from("x"), "documents/huge.zip", 30 * 1024 * 1024);
    const hidden = fake.addFile(Buffer.from("y"), "documents/hidden.zip", 21 * 1024 * 1024);
    const chat = { id: chatId, type: "private" };
    await fake.deliver(fake.update({ message: { message_id: 1, chat, date: 1764000000, document: { file_id: huge, file_unique_id: "z", file_name: "huge.zip", file_size: 30 * 1024 * 1024 } } }), { url: url() });
    // Telegram does not always report the size in the message; getFile then says "file is too big".
    await fake.deliver(fake.update({ message: { message_id: 2, chat, date: 1764000000, document: { file_id: hidden, file_unique_id: "y", file_name: "hidden.zip" } } }), { url: url() });
    await app.settle();
    const stored = await storedFor();
    expect(stored[0].attachments[0]).toMatchObject({ id: "", name: "huge.zip", error: expect.stringContaining("up to 20 MB") });
    expect(stored[1].attachments[0]).toMatchObject({ id: "", name: "hidden.zip", error: expect.stringContaining("up to 20 MB") });
    expect(fake.calls("getFile").map((r) => r.json?.file_id)).toEqual([hidden]);
    await db().delete(messages).where(eq(messages.channelId, channel.id));
  });

  it("stores locations, venues, contact cards and a placeholder for what it cannot show", async () => {
    const chat = { id: chatId, type: "private", first_name: "Ana" };
    const base = { from: from(chatId), chat, date: 1764000100 };
    await fake.deliver(fake.update({ message: { ...base, message_id: 1, location: { latitude: -23.5505, longitude: -46.6333 } } }), { url: url() });
    await fake.deliver(fake.update({ message: { ...base, message_id: 2, venue: { location: { latitude: 52.3731, longitude: 4.8926 }, title: "Dam", address: "Dam 1, Amsterdam" }, location: { latitude: 52.3731, longitude: 4.8926 } } }), { url: url() });
    await fake.deliver(fake.update({ message: { ...base, message_id: 3, contact: { phone_number: "+31698765432", first_name: "Piet", last_name: "Jansen", user_id: 99 } } }), { url: url() });
    await fake.deliver(fake.update({ message: { ...base, message_id: 4, poll: { id: "1", question: "?", options: [] } } }), { url: url() });
    await fake.deliver(fake.update({ message: { ...base, message_id: 5, dice: { emoji: "🎲", value: 3 } } }), { url: url() });
    const stored = await storedFor();
    expect(stored.map((m) => [m.kind, m.body])).toEqual([
      ["location", ""],
      ["location", ""],
      ["contact", ""],
      ["text", "Unsupported message type: poll"],
      ["text", "Unsupported message type: dice"],
    ]);
    expect(stored[0].payload).toEqual({ latitude: -23.5505, longitude: -46.6333 });
    expect(stored[1].payload).toEqual({ latitude: 52.3731, longitude: 4.8926, name: "Dam", address: "Dam 1, Amsterdam" });
    expect(stored[2].payload).toEqual({ contacts: [{ name: "Piet Jansen", phones: ["+31698765432"] }] });
    // Messages of one second keep their order (message_id breaks the tie).
    expect(stored.map((m) => m.createdAt.getTime() % 1000)).toEqual([1, 2, 3, 4, 5]);
    await db().delete(messages).where(eq(messages.channelId, channel.id));
  });

  it("skips group chats, service messages, bots and other update kinds with a 200", async () => {
    const skipped = [
      fake.update({ message: { message_id: 1, from: from(1), chat: { id: -100123, type: "supergroup", title: "G" }, date: 1764000000, text: "in a group" } }),
      fake.update({ message: { message_id: 2, chat: { id: chatId, type: "private" }, date: 1764000000, pinned_message: { message_id: 1 } } }),
      fake.update({ message: { message_id: 3, from: { id: 5, is_bot: true, first_name: "B" }, chat: { id: chatId, type: "private" }, date: 1764000000, text: "bot" } }),
      fake.update({ my_chat_member: { chat: { id: chatId, type: "private" }, from: from(chatId), date: 1764000000, old_chat_member: { status: "member" }, new_chat_member: { status: "kicked" } } }),
      fake.update({ callback_query: { id: "1", from: from(chatId), data: "x" } }),
      fake.update({ future_update_kind: { anything: true } }),
    ];
    for (const update of skipped) expect((await fake.deliver(update, { url: url() })).status).toBe(200);
    expect(await storedFor()).toHaveLength(0);
  });

  it("answers malformed payloads with a 4xx and stores nothing", async () => {
    const good = { message_id: 1, chat: { id: chatId, type: "private" }, date: 1764000000, text: "x" };
    const cases: [string, number][] = [
      ["{not json", 400],
      ["", 400],
      ["[]", 400],
      ["null", 400],
      ['"text"', 400],
      [JSON.stringify({ message: good }), 400],
      [JSON.stringify({ update_id: "815", message: good }), 400],
      [JSON.stringify({ update_id: -1, message: good }), 400],
      [JSON.stringify({ update_id: 1.5, message: good }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, chat: undefined } }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, chat: { id: "abc", type: "private" } } }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, message_id: null } }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, text: 42 } }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, photo: "not-an-array", text: undefined } }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, photo: [{ file_size: 1 }], text: undefined } }), 400],
      [JSON.stringify({ update_id: 1, message: "hello" }), 400],
      [JSON.stringify({ update_id: 1, message: { ...good, date: "yesterday" } }), 400],
    ];
    for (const [body, status] of cases) {
      const answer = await fake.deliver(body, { url: url() });
      expect([body, answer.status]).toEqual([body, status]);
    }
    const huge = await fake.deliver(JSON.stringify({ update_id: 1, message: { ...good, text: "x".repeat(6 * 1024 * 1024) } }), { url: url() });
    expect(huge.status).toBe(413);
    expect(await storedFor()).toHaveLength(0);
  });
});

describe("telegram: replying", () => {
  async function conversationWith(chat: number) {
    await fake.deliver(textUpdate(chat, 1, "Hello?"), { url: url() });
    const { conversation } = await conversationOf(chat);
    fake.reset();
    return conversation.id;
  }

  it("sends text with sendMessage as JSON to the customer's chat", async () => {
    const conversationId = await conversationWith(chatId);
    const result = await sendReply(db(), admin, conversationId, { body: "Claro! Como posso ajudar?" });
    expect(result.status).toBe("sent");
    const [call] = fake.requests;
    expect(call.method).toBe("POST");
    expect(call.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(call.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(call.rawBody)).toEqual({ chat_id: chatId, text: "Claro! Como posso ajudar?" });
    const [sent] = await db().select().from(messages).where(eq(messages.id, result.messageId));
    expect(sent.status).toBe("sent");
    expect(sent.providerMessageId).toMatch(new RegExp(`^${chatId}:\\d+$`));
  });

  it("uploads one file as multipart with the caption, and several with sendMediaGroup", async () => {
    const conversationId = await conversationWith(chatId);
    const photo = await putFile(db(), { name: "box.jpg", mimeType: "image/jpeg", data: Buffer.from("jpeg-1"), conversationId });
    const single = await sendReply(db(), admin, conversationId, { body: "Is this the box?", fileIds: [photo.id] });
    expect(single.status).toBe("sent");
    const [call] = fake.requests;
    expect(call.path).toBe(`/bot${TOKEN}/sendPhoto`);
    expect(call.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.form).toEqual({ chat_id: String(chatId), caption: "Is this the box?" });
    expect(call.files.map((f) => [f.field, f.name, f.type, f.data.toString()])).toEqual([["photo", "box.jpg", "image/jpeg", "jpeg-1"]]);

    fake.reset();
    const second = await putFile(db(), { name: "lid.png", mimeType: "image/png", data: Buffer.from("png-2"), conversationId });
    const pdf = await putFile(db(), { name: "label.pdf", mimeType: "application/pdf", data: Buffer.from("pdf-3"), conversationId });
    const group = await sendReply(db(), admin, conversationId, { body: "Photos and the label", fileIds: [photo.id, second.id, pdf.id] });
    expect(group.status).toBe("sent");
    expect(fake.requests.map((r) => r.apiMethod)).toEqual(["sendMediaGroup", "sendDocument"]);
    const [media, document] = fake.requests;
    expect(JSON.parse(media.form?.media ?? "")).toEqual([
      { type: "photo", media: "attach://file0", caption: "Photos and the label" },
      { type: "photo", media: "attach://file1" },
    ]);
    expect(media.files.map((f) => [f.field, f.name, f.data.toString()])).toEqual([
      ["file0", "box.jpg", "jpeg-1"],
      ["file1", "lid.png", "png-2"],
    ]);
    expect(document.form).toEqual({ chat_id: String(chatId) });
    expect(document.files.map((f) => [f.field, f.name])).toEqual([["document", "label.pdf"]]);
  });

  it("sends a text longer than a caption on its own before the file", async () => {
    const conversationId = await conversationWith(chatId);
    const file = await putFile(db(), { name: "a.pdf", mimeType: "application/pdf", data: Buffer.from("pdf"), conversationId });
    const long = "y".repeat(1500);
    expect((await sendReply(db(), admin, conversationId, { body: long, fileIds: [file.id] })).status).toBe("sent");
    expect(fake.requests.map((r) => r.apiMethod)).toEqual(["sendMessage", "sendDocument"]);
    expect(fake.requests[1].form?.caption).toBeUndefined();
  });

  it("marks a refused send failed with Telegram's reason, and Retry sends it again", async () => {
    const conversationId = await conversationWith(chatId);
    fake.failNext("sendMessage", { status: 403, description: "Forbidden: bot was blocked by the user" });
    const blocked = await sendReply(db(), admin, conversationId, { body: "Are you there?" });
    expect(blocked.status).toBe("failed");
    let [row] = await db().select().from(messages).where(eq(messages.id, blocked.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "403" });
    expect(row.errorText).toContain("Forbidden: bot was blocked by the user");

    fake.failNext("sendMessage", { status: 429, description: "Too Many Requests: retry after 7", retryAfter: 7 });
    const limited = await retryMessage(db(), admin, blocked.messageId);
    expect(limited.error).toContain("retry after 7 s");
    [row] = await db().select().from(messages).where(eq(messages.id, blocked.messageId));
    expect(row).toMatchObject({ status: "failed", errorCode: "429" });

    fake.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });
    expect((await retryMessage(db(), admin, blocked.messageId)).error).toContain("Bad Request: chat not found");

    fake.failNext("sendMessage", { hangUp: true });
    expect((await retryMessage(db(), admin, blocked.messageId)).error).toContain("could not be reached");

    const retried = await retryMessage(db(), admin, blocked.messageId);
    expect(retried.status).toBe("sent");
    [row] = await db().select().from(messages).where(eq(messages.id, blocked.messageId));
    expect(row).toMatchObject({ status: "sent", errorCode: null, errorText: null });
    expect(fake.calls("sendMessage").map((r) => JSON.parse(r.rawBody).text)).toEqual(Array(5).fill("Are you there?"));
  });

  it("refuses what Telegram cannot carry before calling it", async () => {
    const conversationId = await conversationWith(chatId);
    await expect(sendReply(db(), admin, conversationId, { body: "z".repeat(4097) })).rejects.toThrow(/at most 4,096 characters/);
    expect(fake.requests).toHaveLength(0);
    const rule = (name: string, mimeType: string, size: number) => outboundProblem("Telegram", telegramAdapter.capabilities, "", [{ name, mimeType, size }]);
    expect(rule("big.jpg", "image/jpeg", 11 * 1024 * 1024)).toBe("“big.jpg” is 11.0 MB; Telegram accepts photos (JPEG, PNG) up to 10.0 MB.");
    expect(rule("a.zip", "application/zip", 49 * 1024 * 1024)).toBeNull();
    expect(rule("a.gif", "image/gif", 1024)).toBeNull();
    expect(rule("film.mov", "video/quicktime", 51 * 1024 * 1024)).toContain("up to 50.0 MB");
  });

  it("reports a channel without a token clearly", async () => {
    const bare = await makeChannel(db(), "telegram");
    await expect(telegramAdapter.testConnection?.(bare)).rejects.toThrow(/no bot token yet/);
    const [row] = await db().select().from(channels).where(eq(channels.id, bare.id));
    expect(telegramAdapter.verify(new Request(url(row), { method: "POST", headers: { "x-telegram-bot-api-secret-token": "" } }), "{}", row)).toBe(false);
  });
});

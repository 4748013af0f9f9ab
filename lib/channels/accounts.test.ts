import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channels } from "@/db/schema";
import { accountForForm, registerWebhook, saveChannelAccount, setChannelActive, testChannelConnection } from "@/lib/channels/accounts";
import { channelConfig } from "@/lib/channels/config";
import { setupTestDb } from "@/test/db";
import { makeUser } from "@/test/factories";
import { startTelegramFake, type TelegramFake } from "@/test/fakes/telegram";

const db = setupTestDb();
const token = "123456789:AAEexampleexampleexampleexampleexam";
let fake: TelegramFake;

beforeAll(async () => {
  fake = await startTelegramFake({ token });
  process.env.TELEGRAM_API_URL = fake.url;
});
afterAll(async () => {
  await fake.close();
  delete process.env.TELEGRAM_API_URL;
});

describe("channel accounts", () => {
  it("encrypts secrets at rest, never hands them back, and keeps them when the form leaves them empty", async () => {
    const admin = await makeUser(db(), "admin");
    const saved = await saveChannelAccount(db(), admin, { kind: "telegram", name: "Support bot", teamId: null, config: { botToken: token } });
    const [row] = await db().select().from(channels).where(eq(channels.id, saved.id));
    expect(row.credentials).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(channelConfig(row).botToken).toBe(token);

    const form = accountForForm(row);
    expect(JSON.stringify(form)).not.toContain(token);
    expect(form.secretsSet).toContain("botToken");

    const secret = channelConfig(row).webhookSecret;
    await saveChannelAccount(db(), admin, { id: saved.id, kind: "telegram", name: "Renamed bot", teamId: null, config: { botToken: "" } });
    const [renamed] = await db().select().from(channels).where(eq(channels.id, saved.id));
    expect(renamed.name).toBe("Renamed bot");
    expect(channelConfig(renamed)).toMatchObject({ botToken: token, webhookSecret: secret });

    const audited = await db().select().from(auditLog).where(eq(auditLog.target, "Renamed bot"));
    expect(audited.map((a) => a.action)).toEqual(["channel.update"]);
    expect(JSON.stringify(audited)).not.toContain(token);
  });

  it("validates credentials on the server and says what is wrong next to the field", async () => {
    const admin = await makeUser(db(), "admin");
    await expect(
      saveChannelAccount(db(), admin, { kind: "telegram", name: "Broken", teamId: null, config: { botToken: "not a token" } }),
    ).rejects.toMatchObject({ fieldErrors: { "config.botToken": [expect.stringContaining("@BotFather")] } });
    await expect(saveChannelAccount(db(), admin, { kind: "telegram", name: "", teamId: null, config: {} })).rejects.toMatchObject({
      fieldErrors: { name: [expect.any(String)] },
    });
  });

  it("tests the connection, registers the webhook with the channel's secret, and is refused to non-admins", async () => {
    const admin = await makeUser(db(), "admin");
    const supervisor = await makeUser(db(), "supervisor");
    const saved = await saveChannelAccount(db(), admin, { kind: "telegram", name: "Test bot", teamId: null, config: { botToken: token } });
    const tested = await testChannelConnection(db(), admin, saved.id);
    expect(tested.ok).toBe(true);
    expect(tested.message).toContain(fake.bot.username);

    const registered = await registerWebhook(db(), admin, saved.id, "https://support.example.com");
    expect(registered.ok).toBe(true);
    expect(fake.webhook?.url).toBe(`https://support.example.com/api/webhooks/telegram/${saved.id}`);
    expect(fake.webhook?.secret_token).toBe(channelConfig(saved).webhookSecret);

    await expect(testChannelConnection(db(), supervisor, saved.id)).rejects.toThrow();
    await expect(setChannelActive(db(), supervisor, saved.id, false)).rejects.toThrow();
    await expect(
      saveChannelAccount(db(), supervisor, { kind: "telegram", name: "Sneaky", teamId: null, config: { botToken: token } }),
    ).rejects.toThrow();
    await setChannelActive(db(), admin, saved.id, false);
    const [inactive] = await db().select().from(channels).where(eq(channels.id, saved.id));
    expect(inactive.active).toBe(false);
  });

  it("reports a wrong token from the provider in words", async () => {
    const admin = await makeUser(db(), "admin");
    const saved = await saveChannelAccount(db(), admin, {
      kind: "telegram",
      name: "Wrong bot",
      teamId: null,
      config: { botToken: "987654321:AAEwrongwrongwrongwrongwrongwrongwrong" },
    });
    const tested = await testChannelConnection(db(), admin, saved.id);
    expect(tested.ok).toBe(false);
    expect(tested.message).toMatch(/unauthorized|token/i);
  });
});

import { expect, test } from "@playwright/test";
import { startTelegramFake, type TelegramFake } from "../fakes/telegram";
import { signInViaApi } from "./helpers";

// The app under test must call this fake: start it with TELEGRAM_API_URL=http://127.0.0.1:<this port>.
const FAKE_PORT = Number(process.env.E2E_TELEGRAM_API_PORT ?? 3291);
const TOKEN = "7012345678:AAEhBOweik6ad9r_QXMENQjcrGbqCr4K-ra";

let telegram: TelegramFake;
test.beforeAll(async () => {
  telegram = await startTelegramFake({ token: TOKEN, port: FAKE_PORT });
});
test.afterAll(async () => {
  await telegram.close();
});

test("an admin connects a Telegram bot, a customer's message arrives once, and the reply reaches Telegram", async ({ page }) => {
  const run = Date.now().toString(36);
  const chatId = 400_000_000 + (Date.now() % 100_000_000);
  const customer = `Ana ${run}`;

  // Connect: saving registers the webhook with a generated secret; the connection test calls getMe.
  await signInViaApi(page, "admin@northwind.test");
  await page.goto("/settings/channels/new?kind=telegram");
  await page.getByLabel("Account name").fill(`Telegram ${run}`);
  await page.getByLabel("Bot token").fill(TOKEN);
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page).toHaveURL(/\/settings\/channels\/[0-9a-f-]{36}$/);
  const channelId = page.url().split("/").pop();
  await expect.poll(() => telegram.webhook?.url).toMatch(new RegExp(`/api/webhooks/telegram/${channelId}$`));
  const secret = telegram.webhook?.secret_token ?? "";
  expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected to the bot @northwind_test_bot (Northwind).")).toBeVisible();

  // Telegram delivers the customer's message: a wrong secret is refused, a repeat stores nothing new.
  const webhook = new URL(new URL(telegram.webhook!.url).pathname, page.url()).toString();
  const update = telegram.update({
    message: { message_id: 1, from: { id: chatId, is_bot: false, first_name: "Ana", last_name: run }, chat: { id: chatId, type: "private" }, date: Math.floor(Date.now() / 1000), text: `Olá ${run}, preciso de ajuda` },
  });
  expect((await telegram.deliver(update, { url: webhook, secret: "x".repeat(43) })).status).toBe(401);
  expect((await telegram.deliver(update, { url: webhook })).status).toBe(200);
  expect((await telegram.deliver(update, { url: webhook })).status).toBe(200);

  await page.goto("/inbox/new");
  await page.getByRole("link", { name: new RegExp(customer) }).click();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByText(`Olá ${run}, preciso de ajuda`)).toHaveCount(1);

  // The reply goes out through sendMessage to the customer's chat.
  await page.getByRole("button", { name: "Assign to me" }).click();
  const reply = page.getByRole("textbox", { name: /Reply to/ });
  await reply.fill(`Claro, ${run}!`);
  await reply.press("Enter");
  await expect(thread.getByText(`Claro, ${run}!`)).toBeVisible();
  await expect.poll(() => telegram.calls("sendMessage").length).toBe(1);
  expect(JSON.parse(telegram.calls("sendMessage")[0].rawBody)).toEqual({ chat_id: chatId, text: `Claro, ${run}!` });
});

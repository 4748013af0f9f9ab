import { expect, test } from "@playwright/test";
import { postmarkPayload } from "../fakes/postmark";
import { startSmtpFake, type SmtpFake } from "../fakes/smtp";
import { signInViaApi } from "./helpers";

let smtp: SmtpFake;
test.beforeAll(async () => {
  smtp = await startSmtpFake({ user: "mailer", password: "smtp-secret" });
});
test.afterAll(async () => {
  await smtp.close();
});

test("an admin connects an e-mail account, a customer's mail arrives folded and sanitised, and the reply threads over SMTP", async ({ page }) => {
  // Several pages and two servers (the app and the SMTP fake) in one flow.
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const customerName = `Ana Mail ${run}`;
  const inbound = `help-${run}@northwind.test`;

  // Connect the account; the webhook credentials are generated.
  await signInViaApi(page, "admin@northwind.test");
  await page.goto("/settings/channels/new?kind=email");
  await page.getByLabel("Account name").fill(`Help desk ${run}`);
  await page.getByLabel("Inbound address").fill(inbound);
  await page.getByLabel("Sender name").fill("Northwind Help");
  await page.getByLabel("SMTP server").fill(smtp.host);
  await page.getByLabel("SMTP port").fill(String(smtp.port));
  await page.getByLabel("SMTP user name").fill("mailer");
  await page.getByLabel("SMTP password").fill("smtp-secret");
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page).toHaveURL(/\/settings\/channels\/[0-9a-f-]{36}$/, { timeout: 30_000 });

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`Connected to ${smtp.host}:${smtp.port} as mailer`)).toBeVisible();

  const shown = await page.locator("code").filter({ hasText: "/api/webhooks/email/" }).textContent();
  const webhook = new URL(shown!.trim());
  expect(webhook.username).toMatch(/^sb-/);
  const authorization = `Basic ${Buffer.from(`${webhook.username}:${webhook.password}`).toString("base64")}`;
  webhook.username = "";
  webhook.password = "";
  const target = new URL(webhook.pathname, page.url()).toString();

  // Postmark delivers the customer's mail (once with wrong credentials: refused).
  const payload = postmarkPayload({
    from: `ana.${run}@example.org`,
    fromName: customerName,
    to: inbound,
    subject: `Order ${run}`,
    text: "Where is my parcel?\n\nOn Sun, Nov 23, 2026 at 9:00 AM Northwind <help@northwind.test> wrote:\n> It has shipped.",
    html: '<p>Where is my <b>parcel</b>?</p><script>document.title="pwned"</script><img src="https://tracker.example/p.gif" alt="pixel">',
    messageId: `<q-${run}@mail.example.org>`,
  });
  const refused = await page.request.post(target, { headers: { authorization: "Basic d3Jvbmc6d3Jvbmc=" }, data: payload });
  expect(refused.status()).toBe(401);
  const accepted = await page.request.post(target, { headers: { authorization }, data: payload });
  expect(accepted.status()).toBe(200);

  // The agent side: subject, new text, quoted history and formatting one click away.
  await page.goto("/inbox/new");
  await page.getByRole("link", { name: new RegExp(customerName) }).click();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByText(`Order ${run}`)).toBeVisible({ timeout: 30_000 });
  await expect(thread.getByText("Where is my parcel?")).toBeVisible();
  await expect(thread.getByText("> It has shipped.")).toBeHidden();
  await thread.getByRole("button", { name: "Show quoted text" }).click();
  await expect(thread.getByText("> It has shipped.")).toBeVisible();
  await expect(thread.getByRole("button", { name: "Hide quoted text" })).toHaveAttribute("aria-expanded", "true");

  await thread.getByRole("button", { name: "Show formatted (HTML)" }).click();
  const frame = page.frameLocator(`iframe[title="Formatted e-mail: Order ${run}"]`);
  await expect(frame.locator("b")).toHaveText("parcel");
  await expect(frame.locator("script")).toHaveCount(0);
  await expect(frame.locator("img")).not.toHaveAttribute("src", /tracker/);
  await expect(thread.getByRole("button", { name: "Load remote images" })).toBeVisible();
  await expect(page.locator(`iframe[title="Formatted e-mail: Order ${run}"]`)).toHaveAttribute("sandbox", "");

  // Reply: it leaves over SMTP in the customer's thread.
  await page.getByRole("button", { name: "Assign to me" }).click();
  const reply = page.getByRole("textbox", { name: /Reply to/ });
  await reply.fill("It left our warehouse today.");
  await reply.press("Enter");
  await expect(thread.getByText("It left our warehouse today.")).toBeVisible();
  await expect.poll(() => smtp.mails.length).toBe(1);
  const [mail] = smtp.mails;
  expect(mail.envelope.to).toEqual([`ana.${run}@example.org`]);
  expect(mail.parsed.subject).toBe(`Re: Order ${run}`);
  expect(mail.parsed.inReplyTo).toBe(`<q-${run}@mail.example.org>`);
  expect(mail.parsed.from?.value[0]).toMatchObject({ name: "Northwind Help", address: inbound });
  await expect(thread.getByText(`Re: Order ${run}`)).toBeVisible({ timeout: 20_000 });
});

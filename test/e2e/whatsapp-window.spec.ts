import { expect, test, type Page } from "@playwright/test";
import { startMetaFake, type MetaFake } from "../fakes/meta";
import { signInViaApi } from "./helpers";

// The app under test must call this fake: start it with META_GRAPH_URL=http://127.0.0.1:<this port>/v26.0.
const FAKE_PORT = Number(process.env.E2E_META_API_PORT ?? 3292);
const TOKEN = "EAAG-e2e-system-user-token-000000";
const SECRET = "e2e-meta-app-secret";

let meta: MetaFake;
test.beforeAll(async () => {
  meta = await startMetaFake({ port: FAKE_PORT });
  meta.state.tokens.add(TOKEN);
  meta.state.templates = [
    {
      name: "order_update",
      language: "en",
      status: "APPROVED",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hi {{1}}, your order {{2}} is on its way." }],
    },
    {
      name: "order_update",
      language: "nl",
      status: "APPROVED",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Hoi {{1}}, je bestelling {{2}} is onderweg." }],
    },
    {
      name: "conversation_followup",
      language: "en",
      status: "APPROVED",
      category: "UTILITY",
      components: [
        {
          type: "BODY",
          text: "Hi {{1}}, this is Northwind Outfitters with an update on your request. Reply to this message to continue the conversation.",
        },
      ],
    },
  ];
});
test.afterAll(async () => {
  await meta.close();
});

/** The desktop-notification offer floats over the composer's corner; it is not what this test is about. */
async function dismissNotificationOffer(page: Page) {
  const notNow = page.getByRole("button", { name: "Not now" });
  if (await notNow.isVisible().catch(() => false)) await notNow.click();
}

test("an agent sees the closed WhatsApp window and sends a template with every placeholder filled", async ({ page }) => {
  // It looks through the demo data for a closed window, which takes a while on a dev server.
  test.slow();
  // The seeded WhatsApp number gets credentials that point at the fake.
  await signInViaApi(page, "admin@northwind.test");
  await page.goto("/settings/channels");
  await page.getByRole("link", { name: /WhatsApp \+31 20 123 4567/ }).first().click();
  await expect(page).toHaveURL(/\/settings\/channels\/[0-9a-f-]{36}$/);
  const channelId = page.url().split("/").pop()!;
  await page.getByLabel("Phone number ID").fill("104857320198765");
  await page.getByLabel("WhatsApp Business Account ID").fill("102290129340398");
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByLabel("App secret").fill(SECRET);
  await page.getByRole("textbox", { name: /^Verify token/ }).fill("e2e-verify-token");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Channel saved")).toBeVisible();
  meta.state.statusPlan = { url: new URL(`/api/webhooks/whatsapp/${channelId}`, page.url()).toString(), secret: SECRET, sequence: ["sent", "delivered", "read"], when: "after" };

  // A WhatsApp conversation whose customer last wrote more than 24 hours ago.
  await page.goto("/inbox/all?channel=whatsapp&state=waiting");
  const rows = page.locator('a[href^="/inbox/all/"]');
  await expect(rows.first()).toBeVisible();
  const hrefs = await rows.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const banner = page.getByText(/The WhatsApp window has been closed since/);
  let found = false;
  for (const href of hrefs.slice(0, 30)) {
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (await banner.isVisible().catch(() => false)) {
      found = true;
      break;
    }
  }
  expect(found, "the demo data has a WhatsApp conversation with a closed window").toBe(true);
  await dismissNotificationOffer(page);

  // No free reply box, only the banner and its template button.
  await expect(page.getByRole("textbox", { name: /Reply to/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Send template" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a WhatsApp template" });
  await expect(dialog).toBeVisible();

  // An admin syncs Meta's list first; then picks the template and its Dutch version.
  await dialog.getByRole("button", { name: "Sync templates now" }).click();
  await expect(page.getByText(/Templates synced: 3 from Meta/)).toBeVisible();
  await dialog.getByLabel("Template").click();
  await page.getByRole("option", { name: "order_update" }).click();
  await dialog.getByLabel("Language").click();
  await page.getByRole("option", { name: "Dutch" }).click();
  await expect(dialog.getByText("Hoi")).toBeVisible();

  // Send stays disabled until every placeholder is filled; the preview shows the values.
  const send = dialog.getByRole("button", { name: "Send template" });
  await expect(send).toBeDisabled();
  await dialog.getByLabel("{{1}}").fill("Zoë");
  await expect(send).toBeDisabled();
  await dialog.getByLabel("{{2}}").fill("#4411");
  await expect(dialog.getByText("(filled in)")).toHaveCount(2);
  await expect(send).toBeEnabled();
  await send.click();
  await expect(dialog).toBeHidden();

  // The filled text is in the thread, and the exact template request reached WhatsApp.
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread.getByText("Hoi Zoë, je bestelling #4411 is onderweg.")).toBeVisible();
  const sent = meta.graphRequests().filter((r) => r.path === "/v26.0/104857320198765/messages");
  expect(sent).toHaveLength(1);
  expect(sent[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(sent[0].json).toMatchObject({
    messaging_product: "whatsapp",
    type: "template",
    template: {
      name: "order_update",
      language: { code: "nl" },
      components: [{ type: "body", parameters: [{ type: "text", text: "Zoë" }, { type: "text", text: "#4411" }] }],
    },
  });
  // WhatsApp's receipts come back through the webhook; the window stays closed until the customer answers.
  await expect(thread.getByRole("listitem").filter({ hasText: "Hoi Zoë" }).getByText("Read")).toBeAttached();
  await expect(banner).toBeVisible();
});

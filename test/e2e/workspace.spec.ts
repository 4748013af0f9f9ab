import { expect, test, type Page } from "@playwright/test";
import { signInViaApi } from "./helpers";

// Each test walks a whole flow (several pages and a live customer): more than the default minute.
test.describe.configure({ timeout: 150_000 });

/** A customer writes in the web-chat widget on the demo site (the customer's side; not what is tested here). */
async function customerWrites(page: Page, name: string, text: string) {
  await page.goto("/demo");
  await page.getByRole("button", { name: "Open chat" }).click();
  const widget = page.frameLocator('iframe[title="Chat with Website chat"]');
  await widget.getByLabel("Your name (optional)").fill(name);
  await widget.getByLabel("Your message").fill(text);
  await widget.getByLabel("Your message").press("Enter");
  await expect(widget.getByText(text)).toBeVisible();
}

test("an agent handles a conversation from the keyboard alone: filter in the URL, pick up, quick reply, tag, search, archive", async ({ browser }) => {
  const run = Date.now().toString(36);
  const customer = `Keyboard ${run}`;
  const word = `zebra${run}`;

  const site = await (await browser.newContext()).newPage();
  await customerWrites(site, customer, `My tent pole snapped, ${word}. Can you help?`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, "agent@northwind.test");
  // The list filters live in the URL: this one narrows New to the customer.
  await page.goto(`/inbox/new?customer=${encodeURIComponent(customer)}`);
  await expect(page.getByRole("list", { name: "Filters on" })).toContainText(`Customer: ${customer}`);
  await expect(page.getByRole("link", { name: new RegExp(customer) })).toBeVisible();
  // From here on, only the keyboard.
  await page.locator("body").focus();

  // ? shows the shortcuts; Esc closes them.
  await page.keyboard.press("Shift+?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // J opens the (only) conversation in the list, A assigns it to me.
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { name: new RegExp(customer) })).toBeVisible();
  await page.keyboard.press("a");
  await expect(page.getByText("Assigned to you").first()).toBeVisible();

  // R goes to the reply box; "!greet" opens that group of quick replies, Enter inserts the first, filled in.
  await page.keyboard.press("r");
  const reply = page.getByRole("combobox", { name: /Reply to/ }).or(page.getByRole("textbox", { name: /Reply to/ }));
  await expect(reply).toBeFocused();
  await page.keyboard.type("!greet");
  await expect(page.getByRole("listbox", { name: "Quick replies" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(reply).toHaveValue("Hi Keyboard, thanks for contacting Northwind Outfitters! How can I help you today?");

  // A placeholder the conversation cannot fill is marked and holds Send back until it is edited.
  await page.keyboard.press("End");
  await page.keyboard.type(" Dear {{customer_last}}");
  await expect(page.getByRole("alert").filter({ hasText: "Fill in {{customer_last}}" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reply" })).toBeDisabled();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Messages" }).getByText("Dear {{customer_last}}")).toHaveCount(0);
  for (let i = 0; i < " Dear {{customer_last}}".length; i++) await page.keyboard.press("Backspace");
  await expect(page.getByRole("button", { name: "Send reply" })).toBeEnabled();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Messages" }).getByText("thanks for contacting Northwind Outfitters")).toBeVisible();

  // Ctrl+9 inserts the ninth quick reply; Esc leaves the box (the text stays as a draft).
  await page.keyboard.press("Control+9");
  await expect(reply).toHaveValue(/Happy to have been of help, Keyboard!/);
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Escape");
  await expect(reply).not.toBeFocused();

  // T tags.
  await page.keyboard.press("t");
  await expect(page.getByRole("textbox", { name: "Find or create a tag" })).toBeFocused();
  await page.keyboard.type("warranty");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Remove tag warranty" }).first()).toBeVisible();

  // / searches: the customer's word finds the conversation, with the matching message highlighted.
  const conversationUrl = page.url();
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/search/);
  await expect(page.getByRole("searchbox", { name: "Search conversations" })).toBeFocused();
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  const result = page.getByRole("region", { name: "Results" }).getByRole("link", { name: new RegExp(customer) }).first();
  await expect(result).toBeVisible();
  await expect(page.getByRole("region", { name: "Results" }).locator("mark").first()).toHaveText(new RegExp(word, "i"));
  for (let i = 0; i < 30 && !(await result.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/inbox\/all\/\d+\?message=/);
  await expect(page.locator("[data-message-id] .ring-3")).toContainText(word);

  // Ctrl+K reaches every action: archive from the palette, then Enter in the archive dialog.
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
  await page.keyboard.type("Archive");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Archive conversation/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await page.goto(conversationUrl.replace(/\?.*$/, ""));
  await expect(page.getByText("Archived").first()).toBeVisible();
});

test("list filters live in the URL and Back restores them", async ({ page }) => {
  await signInViaApi(page, "supervisor@northwind.test");
  await page.goto("/inbox/all?channel=whatsapp&state=closed&sort=created&dir=desc");
  const chips = page.getByRole("list", { name: "Filters on" });
  await expect(chips).toContainText("WhatsApp");
  await expect(chips).toContainText("Closed");
  await expect(page.getByRole("combobox", { name: /Sort/ })).toHaveValue("created-desc");
  const rows = page.getByRole("region", { name: "Conversations" }).locator("a[data-row]");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText(/Archived|Rejected|Closed|Barred/);

  await page.getByRole("button", { name: "Remove filter Closed" }).click();
  await expect(page).toHaveURL(/\/inbox\/all\?channel=whatsapp&sort=created&dir=desc$/);
  await page.goBack();
  await expect(page).toHaveURL(/state=closed/);
  await expect(page.getByRole("list", { name: "Filters on" })).toContainText("Closed");
});

test("an agent starts a conversation with the wizard and lands in Assigned to me", async ({ page }) => {
  const run = Date.now().toString(36);
  await signInViaApi(page, "agent@northwind.test");
  await page.goto("/inbox/start");
  await page.getByRole("radio", { name: /SMS/ }).first().check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByText(/agreed to be contacted on this channel/)).toBeVisible();
  await page.getByLabel("Or type a phone number").fill("+31 6 4000 1234");
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await page.getByLabel("Message").fill(`Your order ${run} is ready for pick-up.`);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  const send = page.getByRole("button", { name: "Send and open" });
  await expect(send).toBeDisabled();
  await page.getByRole("checkbox", { name: /agreed to be contacted on SMS/ }).check();
  await send.click();
  await expect(page).toHaveURL(/\/inbox\/mine\/\d+$/);
  await expect(page.getByRole("list", { name: "Messages" }).getByText(`Your order ${run} is ready for pick-up.`)).toBeVisible();
  await expect(page.getByText("Assigned to you").first()).toBeVisible();
});

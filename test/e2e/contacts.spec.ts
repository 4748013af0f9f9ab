import { expect, test } from "@playwright/test";
import { signInViaApi } from "./helpers";

test("a new contact with a known phone number brings up the merge suggestion; merged, its history is on the contact page", async ({ page }) => {
  await signInViaApi(page, "supervisor@northwind.test");
  // The desktop-notifications offer may cover the page's buttons; answer it whenever it shows.
  const offer = page.getByRole("complementary", { name: "Desktop notifications" });
  await page.addLocatorHandler(offer, async () => {
    await offer.getByRole("button", { name: "Not now" }).click();
  });

  // An existing customer with a Dutch mobile number and conversations: found by a part of the number.
  await page.goto("/contacts?q=316");
  // A mobile number in an allocated 06 range (06-1… to 06-5…), which any notation parses the same way.
  const rows = page.getByRole("region", { name: "Contact list" }).getByRole("link").filter({ hasText: /\+31 6 [1-5]\d{7}/ });
  await expect(rows.first()).toBeVisible();
  await rows.first().click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const existingName = (await page.getByRole("heading", { level: 1 }).locator("span").first().textContent())!.trim();
  const phone = (await page.getByRole("region", { name: "Profile" }).getByText(/^\+31 6 \d{8}$/).first().textContent())!.trim();
  const history = page.getByRole("list", { name: "Conversation history" }).getByRole("link");
  await expect(history.first()).toBeVisible();
  const numbers = (await history.allTextContents()).map((t) => t.match(/#(\d+)/)?.[1]).filter(Boolean);
  expect(numbers.length).toBeGreaterThan(0);

  // A colleague types the same customer in again, the number written another way.
  const run = Date.now().toString(36);
  await page.goto("/contacts/new");
  await page.getByLabel("First name").fill("Merged");
  await page.getByLabel("Last name").fill(`Customer ${run}`);
  await page.getByLabel("Primary phone number").fill(phone.replace(/^\+31 /, "+31 (0)"));
  await page.getByLabel("Primary e-mail address").fill(`merged-${run}@example.com`);
  await page.getByRole("button", { name: "Create contact" }).click();

  const suggestion = page.getByRole("dialog", { name: "Merge contacts?" });
  await expect(suggestion).toBeVisible();
  await expect(suggestion.getByText(existingName)).toBeVisible();
  await expect(suggestion.getByRole("button", { name: "Do not merge" })).toBeVisible();
  await expect(suggestion.getByRole("button", { name: "Merge selected" })).toBeDisabled();
  await suggestion.getByRole("button", { name: "Merge all" }).click();

  // The new contact page: the old customer's conversations are there.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Merged Customer ${run}`);
  const merged = page.getByRole("list", { name: "Conversation history" });
  for (const n of numbers) await expect(merged.getByText(`#${n}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Profile" }).getByText(phone)).toBeVisible();
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page.getByRole("list", { name: "Case timeline" }).getByText(/merged another contact/).first()).toBeVisible();

  // The old entry is gone from the address book.
  await page.goto(`/contacts?q=${encodeURIComponent(existingName)}`);
  const escaped = existingName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(page.getByRole("region", { name: "Contact list" }).getByRole("link", { name: new RegExp(`^${escaped}`) })).toHaveCount(0);
});

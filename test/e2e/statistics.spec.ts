import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signInViaApi } from "./helpers";

test("a watcher reads the statistics, changes the span, and downloads a conversation as PDF", async ({ page }) => {
  test.setTimeout(240_000);
  await signInViaApi(page, "watcher@northwind.test");
  await page.goto("/inbox/all");
  await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Statistics" }).click();
  // The first visit may wait for the route to be built (dev server); later steps are quick.
  await expect(page.getByRole("heading", { name: "Statistics", level: 1 })).toBeVisible({ timeout: 60_000 });

  const volume = page.getByRole("region", { name: "Conversations over time" });
  await expect(volume).toBeVisible();
  await expect(page.getByRole("region", { name: "Conversations started by weekday and hour" })).toBeVisible();
  const started = page.getByRole("group", { name: "Summary" }).or(page.getByLabel("Summary"));
  const summaryBefore = await started.textContent();
  // The accessible table under the chart has one row per bucket: days for 30 days.
  const rowsBefore = await volume.getByRole("table").getByRole("row").count();

  await page.getByLabel("Time span").click();
  await page.getByRole("option", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/span=7d/, { timeout: 30_000 });
  await expect(volume.getByRole("table").getByRole("row")).toHaveCount(8, { timeout: 30_000 }); // a header and seven days
  expect(rowsBefore).toBeGreaterThan(8);
  await expect(started).not.toHaveText(summaryBefore ?? "");

  // A conversation from the inbox, exported from its pane.
  await page.goto("/inbox/all");
  await page.locator("a[data-row]").first().click();
  await expect(page.getByRole("button", { name: /^Export conversation #/ })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/\/inbox\/all\/\d+$/);
  const number = page.url().split("/").pop();
  await page.getByRole("button", { name: `Export conversation #${number}` }).click();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("menuitem", { name: "PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`conversation-${number}.pdf`);
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
});

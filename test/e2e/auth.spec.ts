import { expect, test } from "@playwright/test";
import { password, signIn } from "./helpers";

test("wrong credentials get a clear message; disabled users cannot sign in; sign out works", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("E-mail").fill("agent@northwind.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong e-mail or password.");

  await page.getByLabel("E-mail").fill("disabled@northwind.test");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("This account is disabled");

  await signIn(page, "supervisor@northwind.test");
  await page.getByRole("button", { name: /Account: Sam Supervisor/ }).first().click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/inbox/new");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the set-up page is closed once an administrator exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a watcher reads conversations but has no reply box or actions", async ({ page }) => {
  await signIn(page, "watcher@northwind.test");
  await page.goto("/inbox/all");
  await page.getByRole("link", { name: /#\d+/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("textbox", { name: /Reply to/ })).toHaveCount(0);
  await expect(page.getByRole("toolbar", { name: "Conversation actions" })).toHaveCount(0);
});

test("customer names and messages with HTML or script are shown as text and never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signIn(page, "admin@northwind.test");
  await page.goto("/inbox/all");
  const hostile = page.getByRole("link", { name: /<img src=x onerror=alert\(1\)> Mallory/ });
  // Scrolling to the end of the list loads the next page.
  const rows = page.getByRole("region", { name: "Conversations" }).getByRole("listitem");
  for (let i = 0; i < 15 && !(await hostile.count()); i++) {
    await rows.last().scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
  }
  await expect(hostile).toBeVisible();
  await hostile.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("<img src=x onerror=alert(1)> Mallory");
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

import { expect, test } from "@playwright/test";
import { signInViaApi } from "./helpers";

test("an admin creates a group and a reply with a placeholder, sees the preview, and agents can read it", async ({ page, browser }) => {
  const name = `e2e${Date.now().toString(36)}`;
  await signInViaApi(page, "admin@northwind.test");
  await page.goto("/settings/quick-replies");
  await expect(page.getByRole("heading", { name: "Quick replies", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New group" }).first().click();
  const groupDialog = page.getByRole("dialog", { name: "New group" });
  // A name with a space cannot be typed after "!": refused in place.
  await groupDialog.getByLabel("Group name").fill("two words");
  await groupDialog.getByRole("button", { name: "Create group" }).click();
  await expect(groupDialog.getByText("no spaces")).toBeVisible();
  await groupDialog.getByLabel("Group name").fill(name);
  await expect(groupDialog.getByText(`!${name}`)).toBeVisible();
  await groupDialog.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { name: `!${name}`, exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\?group=/);

  await page.getByRole("button", { name: "Add reply" }).click();
  const replyDialog = page.getByRole("dialog", { name: `New reply in !${name}` });
  const text = replyDialog.getByLabel("Reply text", { exact: true });
  await text.fill("Hi , your parcel is on its way!");
  // Put the cursor after "Hi " and insert the placeholder there with the picker.
  await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
  await replyDialog.getByRole("button", { name: "Insert placeholder" }).click();
  await page.getByRole("menuitem", { name: /Customer's first name/ }).click();
  await expect(text).toHaveValue("Hi {{customer_first}}, your parcel is on its way!");
  await text.press("End");
  await text.pressSequentially("\nRegards, {{agent_first}}");
  const preview = replyDialog.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("Hi Maria, your parcel is on its way!");
  await expect(preview).toContainText("Regards, Ada");
  await replyDialog.getByRole("button", { name: "Add reply" }).click();
  await expect(replyDialog).toBeHidden();

  const replies = page.getByRole("list", { name: `Replies in !${name}` });
  await expect(replies.getByRole("listitem")).toHaveCount(1);
  await expect(replies).toContainText("Hi {{customer_first}}, your parcel is on its way!");
  await expect(page.getByRole("link", { name: new RegExp(`!${name}`) })).toContainText("1");

  // Agents read the same replies but cannot change them.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInViaApi(agent, "agent@northwind.test");
  await agent.goto("/settings/quick-replies");
  await agent.getByRole("link", { name: new RegExp(`!${name}`) }).click();
  await expect(agent.getByRole("list", { name: `Replies in !${name}` })).toContainText("your parcel is on its way!");
  await expect(agent.getByRole("button", { name: "Add reply" })).toHaveCount(0);
  await expect(agent.getByText("only administrators can change them")).toBeVisible();
  await agentContext.close();
});

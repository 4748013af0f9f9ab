import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a visitor writes in the widget, an agent picks it up, replies live, and archives it with a tag", async ({ browser }) => {
  const run = Date.now().toString(36);
  const visitorName = `Visitor ${run}`;

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, "agent@northwind.test");
  await agent.goto("/inbox/new");
  const newTab = agent.getByRole("navigation", { name: "Inbox views" }).getByRole("link", { name: /^New/ });
  const countBefore = Number((await newTab.locator("span").last().textContent())?.replace(/\D/g, ""));

  // The customer, on the demo website, with the widget in its iframe.
  const visitorContext = await browser.newContext();
  const site = await visitorContext.newPage();
  await site.goto("/demo");
  await site.getByRole("button", { name: "Open chat" }).click();
  const widget = site.frameLocator('iframe[title="Chat with Website chat"]');
  await widget.getByLabel("Your name (optional)").fill(visitorName);
  await widget.getByLabel("Your message").fill("My tent pole snapped on the first night. Can you help?");
  await widget.getByLabel("Your message").press("Enter");
  await expect(widget.getByText("My tent pole snapped on the first night. Can you help?")).toBeVisible();

  // It appears in New without a reload, and the count goes up.
  const row = agent.getByRole("link", { name: new RegExp(visitorName) });
  await expect(row).toBeVisible();
  await expect(newTab).toContainText(String(countBefore + 1));

  await row.click();
  await expect(agent.getByRole("heading", { name: new RegExp(visitorName) })).toBeVisible();
  const number = agent.url().split("/").pop();
  await agent.getByRole("button", { name: "Assign to me" }).click();
  await expect(agent.getByText("Assigned to you", { exact: false }).first()).toBeVisible();

  const reply = agent.getByRole("textbox", { name: /Reply to/ });
  await reply.fill("So sorry to hear that! We'll send a replacement pole today.");
  await reply.press("Enter");
  await expect(agent.getByRole("list", { name: "Messages" }).getByText("We'll send a replacement pole today.")).toBeVisible();

  // The reply reaches the widget live.
  await expect(widget.getByText("So sorry to hear that! We'll send a replacement pole today.")).toBeVisible();
  await expect(widget.getByText("Alex", { exact: true })).toBeVisible();

  // Archive with a tag.
  await agent.getByRole("button", { name: "Archive" }).click();
  const dialog = agent.getByRole("dialog", { name: /Archive conversation/ });
  await dialog.getByRole("checkbox", { name: "warranty" }).check();
  await dialog.getByRole("button", { name: /Archive with 1 tag/ }).click();
  await expect(dialog).toBeHidden();

  // It is in All, closed, with its tag and the system lines. (All lists the waiting ones first.)
  await agent.goto("/inbox/all");
  const closedRow = agent.getByRole("link", { name: new RegExp(visitorName) });
  const rows = agent.getByRole("region", { name: "Conversations" }).getByRole("listitem");
  for (let i = 0; i < 20 && !(await closedRow.count()); i++) {
    await rows.last().scrollIntoViewIfNeeded();
    await agent.waitForTimeout(400);
  }
  await expect(closedRow).toContainText("Archived");
  await expect(closedRow).toHaveAttribute("href", `/inbox/all/${number}`);
  await closedRow.click();
  const pane = agent.getByRole("region", { name: `Conversation with ${visitorName}` });
  await expect(pane.locator("header").getByText("Archived", { exact: true })).toBeVisible();
  await expect(agent.getByText(/Alex Agent picked up the conversation/)).toBeVisible();
  await expect(agent.getByText(/Alex Agent added the tag “warranty”/)).toBeVisible();
  await expect(agent.getByText(/Alex Agent archived the conversation/)).toBeVisible();
  await expect(agent.getByRole("complementary", { name: "Details" }).getByText("warranty")).toBeVisible();

  // The visitor keeps the thread across a reload.
  await site.reload();
  await site.getByRole("button", { name: "Open chat" }).click();
  await expect(widget.getByText("My tent pole snapped on the first night. Can you help?")).toBeVisible();
  await expect(widget.getByText("So sorry to hear that! We'll send a replacement pole today.")).toBeVisible();

  await agentContext.close();
  await visitorContext.close();
});

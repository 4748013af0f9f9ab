import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInViaApi } from "./helpers";

/** A customer writes on the demo site's web chat, through the widget's own API. */
async function customerWrites(request: APIRequestContext, channelId: string, name: string, text: string) {
  const session = await request.post(`/api/widget/${channelId}/session`);
  expect(session.ok()).toBeTruthy();
  const { visitorId, token } = (await session.json()) as { visitorId: string; token: string };
  const sent = await request.post(`/api/widget/${channelId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
    data: { visitorId, clientMessageId: `e2e-${Date.now().toString(36)}`, text, name },
  });
  expect(sent.ok()).toBeTruthy();
}

async function newView(page: Page) {
  await page.goto("/inbox/new");
  await expect(page.getByRole("navigation", { name: "Inbox views" })).toBeVisible();
  return page.getByRole("region", { name: "Conversations" });
}

test("an admin creates a team, routes a channel to it and adds an agent, who then sees its new conversation in New; an agent outside the team does not", async ({
  browser,
}) => {
  const run = Date.now().toString(36);
  const teamName = `Returns ${run}`;
  const visitor = `Visitor ${run}`;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInViaApi(admin, "admin@northwind.test");

  // Create the team.
  await admin.goto("/settings/teams");
  await admin.getByRole("button", { name: "New team" }).click();
  const dialog = admin.getByRole("dialog", { name: "New team" });
  await dialog.getByLabel("Team name").fill(teamName);
  await dialog.getByRole("button", { name: "Create team" }).click();
  await expect(dialog).toBeHidden();
  const card = admin.getByRole("listitem", { name: teamName });
  await expect(card).toBeVisible();

  // Route the web chat to it (the reference's routing table).
  const route = admin.getByLabel("Team for Web chat Website chat");
  await route.selectOption({ label: teamName });
  await expect(admin.getByText(`New conversations on Website chat now go to ${teamName}`)).toBeVisible();
  await expect(card.getByText("Website chat")).toBeVisible();

  // Add Alex to it.
  await card.getByLabel(`Add a member to ${teamName}`).selectOption({ label: "Alex Agent" });
  await card.getByRole("button", { name: "Add", exact: true }).click();
  await expect(card.getByRole("list", { name: `Members of ${teamName}` }).getByText("Alex Agent")).toBeVisible();

  // A customer writes on the web chat.
  await admin.goto("/demo");
  const channelId = await admin.locator("script[data-channel]").getAttribute("data-channel");
  expect(channelId).toBeTruthy();
  await customerWrites(admin.request, channelId!, visitor, "The boots I returned last week: has the refund gone out?");

  // Alex (now in the team) sees it in New...
  const alexContext = await browser.newContext();
  const alex = await alexContext.newPage();
  await signInViaApi(alex, "agent@northwind.test");
  const alexList = await newView(alex);
  await expect(alexList.getByRole("link", { name: new RegExp(visitor) })).toBeVisible();

  // ...and the team switcher narrows his inbox to one of his teams.
  const switcher = alex.getByLabel("Team", { exact: true });
  await switcher.selectOption({ label: "Billing" });
  await expect(alexList.getByRole("link", { name: new RegExp(visitor) })).toHaveCount(0);
  await switcher.selectOption({ label: teamName });
  await expect(alexList.getByRole("link", { name: new RegExp(visitor) })).toBeVisible();
  await switcher.selectOption({ label: "All my teams" });

  // Jamie is not in the team: the conversation is not in his New.
  const jamieContext = await browser.newContext();
  const jamie = await jamieContext.newPage();
  await signInViaApi(jamie, "agent2@northwind.test");
  const jamieList = await newView(jamie);
  await expect(jamieList.getByRole("link").first()).toBeVisible();
  await expect(jamieList.getByRole("link", { name: new RegExp(visitor) })).toHaveCount(0);

  // Put the web chat back where the other tests expect it, and remove the team.
  await admin.goto("/settings/teams");
  await admin.getByLabel("Team for Web chat Website chat").selectOption({ label: "Support (default)" });
  await expect(admin.getByText("New conversations on Website chat now go to Support (default)")).toBeVisible();
  await admin.getByRole("button", { name: `Delete ${teamName}` }).click();
  await admin.getByRole("alertdialog").getByRole("button", { name: "Delete team" }).click();
  await expect(admin.getByRole("listitem", { name: teamName })).toHaveCount(0);

  // Every step is in the audit log.
  await admin.goto("/settings/audit");
  const log = admin.getByRole("table");
  await expect(log.getByText(`Created a team: ${teamName}`)).toBeVisible();
  await expect(log.getByText(`Added a team member: ${teamName}`)).toBeVisible();
  await expect(log.getByText(`Deleted a team: ${teamName}`)).toBeVisible();
  await expect(log.getByText("Changed the routing: Website chat").first()).toBeVisible();

  await Promise.all([adminContext.close(), alexContext.close(), jamieContext.close()]);
});

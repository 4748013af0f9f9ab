import { expect, type Page } from "@playwright/test";

export const password = "switchboard";

/** Signs in through the form (the flows below are about the inbox, but this is also how people do it). */
export async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox\//);
}

/** Signs in through next-auth's API, without the form: fast set-up for tests whose subject is elsewhere. */
export async function signInViaApi(page: Page, email: string) {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

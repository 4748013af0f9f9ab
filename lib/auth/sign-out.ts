/**
 * Signs out through next-auth's endpoint without loading `next-auth/react` into every page (it weighs
 * more than the rest of the user menu). Same protocol: fetch the CSRF token, post it to /signout.
 */
export async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
}

/**
 * The team switcher's choice: which of their teams a user in several teams is looking at in the inbox.
 * Kept in a cookie so the server renders the inbox already filtered; the server checks the value
 * against the user's teams every time (a stale or forged cookie just means "all my teams").
 * No server imports: the switcher sets the cookie in the browser.
 */
export const INBOX_TEAM_COOKIE = "inbox-team";

export function chosenInboxTeam(cookieValue: string | undefined, teamIds: string[]): string | null {
  if (teamIds.length < 2 || !cookieValue) return null;
  return teamIds.includes(cookieValue) ? cookieValue : null;
}

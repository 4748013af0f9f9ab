import { cookies } from "next/headers";
import { parseThemePreference, THEME_COOKIE, type ThemePreference } from "@/components/theme/theme-script";
import { getCurrentUser } from "@/lib/auth/session";

/**
 * The theme to use when this device has no theme cookie yet: the signed-in user's saved profile theme,
 * so a new browser opens in their choice. With a cookie, ThemeScript follows the cookie and the
 * database is not asked.
 */
export async function themeFallback(): Promise<ThemePreference> {
  if ((await cookies()).has(THEME_COOKIE)) return "system";
  return parseThemePreference((await getCurrentUser())?.theme);
}

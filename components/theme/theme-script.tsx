// No "use client": this module renders on the server, and its constants are safe to import from the client.

export const THEME_COOKIE = "theme";
export const themePreferences = ["light", "dark", "system"] as const;
export type ThemePreference = (typeof themePreferences)[number];

/** Anything (a cookie value, a profile column) → a valid preference; unknown values mean "system". */
export function parseThemePreference(value: unknown): ThemePreference {
  return themePreferences.includes(value as ThemePreference) ? (value as ThemePreference) : "system";
}

/**
 * Runs before first paint: picks the theme from the `theme` cookie (light | dark | system, default
 * `fallback`), resolves "system" with prefers-color-scheme, sets `class="dark"` on <html>, and keeps
 * following OS changes while the preference is "system" — on every page, toggle mounted or not.
 * Kept tiny and dependency-free because it blocks parsing.
 */
function buildScript(fallback: ThemePreference): string {
  return `(function(){try{var d=document.documentElement,q=window.matchMedia("(prefers-color-scheme: dark)");function p(){var m=document.cookie.match(/(?:^|;\\s*)${THEME_COOKIE}=(light|dark|system)(?:;|$)/);return m?m[1]:${JSON.stringify(fallback)}}function a(){var t=p();d.classList.toggle("dark",t==="dark"||(t==="system"&&q.matches))}a();q.addEventListener("change",a)}catch(e){}})();`;
}

type ThemeScriptProps = {
  /** Preference to use when the cookie is absent (e.g. the signed-in user's saved profile theme). */
  fallback?: ThemePreference;
  /** CSP nonce, if the app sends a nonce-based Content-Security-Policy. */
  nonce?: string;
};

/**
 * Render inside `<head>` of the root layout. Because this script changes the `class` of <html> before
 * React hydrates, the layout's `<html>` element needs `suppressHydrationWarning`.
 */
export function ThemeScript({ fallback = "system", nonce }: ThemeScriptProps) {
  return (
    <script
      id="theme-script"
      nonce={nonce}
      // The content is a constant built from a validated enum: no user input reaches it.
      dangerouslySetInnerHTML={{ __html: buildScript(parseThemePreference(fallback)) }}
    />
  );
}

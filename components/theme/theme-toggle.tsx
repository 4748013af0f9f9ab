"use client";

import * as React from "react";
import { MonitorIcon, MoonIcon, SunIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { THEME_COOKIE, parseThemePreference, type ThemePreference } from "@/components/theme/theme-script";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;
const darkQuery = "(prefers-color-scheme: dark)";

const options = [
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
  { value: "system", label: "System", Icon: MonitorIcon },
] as const satisfies ReadonlyArray<{ value: ThemePreference; label: string; Icon: unknown }>;

// The cookie is the source of truth on this device; listeners let every mounted toggle re-read it.
const listeners = new Set<() => void>();

function readCookiePreference(fallback: ThemePreference): ThemePreference {
  const match = document.cookie.match(new RegExp(`(?:^|;\\s*)${THEME_COOKIE}=([^;]*)`));
  return match ? parseThemePreference(decodeURIComponent(match[1])) : fallback;
}

function applyTheme(preference: ThemePreference) {
  const dark = preference === "dark" || (preference === "system" && window.matchMedia(darkQuery).matches);
  const root = document.documentElement;
  if (root.classList.contains("dark") === dark) return;
  // Switch without every colour transition on the page animating at once.
  const style = document.createElement("style");
  style.textContent = "*,*::before,*::after{transition:none!important}";
  document.head.appendChild(style);
  root.classList.toggle("dark", dark);
  void window.getComputedStyle(document.body).opacity; // force a style flush before re-enabling transitions
  requestAnimationFrame(() => style.remove());
}

/** Store the preference for this device (cookie read by ThemeScript) and apply it right away. */
export function setThemePreference(preference: ThemePreference) {
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${THEME_COOKIE}=${preference}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`;
  applyTheme(preference);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The current preference on this device; `fallback` is used on the server and when no cookie is set. */
export function useThemePreference(fallback: ThemePreference = "system"): ThemePreference {
  const preference = React.useSyncExternalStore(
    subscribe,
    () => readCookiePreference(fallback),
    () => fallback,
  );

  // While on "system", follow the OS live (ThemeScript does too; applying twice is harmless).
  React.useEffect(() => {
    if (preference !== "system") return;
    const media = window.matchMedia(darkQuery);
    const onChange = () => applyTheme("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [preference]);

  return preference;
}

type ThemeToggleProps = {
  /** Called after the theme changed, e.g. to save it to the user's profile. */
  onChange?: (theme: ThemePreference) => void;
  /** Preference to show when this device has no cookie yet (e.g. the profile's saved theme). */
  fallback?: ThemePreference;
  align?: "start" | "center" | "end";
  className?: string;
};

export function ThemeToggle({ onChange, fallback = "system", align = "end", className }: ThemeToggleProps) {
  const preference = useThemePreference(fallback);

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        {/* The visible icon follows the applied theme via CSS, so server and client render the same. */}
        <Button variant="ghost" size="icon" aria-label="Theme" className={cn("relative", className)}>
          <SunIcon aria-hidden="true" className="scale-100 rotate-0 transition-transform dark:scale-0 dark:-rotate-90" />
          <MoonIcon
            aria-hidden="true"
            className="absolute scale-0 rotate-90 transition-transform dark:scale-100 dark:rotate-0"
          />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align={align} className="min-w-36">
        <DropdownMenuRadioGroup
          value={preference}
          onValueChange={(value) => {
            const next = parseThemePreference(value);
            setThemePreference(next);
            onChange?.(next);
          }}
        >
          {options.map(({ value, label, Icon }) => (
            <DropdownMenuRadioItem key={value} value={value}>
              <Icon aria-hidden="true" />
              {label}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

import { z } from "zod";
import { themePreferences } from "@/components/theme/theme-script";
import { notificationChoices, type NotificationKey } from "@/lib/settings/notifications";
import { isValidTimeZone } from "@/lib/settings/time-zones";

/** Shared by the profile forms (in the browser) and lib/settings/profile.ts (on the server). */

export const languages = [
  { code: "en", label: "English" },
  { code: "nl", label: "Nederlands" },
  { code: "de", label: "Deutsch" },
  { code: "fr", label: "Français" },
  { code: "es", label: "Español" },
  { code: "pt", label: "Português" },
  { code: "it", label: "Italiano" },
] as const;

const languageCodes = languages.map((l) => l.code) as [string, ...string[]];

export const profileSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  locale: z.enum(languageCodes, "Choose a language from the list."),
  timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list, e.g. Europe/Amsterdam."),
  theme: z.enum(themePreferences, "Choose light, dark or system."),
  notifications: z.object(
    Object.fromEntries(notificationChoices.map((c) => [c.key, z.boolean()])) as Record<NotificationKey, z.ZodBoolean>,
  ),
});

export type ProfileInput = z.input<typeof profileSchema>;

/** The password rule everywhere a person chooses one (set-up, invitation, change). */
export const newPassword = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const passwordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(500),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export type PasswordInput = z.input<typeof passwordSchema>;

/** Pictures: small, and only formats every browser shows. */
export const AVATAR_MAX_BYTES = 1024 * 1024;
export const avatarTypes = ["image/png", "image/jpeg", "image/webp"] as const;
export type AvatarType = (typeof avatarTypes)[number];

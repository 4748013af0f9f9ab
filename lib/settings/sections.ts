import type { Action } from "@/lib/auth/permissions";

/**
 * The settings sections, in menu order: the one list the settings menu and every settings page read, so
 * a section is shown exactly to the roles that may open it. `readAction` is the permission needed to
 * read it; changing anything is a separate, server-side check (settings.change for everything shared).
 * No server imports: the menu (a client component) imports the types.
 */
export const settingsSections = [
  {
    slug: "profile",
    label: "My profile",
    description: "Your name, picture, language, time zone, theme, notifications and password.",
    readAction: "profile.change",
  },
  {
    slug: "service",
    label: "Service settings",
    description: "What agents may see and do, automatic closing, reopening and data retention.",
    readAction: "settings.read",
  },
  {
    slug: "office-hours",
    label: "Office hours",
    description: "When each team is open for business.",
    readAction: "settings.read",
  },
  {
    slug: "out-of-office",
    label: "Out of office",
    description: "Automatic replies sent outside office hours, per channel account.",
    readAction: "settings.read",
  },
  {
    slug: "channels",
    label: "Channels",
    description: "The accounts customers write to you on.",
    readAction: "settings.read",
  },
  {
    slug: "quick-replies",
    label: "Quick replies",
    description: "Ready-made answers, in groups, for the composer.",
    // Agents use them all day, so they may read them; only admins change them.
    readAction: "conversations.read",
  },
  {
    slug: "users",
    label: "Users",
    description: "Who works in Switchboard, their roles and invitations.",
    readAction: "settings.read",
  },
  {
    slug: "seats",
    label: "Orders & seats",
    description: "Your plan and how many seats are in use.",
    readAction: "settings.read",
  },
  {
    slug: "tags",
    label: "Tags",
    description: "The labels conversations are classified with.",
    // Agents tag conversations, so they may read the list; only admins manage it.
    readAction: "conversations.read",
  },
  {
    slug: "teams",
    label: "Teams & routing",
    description: "Teams, their members, and which team each channel account's conversations go to.",
    readAction: "settings.read",
  },
  {
    slug: "shortcuts",
    label: "Shortcuts",
    description: "Every keyboard shortcut.",
    readAction: "profile.change",
  },
  {
    slug: "audit",
    label: "Audit log",
    description: "Who changed which setting, and when.",
    readAction: "audit.read",
  },
] as const satisfies readonly { slug: string; label: string; description: string; readAction: Action }[];

export type SettingsSection = (typeof settingsSections)[number];
export type SettingsSlug = SettingsSection["slug"];

export function settingsHref(slug: SettingsSlug): string {
  return `/settings/${slug}`;
}

export function settingsSection(slug: SettingsSlug): SettingsSection {
  const found = settingsSections.find((s) => s.slug === slug);
  if (!found) throw new Error(`Unknown settings section ${slug}`);
  return found;
}

import { can, type ServiceSettings } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { settingsSection, settingsSections, type SettingsSection, type SettingsSlug } from "@/lib/settings/sections";
import type { CurrentUser } from "@/lib/users";

/** The sections this user may open, in menu order. */
export function visibleSettingsSections(user: CurrentUser, settings: ServiceSettings): SettingsSection[] {
  return settingsSections.filter((s) => can(user, s.readAction, settings));
}

/**
 * For a settings page: the user allowed to read `slug` (else the forbidden page), the service settings,
 * and whether they may change shared settings — which decides if the page shows forms or a read-only view.
 * The actions check again on the server; this only shapes the page.
 */
export async function requireSettingsSection(slug: SettingsSlug): Promise<{
  user: CurrentUser;
  settings: ServiceSettings;
  section: SettingsSection;
  canChange: boolean;
}> {
  const section = settingsSection(slug);
  const user = await requirePermission(section.readAction);
  const settings = await getServiceSettings();
  return { user, settings, section, canChange: can(user, "settings.change", settings) };
}

import type { Metadata } from "next";
import { AvatarCard } from "@/components/settings/profile/avatar-card";
import { PasswordForm } from "@/components/settings/profile/password-form";
import { ProfileForm } from "@/components/settings/profile/profile-form";
import { TipsCard } from "@/components/settings/profile/tips-card";
import { SettingsHeader } from "@/components/settings/settings-header";
import { parseThemePreference } from "@/components/theme/theme-script";
import { requireSettingsSection } from "@/lib/settings/access";
import { hasDismissedTips, notificationPrefs } from "@/lib/settings/notifications";
import { timeZoneOptions } from "@/lib/settings/time-zones";

export const metadata: Metadata = { title: "My profile" };

export default async function ProfilePage() {
  const { user, section } = await requireSettingsSection("profile");
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} />
      <div className="grid gap-6">
        <AvatarCard name={user.name} avatarUrl={user.avatarUrl} />
        <ProfileForm
          email={user.email}
          role={user.role}
          zones={timeZoneOptions()}
          defaults={{
            name: user.name,
            locale: user.locale,
            timeZone: user.timeZone,
            theme: parseThemePreference(user.theme),
            notifications: notificationPrefs(user.notifications),
          }}
        />
        <PasswordForm email={user.email} />
        <TipsCard hasDismissed={hasDismissedTips(user.notifications)} />
      </div>
    </>
  );
}

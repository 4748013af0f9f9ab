import type { Metadata } from "next";
import { SettingsNav } from "@/components/settings/settings-nav";
import { getServiceSettings, requireUser } from "@/lib/auth/session";
import { visibleSettingsSections } from "@/lib/settings/access";
import { settingsHref } from "@/lib/settings/sections";

export const metadata: Metadata = { title: { default: "Settings", template: "%s · Settings · Switchboard" } };

/** The settings frame: the section menu (a column on wide screens, a picker on phones) and the page. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const sections = visibleSettingsSections(user, await getServiceSettings()).map((s) => ({ href: settingsHref(s.slug), label: s.label }));
  return (
    <div className="flex h-full min-h-0 flex-col md:flex-row">
      <SettingsNav sections={sections} />
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto w-full max-w-5xl px-4 py-6 md:px-8 md:py-8">{children}</div>
      </div>
    </div>
  );
}

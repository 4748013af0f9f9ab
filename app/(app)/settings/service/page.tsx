import type { Metadata } from "next";
import { ServiceForm } from "@/components/settings/service/service-form";
import { SettingsHeader } from "@/components/settings/settings-header";
import { requireSettingsSection } from "@/lib/settings/access";
import { regionOptions } from "@/lib/settings/regions";
import { serviceColumnsToForm } from "@/lib/settings/service";

export const metadata: Metadata = { title: "Service settings" };

export default async function ServiceSettingsPage() {
  const { user, settings, section, canChange } = await requireSettingsSection("service");
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} readOnly={!canChange} />
      <ServiceForm defaults={serviceColumnsToForm(settings)} canChange={canChange} timeZone={user.timeZone} regions={regionOptions()} />
    </>
  );
}

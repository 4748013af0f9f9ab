import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { AppShell } from "@/components/app-shell/app-shell";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requireUser } from "@/lib/auth/session";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const settings = await getServiceSettings();
  const nav = [{ href: "/inbox", label: "Inbox", icon: "inbox" as const, show: can(user, "conversations.read", settings) }].filter(
    (item) => item.show,
  );
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <AppShell
        user={{ id: user.id, name: user.name, email: user.email, role: user.role, avatarUrl: user.avatarUrl }}
        companyName={settings.companyName}
        nav={nav.map(({ href, label, icon }) => ({ href, label, icon }))}
      >
        {children}
      </AppShell>
    </RealtimeProvider>
  );
}

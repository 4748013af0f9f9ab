import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { AppShell } from "@/components/app-shell/app-shell";
import { Notifier } from "@/components/notifications/notifier";
import { WorkspaceKeyboard } from "@/components/shortcuts/keyboard";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requireUser } from "@/lib/auth/session";
import { realtimeClientConfig } from "@/lib/realtime/client-config";
import { notificationPrefs } from "@/lib/settings/notifications";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const settings = await getServiceSettings();
  const nav = [
    { href: "/inbox", label: "Inbox", icon: "inbox" as const, show: can(user, "conversations.read", settings) },
    { href: "/search", label: "Search", icon: "search" as const, show: can(user, "conversations.read", settings) },
    { href: "/contacts", label: "Contacts", icon: "contacts" as const, show: can(user, "contacts.read", settings) },
    { href: "/statistics", label: "Statistics", icon: "statistics" as const, show: can(user, "statistics.read", settings) },
    { href: "/settings", label: "Settings", icon: "settings" as const, show: can(user, "profile.change", settings) },
  ].filter((item) => item.show);
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <AppShell
        user={{ id: user.id, name: user.name, email: user.email, role: user.role, avatarUrl: user.avatarUrl }}
        companyName={settings.companyName}
        nav={nav.map(({ href, label, icon }) => ({ href, label, icon }))}
      >
        {children}
      </AppShell>
      <WorkspaceKeyboard
        links={[...nav.map(({ href, label }) => ({ href, label })), ...(can(user, "profile.change", settings) ? [{ href: "/settings/shortcuts", label: "Shortcuts" }] : [])]}
        canWork={can(user, "conversation.reply", settings)}
        canStart={can(user, "conversation.start", settings)}
      />
      <Notifier userId={user.id} prefs={notificationPrefs(user.notifications)} canWork={can(user, "conversation.reply", settings)} />
    </RealtimeProvider>
  );
}

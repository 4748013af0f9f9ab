import { SendIcon } from "lucide-react";
import type { Metadata } from "next";
import { StartWizard } from "@/app/(app)/inbox/start/start-wizard";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { startableChannels } from "@/lib/conversations/start";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Start a conversation" };

export default async function StartConversationPage() {
  const user = await requirePermission("conversation.start");
  const settings = await getServiceSettings();
  const accounts = await startableChannels(getDb());
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-2xl gap-5 px-3 py-4 md:px-6 md:py-8">
        <header className="grid gap-1">
          <h1 className="text-xl font-semibold tracking-tight">Start a conversation</h1>
          <p className="text-sm text-muted-foreground">Write to a customer first. The conversation opens in Assigned to me.</p>
        </header>
        {accounts.length === 0 ? (
          <EmptyState
            icon={SendIcon}
            title="No account can write first"
            description="Starting a conversation needs an active WhatsApp, SMS, e-mail, Telegram or Viber account. An administrator connects them in Settings → Channels."
          />
        ) : (
          <StartWizard accounts={accounts} canSearchContacts={can(user, "contacts.read", settings)} />
        )}
      </div>
    </div>
  );
}

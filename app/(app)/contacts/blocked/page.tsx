import { ArrowLeftIcon, ShieldBanIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { BlockedConversations } from "@/components/contacts/blocked-conversations";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { listBlockedConversations } from "@/lib/contacts/block";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Blocked conversations" };

/** The Blocked list: what blocked contacts wrote, kept out of New, for supervisors and admins. */
export default async function BlockedPage() {
  const user = await requirePermission("contact.block");
  const settings = await getServiceSettings();
  const rows = await listBlockedConversations(getDb(), user);
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-4xl gap-4 px-4 py-5 md:px-6">
        <div className="flex items-center gap-2">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href="/contacts" aria-label="Back to contacts">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <h1 className="text-lg font-semibold">Blocked conversations</h1>
        </div>
        <p className="text-sm text-muted-foreground">
          Messages from blocked contacts are kept here instead of New. Unblocking a conversation moves it to New; the contact stays blocked until you
          unblock them on their page.
        </p>
        {rows.length === 0 ? (
          <EmptyState icon={ShieldBanIcon} headingLevel={2} title="Nothing blocked" description="When a blocked contact writes, the conversation appears here." />
        ) : (
          <BlockedConversations rows={rows} canDelete={can(user, "contact.delete", settings)} timeZone={user.timeZone} />
        )}
      </div>
    </div>
  );
}

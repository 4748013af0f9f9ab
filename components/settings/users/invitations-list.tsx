"use client";

import { RefreshCwIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { inviteAction, revokeInvitationAction } from "@/app/(app)/settings/users/actions";
import { handleResult } from "@/components/settings/form-result";
import { CopyLink } from "@/components/settings/users/invite-dialog";
import { SettingsCard } from "@/components/settings/settings-card";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import type { Role } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { roleLabels } from "@/lib/settings/users.validation";

export type InvitationRow = {
  id: string;
  email: string;
  role: Role | null;
  teamIds: string[];
  expiresAt: string;
  expired: boolean;
  invitedByName: string | null;
};

/**
 * Invitations waiting to be accepted. Only a hash of each link is stored, so a lost link cannot be shown
 * again: "New link" replaces it (the old one stops working).
 */
export function InvitationsList({ invitations, canChange, timeZone }: { invitations: InvitationRow[]; canChange: boolean; timeZone: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [link, setLink] = useState<{ email: string; link: string } | null>(null);

  async function renew(invitation: InvitationRow) {
    setBusy(invitation.id);
    const role = invitation.role === null || invitation.role === "disabled" ? "auto" : invitation.role;
    const result = await inviteAction({ email: invitation.email, role, teamIds: invitation.teamIds });
    setBusy(null);
    if (!handleResult(result)) return;
    setLink({ email: result.data.email, link: result.data.link });
    router.refresh();
  }

  async function revoke(invitation: InvitationRow) {
    setBusy(invitation.id);
    const result = await revokeInvitationAction({ invitationId: invitation.id });
    setBusy(null);
    if (handleResult(result)) toast.success(`Invitation for ${invitation.email} withdrawn`);
    router.refresh();
  }

  if (!invitations.length) return null;
  return (
    <SettingsCard title="Open invitations" description="People who have a link but have not joined yet.">
      <ul className="divide-y" aria-label="Open invitations">
        {invitations.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 py-2.5 first:pt-0 last:pb-0">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium">{inv.email}</p>
              <p className="text-xs text-muted-foreground">
                {inv.role ? roleLabels[inv.role] : "Role by seats"}
                {inv.invitedByName && ` · invited by ${inv.invitedByName}`} ·{" "}
                {inv.expired ? (
                  <Badge variant="warning" className="align-middle">
                    Expired
                  </Badge>
                ) : (
                  `valid until ${formatDateTime(new Date(inv.expiresAt), timeZone)}`
                )}
              </p>
            </div>
            {canChange && (
              <div className="flex gap-1">
                <Button variant="ghost" size="sm" onClick={() => void renew(inv)} disabled={busy === inv.id}>
                  <RefreshCwIcon aria-hidden="true" />
                  New link<span className="sr-only"> for {inv.email}</span>
                </Button>
                <Button variant="ghost" size="sm" onClick={() => void revoke(inv)} disabled={busy === inv.id}>
                  <XIcon aria-hidden="true" />
                  Withdraw<span className="sr-only"> the invitation for {inv.email}</span>
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={link !== null} onOpenChange={(open) => !open && setLink(null)}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>New link for {link?.email}</DialogTitle>
            <DialogDescription>The previous link no longer works. Copy this one and send it to them; it works once, for 7 days.</DialogDescription>
          </DialogHeader>
          {link && <CopyLink link={link.link} />}
          <DialogFooter>
            <Button onClick={() => setLink(null)}>Done</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </SettingsCard>
  );
}

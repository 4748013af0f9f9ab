"use client";

import { ShieldCheckIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { deleteBlockedAction, unblockConversationsAction } from "@/app/(app)/contacts/actions";
import { ChannelIcon } from "@/components/channel-icon";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { BlockedConversationRow } from "@/lib/contacts/block";
import { customerLabel, formatDateTime } from "@/lib/format";

/**
 * Conversations from blocked contacts: each can be unblocked (to New) or deleted; on a contact's page,
 * "Unblock all" and "Delete all" act on all of theirs.
 */
export function BlockedConversations({
  rows,
  contactId,
  canDelete,
  timeZone,
}: {
  rows: BlockedConversationRow[];
  contactId?: string;
  canDelete: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);

  async function act(kind: "unblock" | "delete", target: { contactId: string } | { conversationId: string }) {
    setBusy(true);
    const result = kind === "unblock" ? await unblockConversationsAction(target) : await deleteBlockedAction(target);
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(kind === "unblock" ? "Moved to New." : "Deleted.");
    router.refresh();
  }

  const confirmDelete = (target: { contactId: string } | { conversationId: string }, trigger: React.ReactNode, what: string) => (
    <AlertDialog>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {what}?</AlertDialogTitle>
          <AlertDialogDescription>The messages and files in them are removed for good.</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction className="bg-destructive text-destructive-foreground hover:bg-destructive/90" onClick={() => void act("delete", target)}>
            Delete
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );

  return (
    <section aria-label="Blocked conversations" className="rounded-lg border border-destructive/30 bg-destructive/5 p-4">
      {contactId && (
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-sm font-semibold">
            {rows.length} blocked conversation{rows.length === 1 ? "" : "s"}
          </h2>
          <Button size="sm" variant="outline" disabled={busy} onClick={() => void act("unblock", { contactId })}>
            <ShieldCheckIcon aria-hidden="true" /> Unblock all
          </Button>
          {canDelete &&
            confirmDelete(
              { contactId },
              <Button size="sm" variant="outline" disabled={busy}>
                <Trash2Icon aria-hidden="true" /> Delete all
              </Button>,
              `all ${rows.length} blocked conversation${rows.length === 1 ? "" : "s"}`,
            )}
        </div>
      )}
      <ul className="divide-y rounded-md border bg-background">
        {rows.map((row) => {
          const who = customerLabel(row.contactName, row.handle);
          return (
            <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <ChannelIcon kind={row.channelKind} className="size-4 shrink-0" />
              <span className="min-w-0 flex-1 basis-56">
                <span className="flex flex-wrap items-center gap-x-2">
                  {!contactId && (
                    <Link href={`/contacts/${row.contactId}`} className="font-medium underline-offset-2 hover:underline">
                      {who}
                    </Link>
                  )}
                  <Link href={`/inbox/all/${row.number}`} className="text-muted-foreground underline-offset-2 hover:underline">
                    #{row.number}
                  </Link>
                  <span className="text-xs text-muted-foreground">
                    {row.messageCount} message{row.messageCount === 1 ? "" : "s"} · {formatDateTime(row.lastMessageAt, timeZone)}
                  </span>
                </span>
                <span className="block truncate text-muted-foreground">{row.preview ?? "—"}</span>
              </span>
              <span className="ml-auto flex gap-1">
                <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act("unblock", { conversationId: row.id })} aria-label={`Unblock conversation #${row.number}`}>
                  <ShieldCheckIcon aria-hidden="true" /> Unblock
                </Button>
                {canDelete &&
                  confirmDelete(
                    { conversationId: row.id },
                    <Button size="sm" variant="ghost" disabled={busy} aria-label={`Delete conversation #${row.number}`}>
                      <Trash2Icon aria-hidden="true" /> Delete
                    </Button>,
                    `conversation #${row.number}`,
                  )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

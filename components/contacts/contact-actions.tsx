"use client";

import { BanIcon, DownloadIcon, MailIcon, MergeIcon, MoreHorizontalIcon, PencilIcon, ShieldCheckIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  blockContactAction,
  deleteContactAction,
  erasureSummaryAction,
  mergeContactsAction,
  unblockContactAction,
} from "@/app/(app)/contacts/actions";
import { ContactPicker } from "@/components/contacts/contact-picker";
import { EmailDialog, type EmailSetup } from "@/components/contacts/email-dialog";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ContactListRow } from "@/lib/contacts/queries";
import { customerLabel } from "@/lib/format";

export type ContactPermissions = { edit: boolean; merge: boolean; block: boolean; delete: boolean; download: boolean; email: boolean };

type Open = "merge" | "block" | "delete" | "email" | null;

/** What can be done with a contact, as the viewer's role allows: edit and e-mail up front, the rest under "More". */
export function ContactActions({
  contact,
  permissions,
  email,
}: {
  contact: { id: string; label: string; blocked: boolean };
  permissions: ContactPermissions;
  email: EmailSetup | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ conversations: number; messages: number; files: number } | null>(null);
  const [picked, setPicked] = useState<ContactListRow | null>(null);

  async function run<T>(work: () => Promise<ActionResult<T>>, done: (data: T) => void) {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    setOpen(null);
    done(result.data);
  }

  async function openDelete() {
    setSummary(null);
    setOpen("delete");
    const result = await erasureSummaryAction({ contactId: contact.id });
    if (result.ok) setSummary(result.data);
    else toast.error(result.error);
  }

  const more = permissions.merge || permissions.block || permissions.download || permissions.delete;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {permissions.edit && (
        <Button asChild variant="outline" size="sm">
          <Link href={`/contacts/${contact.id}/edit`}>
            <PencilIcon aria-hidden="true" /> Edit
          </Link>
        </Button>
      )}
      {permissions.email && email && (
        <Button size="sm" onClick={() => setOpen("email")} disabled={contact.blocked} title={contact.blocked ? "Unblock the contact to write to them" : undefined}>
          <MailIcon aria-hidden="true" /> Write e-mail
        </Button>
      )}
      {more && (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="icon-sm" aria-label="More actions">
              <MoreHorizontalIcon />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            {permissions.merge && (
              <DropdownMenuItem onSelect={() => setOpen("merge")}>
                <MergeIcon aria-hidden="true" /> Merge with another contact…
              </DropdownMenuItem>
            )}
            {permissions.block && (
              <DropdownMenuItem onSelect={() => setOpen("block")}>
                {contact.blocked ? <ShieldCheckIcon aria-hidden="true" /> : <BanIcon aria-hidden="true" />}
                {contact.blocked ? "Unblock contact…" : "Block contact…"}
              </DropdownMenuItem>
            )}
            {permissions.download && (
              <DropdownMenuItem asChild>
                <a href={`/api/contacts/${contact.id}/download`} download>
                  <DownloadIcon aria-hidden="true" /> Download all data
                </a>
              </DropdownMenuItem>
            )}
            {permissions.delete && (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem variant="destructive" onSelect={() => void openDelete()}>
                  <Trash2Icon aria-hidden="true" /> Delete contact…
                </DropdownMenuItem>
              </>
            )}
          </DropdownMenuContent>
        </DropdownMenu>
      )}

      {open === "email" && email && <EmailDialog contactId={contact.id} setup={email} onClose={() => setOpen(null)} />}

      <Dialog open={open === "merge"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent className="sm:max-w-md">
          <DialogHeader>
            <DialogTitle>Merge into {contact.label}</DialogTitle>
            <DialogDescription>
              Pick the contact to fold in. Its channels, conversations, notes and files move here, its details fill the empty fields, and it is then
              removed. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <ContactPicker exceptId={contact.id} selectedId={picked?.id ?? null} onSelect={setPicked} label="Find the contact to merge in" />
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button
              disabled={!picked || busy}
              onClick={() =>
                void run(
                  () => mergeContactsAction({ keepId: contact.id, foldIds: [picked!.id] }),
                  () => {
                    toast.success(`${customerLabel(picked!.name, picked!.email ?? picked!.phone)} merged into ${contact.label}.`);
                    setPicked(null);
                    router.refresh();
                  },
                )
              }
            >
              {busy && <Spinner label="Merging" />}
              Merge
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <AlertDialog open={open === "block"} onOpenChange={(o) => !o && setOpen(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{contact.blocked ? `Unblock ${contact.label}?` : `Block ${contact.label}?`}</AlertDialogTitle>
            <AlertDialogDescription>
              {contact.blocked
                ? "Their next messages reach New again, and their blocked conversations move to New now."
                : "Their open conversation closes. What they write afterwards is kept, but lands in the Blocked list for supervisors instead of New."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                void run(
                  async (): Promise<ActionResult<unknown>> =>
                    contact.blocked ? unblockContactAction({ contactId: contact.id }) : blockContactAction({ contactId: contact.id }),
                  () => {
                    toast.success(contact.blocked ? `${contact.label} is unblocked.` : `${contact.label} is blocked.`);
                    router.refresh();
                  },
                );
              }}
            >
              {contact.blocked ? "Unblock" : "Block"}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <AlertDialog open={open === "delete"} onOpenChange={(o) => !o && setOpen(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete {contact.label} and everything about them?</AlertDialogTitle>
            <AlertDialogDescription asChild>
              <div className="grid gap-2">
                {summary ? (
                  <p>
                    This removes the contact with {plural(summary.conversations, "conversation")}, {plural(summary.messages, "message")} and{" "}
                    {plural(summary.files, "file")}, for good. The audit log records that a contact was deleted, without their details.
                  </p>
                ) : (
                  <p className="flex items-center gap-2">
                    <Spinner label="Counting" /> Counting what goes with it…
                  </p>
                )}
                {permissions.download && <p>Download all data first if you need a copy.</p>}
              </div>
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={busy || !summary}
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              onClick={(e) => {
                e.preventDefault();
                void run(
                  () => deleteContactAction({ contactId: contact.id }),
                  () => {
                    toast.success(`${contact.label} was deleted.`);
                    router.push("/contacts");
                    router.refresh();
                  },
                );
              }}
            >
              Delete for good
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function plural(n: number, noun: string) {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}

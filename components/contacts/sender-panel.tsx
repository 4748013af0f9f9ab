"use client";

import { BadgeCheckIcon, BanIcon, ExternalLinkIcon, LinkIcon, UserPlusIcon } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { createForSenderAction, relateAction } from "@/app/(app)/contacts/actions";
import { MoodIndicator } from "@/components/contacts/mood-indicator";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { Spinner } from "@/components/ui/spinner";
import type { ContactListRow } from "@/lib/contacts/queries";
import { languageName } from "@/lib/names";

// Loaded when first opened: both bring the phone-number rules, which the pane does not need until then.
const ContactPicker = dynamic(() => import("@/components/contacts/contact-picker").then((m) => m.ContactPicker), {
  loading: () => <Spinner label="Loading contacts" />,
});
const SenderContactForm = dynamic(() => import("@/components/contacts/sender-contact-form").then((m) => m.SenderContactForm), {
  loading: () => <Spinner label="Loading the form" />,
});

/**
 * The interaction panel's customer line: "Recognised" for a contact a person saved, and for an
 * unrecognised sender the two ways to fix that — link to an existing contact, or create one in place.
 */
export function SenderPanel({
  conversationId,
  contact,
  language,
  sentiment,
  region,
  canEdit,
  onChanged,
}: {
  conversationId: string;
  contact: { id: string; known: boolean; blocked: boolean; name: string | null };
  language: string | null;
  sentiment: "negative" | "neutral" | "positive" | null;
  region: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<"link" | "create" | null>(null);
  const [picked, setPicked] = useState<ContactListRow | null>(null);
  const [busy, setBusy] = useState(false);

  async function relate(contactId: string) {
    setBusy(true);
    const result = await relateAction({ conversationId, contactId });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success("Linked: the conversation now belongs to that contact.");
    setOpen(null);
    onChanged();
  }

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-1.5">
        {contact.known ? (
          <Badge variant="success">
            <BadgeCheckIcon aria-hidden="true" /> Recognised
          </Badge>
        ) : (
          <Badge variant="outline">Unrecognised sender</Badge>
        )}
        {contact.blocked && (
          <Badge variant="destructive">
            <BanIcon aria-hidden="true" /> Blocked
          </Badge>
        )}
        <MoodIndicator language={language} sentiment={sentiment} />
        {language && <span className="text-xs text-muted-foreground">{languageName(language)}</span>}
      </div>
      <div className="flex flex-wrap gap-1.5">
        <Button asChild variant="outline" size="sm" className="h-7 px-2 text-xs">
          <Link href={`/contacts/${contact.id}`}>
            <ExternalLinkIcon aria-hidden="true" /> Contact page
          </Link>
        </Button>
        {!contact.known && canEdit && (
          <>
            <Button variant="outline" size="sm" className="h-7 px-2 text-xs" onClick={() => setOpen("link")}>
              <LinkIcon aria-hidden="true" /> Link to a contact
            </Button>
            <Button variant="outline" size="sm" className="h-7 px-2 text-xs" onClick={() => setOpen("create")}>
              <UserPlusIcon aria-hidden="true" /> Create contact
            </Button>
          </>
        )}
      </div>

      <Dialog open={open === "link"} onOpenChange={(o) => !o && setOpen(null)}>
        <DialogContent className="sm:max-w-md">
          <DialogHeader>
            <DialogTitle>Link to an existing contact</DialogTitle>
            <DialogDescription>
              The channel this customer writes from moves to the contact you pick, and this conversation joins theirs.
            </DialogDescription>
          </DialogHeader>
          <ContactPicker exceptId={contact.id} selectedId={picked?.id ?? null} onSelect={setPicked} />
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(null)}>
              Cancel
            </Button>
            <Button disabled={!picked || busy} onClick={() => picked && void relate(picked.id)}>
              {busy && <Spinner label="Linking" />}
              Link
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Sheet open={open === "create"} onOpenChange={(o) => !o && setOpen(null)}>
        <SheetContent side="right" className="w-full overflow-y-auto sm:max-w-md">
          <SheetHeader>
            <SheetTitle>Create contact</SheetTitle>
            <SheetDescription>Saved on this sender: they become a recognised customer.</SheetDescription>
          </SheetHeader>
          <div className="px-4 pb-6">
            <SenderContactForm
              compact
              name={contact.name}
              region={region}
              submitLabel="Create contact"
              save={(values, answer, selectedIds) => createForSenderAction({ conversationId, values, answer, selectedIds })}
              onSaved={() => {
                setOpen(null);
                onChanged();
              }}
              extraSuggestionAction={(candidate, close) => (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={busy}
                  onClick={() => {
                    close();
                    void relate(candidate.id);
                  }}
                >
                  Link to this one
                </Button>
              )}
            />
          </div>
        </SheetContent>
      </Sheet>
    </div>
  );
}

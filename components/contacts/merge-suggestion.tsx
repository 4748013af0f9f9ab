"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { formatPhone } from "@/lib/contacts/contact.validation";
import type { DuplicateCandidate } from "@/lib/contacts/queries";
import { customerLabel } from "@/lib/format";

export type SuggestionAnswer = { answer: "keep" } | { answer: "merge-selected"; selectedIds: string[] } | { answer: "merge-all" };

/**
 * "This phone or e-mail already belongs to…": Do not merge / Merge selected / Merge all. The merge answers
 * show only to people allowed to merge (the server checks again).
 */
export function MergeSuggestion({
  candidates,
  canMerge,
  busy,
  onAnswer,
  onCancel,
  extraAction,
}: {
  candidates: DuplicateCandidate[];
  canMerge: boolean;
  busy: boolean;
  onAnswer: (answer: SuggestionAnswer) => void;
  onCancel: () => void;
  /** A further choice for the place the suggestion appears in (e.g. "Link to this contact" for an unknown sender). */
  extraAction?: (candidate: DuplicateCandidate) => React.ReactNode;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  return (
    <Dialog open onOpenChange={(open) => !open && onCancel()}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Merge contacts?</DialogTitle>
          <DialogDescription>
            {candidates.length === 1 ? "Another contact has" : `${candidates.length} other contacts have`} the same phone number or e-mail address.
            {canMerge ? " Merging moves their conversations, notes and files into this contact." : " Only people allowed to merge can combine them; you can save this contact as it is."}
          </DialogDescription>
        </DialogHeader>
        <ul className="grid min-w-0 gap-2" aria-label="Contacts with the same phone or e-mail">
          {candidates.map((c) => {
            const label = customerLabel(c.name, c.handle ?? c.email ?? c.phone);
            return (
              <li key={c.id} className="flex min-w-0 items-start gap-3 rounded-md border p-3">
                {canMerge && (
                  <Checkbox
                    id={`merge-${c.id}`}
                    checked={selected.includes(c.id)}
                    onCheckedChange={(v) => toggle(c.id, v === true)}
                    aria-label={`Select ${label}`}
                    className="mt-0.5"
                  />
                )}
                <label htmlFor={`merge-${c.id}`} className="min-w-0 flex-1 text-sm">
                  <span className="block font-medium">{label}</span>
                  <span className="block break-words text-muted-foreground">
                    {[...(c.phones ?? []).map(formatPhone), ...(c.emails ?? [])].join(" · ")}
                  </span>
                  {c.company && <span className="block text-muted-foreground">{c.company}</span>}
                </label>
                {extraAction?.(c)}
              </li>
            );
          })}
        </ul>
        <DialogFooter className="gap-2 sm:justify-between">
          <Button variant="outline" disabled={busy} onClick={() => onAnswer({ answer: "keep" })}>
            Do not merge
          </Button>
          {canMerge && (
            <span className="flex flex-col-reverse gap-2 sm:flex-row">
              <Button variant="secondary" disabled={busy || !selected.length} onClick={() => onAnswer({ answer: "merge-selected", selectedIds: selected })}>
                Merge selected
              </Button>
              <Button disabled={busy} onClick={() => onAnswer({ answer: "merge-all" })}>
                {busy && <Spinner label="Merging" />}
                Merge all
              </Button>
            </span>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

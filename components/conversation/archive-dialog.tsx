"use client";

import { useState } from "react";
import { toast } from "sonner";
import { archiveAction } from "@/app/(app)/inbox/actions";
import { tagColorClasses } from "@/components/conversation/tag-colors";
import type { TagChip } from "@/components/conversation/types";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

/** Archive, optionally adding tags on the way out (the reference's "archive with tag"). */
export function ArchiveDialog({
  open,
  onOpenChange,
  conversationId,
  number,
  allTags,
  currentTags,
  canTag,
  onDone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: string;
  number: number;
  allTags: TagChip[];
  currentTags: TagChip[];
  canTag: boolean;
  onDone: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState("");
  const [busy, setBusy] = useState(false);
  const already = new Set(currentTags.map((t) => t.id));
  const shown = allTags.filter((t) => t.name.toLowerCase().includes(filter.trim().toLowerCase()));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await archiveAction({ conversationId, tagIds: [...chosen] });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(`Conversation #${number} archived`);
    onOpenChange(false);
    onDone();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Archive conversation #{number}</DialogTitle>
            <DialogDescription>
              It leaves the work queues and stays findable under All. If the customer writes again soon, it reopens.
            </DialogDescription>
          </DialogHeader>
          {canTag && allTags.length > 0 && (
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">Add tags (optional)</legend>
              <Input
                aria-label="Filter tags"
                placeholder="Filter tags…"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              <div className="grid max-h-52 gap-1 overflow-y-auto rounded-md border p-2">
                {shown.length === 0 && <p className="p-2 text-sm text-muted-foreground">No tag matches “{filter}”.</p>}
                {shown.map((tag) => {
                  const id = `archive-tag-${tag.id}`;
                  return (
                    <div key={tag.id} className="flex items-center gap-2 rounded px-1 py-1 hover:bg-accent/60">
                      <Checkbox
                        id={id}
                        checked={already.has(tag.id) || chosen.has(tag.id)}
                        disabled={already.has(tag.id)}
                        onCheckedChange={(checked) =>
                          setChosen((s) => {
                            const next = new Set(s);
                            if (checked) next.add(tag.id);
                            else next.delete(tag.id);
                            return next;
                          })
                        }
                      />
                      <Label htmlFor={id} className="flex-1 cursor-pointer font-normal">
                        <span className={cn("rounded px-1.5 py-0.5 text-xs", tagColorClasses[tag.color])}>{tag.name}</span>
                        {already.has(tag.id) && <span className="ml-2 text-xs text-muted-foreground">already on it</span>}
                      </Label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              {busy && <Spinner label="Archiving" />}
              Archive{chosen.size > 0 ? ` with ${chosen.size} tag${chosen.size > 1 ? "s" : ""}` : ""}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { MergeIcon, PencilIcon, PlusIcon, TagIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { deleteTagAction, mergeTagsAction, setAgentsCanCreateTagsAction } from "@/app/(app)/settings/tags/actions";
import { tagColorClasses } from "@/components/conversation/tag-colors";
import { handleResult } from "@/components/settings/form-result";
import { TagDialog, type EditableTag } from "@/components/settings/tags/tag-dialog";
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
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/utils";

export type TagRow = EditableTag & { conversations: number };

function conversationsText(n: number) {
  return n === 1 ? "1 conversation" : `${n.toLocaleString("en")} conversations`;
}

export function TagsManager({ tags, canChange, agentsCanCreateTags }: { tags: TagRow[]; canChange: boolean; agentsCanCreateTags: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState<EditableTag | null>(null);
  const [creating, setCreating] = useState(false);
  const [merging, setMerging] = useState<TagRow | null>(null);
  const [mergeTarget, setMergeTarget] = useState("");
  const [deleting, setDeleting] = useState<TagRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [agentsCreate, setAgentsCreate] = useState(agentsCanCreateTags);

  async function toggleAgents(next: boolean) {
    setAgentsCreate(next);
    const result = await setAgentsCanCreateTagsAction({ agentsCanCreateTags: next });
    if (!handleResult(result)) return setAgentsCreate(!next);
    toast.success(next ? "Agents may now create tags" : "Only administrators create tags now");
    router.refresh();
  }

  async function merge() {
    if (!merging || !mergeTarget) return;
    setBusy(true);
    const result = await mergeTagsAction({ sourceId: merging.id, targetId: mergeTarget });
    setBusy(false);
    if (!handleResult(result)) return;
    const target = tags.find((t) => t.id === mergeTarget);
    toast.success(`“${merging.name}” merged into “${target?.name}”`);
    setMerging(null);
    router.refresh();
  }

  async function remove(tag: TagRow) {
    setBusy(true);
    const result = await deleteTagAction({ tagId: tag.id });
    setBusy(false);
    setDeleting(null);
    if (!handleResult(result)) return;
    toast.success(`Tag “${tag.name}” deleted`);
    router.refresh();
  }

  return (
    <div className="grid gap-6">
      <div className="flex items-start justify-between gap-4 rounded-xl border bg-card p-4">
        <div className="grid gap-0.5">
          <Label htmlFor="agents-create-tags">Agents may create tags</Label>
          <p className="text-sm text-muted-foreground">
            {agentsCreate
              ? "Agents can add a missing tag while tagging or archiving."
              : "Agents choose from this list only, which keeps near-duplicates out."}
          </p>
        </div>
        <Switch id="agents-create-tags" checked={agentsCreate} onCheckedChange={(v) => void toggleAgents(v)} disabled={!canChange} />
      </div>

      <section aria-labelledby="tags-heading" className="grid gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="tags-heading" className="text-base font-semibold">
            {tags.length === 1 ? "1 tag" : `${tags.length} tags`}
          </h2>
          {canChange && (
            <Button onClick={() => setCreating(true)}>
              <PlusIcon aria-hidden="true" />
              New tag
            </Button>
          )}
        </div>
        {tags.length === 0 ? (
          <EmptyState
            icon={TagIcon}
            className="rounded-xl border"
            title="No tags yet"
            description="Tags classify conversations, for finding them later and for the statistics."
          />
        ) : (
          <ul aria-label="Tags" className="divide-y rounded-xl border bg-card">
            {tags.map((tag) => (
              <li key={tag.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
                <div className="flex min-w-0 items-center gap-3">
                  <span className={cn("truncate rounded-md px-2 py-0.5 text-sm font-medium", tagColorClasses[tag.color] ?? tagColorClasses.slate)}>
                    {tag.name}
                  </span>
                  <span className="text-xs whitespace-nowrap text-muted-foreground">{conversationsText(tag.conversations)}</span>
                </div>
                {canChange && (
                  <div className="flex gap-1">
                    <Button variant="ghost" size="sm" onClick={() => setEditing(tag)}>
                      <PencilIcon aria-hidden="true" />
                      Edit<span className="sr-only"> {tag.name}</span>
                    </Button>
                    {tags.length > 1 && (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => {
                          setMergeTarget("");
                          setMerging(tag);
                        }}
                      >
                        <MergeIcon aria-hidden="true" />
                        Merge<span className="sr-only"> {tag.name}</span>
                      </Button>
                    )}
                    <Button variant="ghost" size="sm" onClick={() => setDeleting(tag)}>
                      <Trash2Icon aria-hidden="true" />
                      Delete<span className="sr-only"> {tag.name}</span>
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <TagDialog
        open={creating || editing !== null}
        onOpenChange={(open) => {
          if (!open) {
            setCreating(false);
            setEditing(null);
          }
        }}
        tag={editing}
        onSaved={() => router.refresh()}
      />

      <Dialog open={merging !== null} onOpenChange={(open) => !open && setMerging(null)}>
        <DialogContent className="sm:max-w-md">
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              void merge();
            }}
          >
            <DialogHeader>
              <DialogTitle>Merge “{merging?.name}”</DialogTitle>
              <DialogDescription>
                Its {conversationsText(merging?.conversations ?? 0)} get the tag you choose (once, even if they already had it), and “
                {merging?.name}” is deleted.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor="merge-target">Merge into</Label>
              <NativeSelect id="merge-target" value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)} required>
                <option value="" disabled>
                  Choose the tag to keep
                </option>
                {tags
                  .filter((t) => t.id !== merging?.id)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} ({conversationsText(t.conversations)})
                    </option>
                  ))}
              </NativeSelect>
            </div>
            <DialogFooter>
              <Button variant="outline" onClick={() => setMerging(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!mergeTarget || busy}>
                {busy && <Spinner label="Merging" />}
                Merge tags
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete “{deleting?.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              {deleting?.conversations
                ? `It is removed from ${conversationsText(deleting.conversations)}, and from the statistics of past ones. To keep their history, merge it into another tag instead.`
                : "No conversation uses it."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              onClick={() => deleting && void remove(deleting)}
              disabled={busy}
            >
              Delete tag
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

"use client";

import { MessageSquareTextIcon, PencilIcon, PlusIcon, Trash2Icon, ZapIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import {
  deleteGroupAction,
  deleteReplyAction,
  reorderGroupsAction,
  reorderRepliesAction,
} from "@/app/(app)/settings/quick-replies/actions";
import { GroupDialog } from "@/components/settings/quick-replies/group-dialog";
import { MoveButtons, useReorder } from "@/components/settings/quick-replies/move-buttons";
import { ReplyEditorDialog } from "@/components/settings/quick-replies/reply-editor-dialog";
import { ReplyText } from "@/components/settings/quick-replies/reply-text";
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
import { EmptyState } from "@/components/ui/empty-state";
import type { PlaceholderValues } from "@/lib/quick-replies/placeholders";
import type { QuickReply, QuickReplyGroup } from "@/lib/quick-replies/quick-replies";
import { cn } from "@/lib/utils";

const plural = (n: number) => `${n} repl${n === 1 ? "y" : "ies"}`;
const href = (groupId: string) => `/settings/quick-replies?group=${groupId}`;

type Editing = { kind: "new-group" } | { kind: "rename"; group: QuickReplyGroup } | { kind: "reply"; reply?: QuickReply & { index: number } };
type Deleting = { kind: "group"; group: QuickReplyGroup } | { kind: "reply"; reply: QuickReply; index: number };

/**
 * Quick replies by group: the groups (with their `!name` shortcut) on the left, the chosen group's replies
 * on the right (stacked on phones). Admins create, rename, reorder and delete; everyone else reads.
 */
export function QuickRepliesManager({
  groups,
  selectedId,
  canChange,
  sample,
}: {
  groups: QuickReplyGroup[];
  selectedId: string | null;
  canChange: boolean;
  sample: PlaceholderValues;
}) {
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const saveGroupOrder = useCallback((ids: string[]) => reorderGroupsAction({ ids }), []);
  const { list: orderedGroups, move: moveGroup } = useReorder(groups, saveGroupOrder, refresh);
  const group = groups.find((g) => g.id === selectedId) ?? groups[0] ?? null;
  // On phones the replies sit below the group list: after picking a group, bring its replies into view.
  const panel = useRef<HTMLDivElement>(null);
  const picked = useRef(false);
  useEffect(() => {
    if (!picked.current) return;
    picked.current = false;
    if (window.matchMedia("(max-width: 767px)").matches) panel.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [group?.id]);

  async function confirmDelete() {
    if (!deleting) return;
    const result =
      deleting.kind === "group"
        ? await deleteGroupAction({ groupId: deleting.group.id, expectedReplies: deleting.group.replies.length })
        : await deleteReplyAction({ replyId: deleting.reply.id });
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(deleting.kind === "group" ? `!${deleting.group.name} deleted` : "Reply deleted");
    if (deleting.kind === "group") router.replace("/settings/quick-replies");
    setDeleting(null);
    refresh();
  }

  const newGroupButton = canChange && (
    <Button onClick={() => setEditing({ kind: "new-group" })}>
      <PlusIcon aria-hidden="true" />
      New group
    </Button>
  );

  return (
    <>
      {groups.length === 0 ? (
        <EmptyState
          icon={ZapIcon}
          title="No quick replies yet"
          description={
            canChange
              ? "Create a group (for example “returns”), then add the answers you give again and again. Agents open it by typing !returns."
              : "An administrator can add ready-made answers here; you will find them in the composer."
          }
          action={newGroupButton}
          className="rounded-lg border border-dashed"
        />
      ) : (
        <div className="grid gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
          <section aria-labelledby="groups-heading" className="grid content-start gap-2">
            <div className="flex items-center justify-between gap-2">
              <h2 id="groups-heading" className="text-sm font-semibold">
                Groups
              </h2>
              {canChange && (
                <Button variant="outline" size="sm" onClick={() => setEditing({ kind: "new-group" })}>
                  <PlusIcon aria-hidden="true" />
                  New group
                </Button>
              )}
            </div>
            <ul className="grid gap-1">
              {orderedGroups.map((g, index) => (
                <li key={g.id} data-reorder-item className="flex items-center gap-1">
                  <Link
                    href={href(g.id)}
                    scroll={false}
                    onClick={() => {
                      picked.current = true;
                    }}
                    aria-current={g.id === group?.id ? "page" : undefined}
                    className={cn(
                      "flex min-w-0 flex-1 items-center justify-between gap-2 rounded-md px-3 py-2 text-sm outline-hidden hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                      g.id === group?.id && "bg-accent font-medium text-accent-foreground",
                    )}
                  >
                    <span className="truncate font-mono">!{g.name}</span>
                    <span className="shrink-0 text-xs text-muted-foreground tabular-nums" aria-label={plural(g.replies.length)}>
                      {g.replies.length}
                    </span>
                  </Link>
                  {canChange && (
                    <MoveButtons label={`!${g.name}`} index={index} count={orderedGroups.length} onMove={(delta, el) => moveGroup(g.id, delta, el)} />
                  )}
                </li>
              ))}
            </ul>
          </section>
          {group && (
            <div ref={panel} className="min-w-0 scroll-mt-4">
              <GroupPanel
                key={group.id}
                group={group}
                canChange={canChange}
                onRename={() => setEditing({ kind: "rename", group })}
                onDelete={() => setDeleting({ kind: "group", group })}
                onAdd={() => setEditing({ kind: "reply" })}
                onEdit={(reply, index) => setEditing({ kind: "reply", reply: { ...reply, index } })}
                onDeleteReply={(reply, index) => setDeleting({ kind: "reply", reply, index })}
                onSaved={refresh}
              />
            </div>
          )}
        </div>
      )}

      <GroupDialog
        open={editing?.kind === "new-group" || editing?.kind === "rename"}
        onOpenChange={(open) => !open && setEditing(null)}
        group={editing?.kind === "rename" ? editing.group : undefined}
        onSaved={(id) => {
          router.replace(href(id), { scroll: false });
          refresh();
        }}
      />
      {group && (
        <ReplyEditorDialog
          open={editing?.kind === "reply"}
          onOpenChange={(open) => !open && setEditing(null)}
          group={group}
          reply={editing?.kind === "reply" ? editing.reply : undefined}
          sample={sample}
          onSaved={refresh}
        />
      )}
      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>
              {deleting?.kind === "group" ? `Delete !${deleting.group.name}?` : `Delete reply ${deleting ? deleting.index + 1 : ""}?`}
            </AlertDialogTitle>
            <AlertDialogDescription>
              {deleting?.kind === "group"
                ? deleting.group.replies.length
                  ? `Its ${plural(deleting.group.replies.length)} will be deleted with it, for everyone. This cannot be undone.`
                  : "The group is empty. This cannot be undone."
                : "Agents will no longer find it in the composer. This cannot be undone."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={(event) => {
                event.preventDefault();
                void confirmDelete();
              }}
            >
              {deleting?.kind === "group" && deleting.group.replies.length ? `Delete group and ${plural(deleting.group.replies.length)}` : "Delete"}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

function GroupPanel({
  group,
  canChange,
  onRename,
  onDelete,
  onAdd,
  onEdit,
  onDeleteReply,
  onSaved,
}: {
  group: QuickReplyGroup;
  canChange: boolean;
  onRename: () => void;
  onDelete: () => void;
  onAdd: () => void;
  onEdit: (reply: QuickReply, index: number) => void;
  onDeleteReply: (reply: QuickReply, index: number) => void;
  onSaved: () => void;
}) {
  const saveOrder = useCallback((ids: string[]) => reorderRepliesAction({ groupId: group.id, ids }), [group.id]);
  const { list, move } = useReorder(group.replies, saveOrder, onSaved);
  return (
    <section aria-labelledby="group-heading" className="grid min-w-0 content-start gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h2 id="group-heading" className="truncate font-mono text-base font-semibold">
            !{group.name}
          </h2>
          <p className="text-xs text-muted-foreground">
            {plural(group.replies.length)} · type <code className="font-mono">!{group.name}</code> in the composer to open this group
          </p>
        </div>
        {canChange && (
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" size="sm" onClick={onRename}>
              <PencilIcon aria-hidden="true" />
              Rename
            </Button>
            <Button variant="outline" size="sm" onClick={onDelete}>
              <Trash2Icon aria-hidden="true" />
              Delete
            </Button>
            <Button size="sm" onClick={onAdd}>
              <PlusIcon aria-hidden="true" />
              Add reply
            </Button>
          </div>
        )}
      </div>
      {list.length === 0 ? (
        <EmptyState
          icon={MessageSquareTextIcon}
          headingLevel={3}
          title={`No replies in !${group.name} yet`}
          description={canChange ? "Add the answers your team gives most often." : "An administrator can add replies to this group."}
          className="rounded-lg border border-dashed"
        />
      ) : (
        <ol className="grid gap-2" aria-label={`Replies in !${group.name}`}>
          {list.map((reply, index) => (
            <li key={reply.id} data-reorder-item className="flex gap-3 rounded-lg border bg-card p-3 shadow-xs">
              <span className="mt-0.5 w-5 shrink-0 text-right text-xs font-medium text-muted-foreground tabular-nums" aria-hidden="true">
                {index + 1}
              </span>
              <ReplyText body={reply.body} className="min-w-0 flex-1 text-sm" />
              {canChange && (
                <div className="-my-1 flex shrink-0 flex-col items-end gap-1 sm:flex-row sm:items-start">
                  <MoveButtons label={`reply ${index + 1}`} index={index} count={list.length} onMove={(delta, el) => move(reply.id, delta, el)} />
                  <div className="flex">
                    <Button variant="ghost" size="icon-sm" aria-label={`Edit reply ${index + 1}`} onClick={() => onEdit(reply, index)}>
                      <PencilIcon />
                    </Button>
                    <Button variant="ghost" size="icon-sm" aria-label={`Delete reply ${index + 1}`} onClick={() => onDeleteReply(reply, index)}>
                      <Trash2Icon />
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

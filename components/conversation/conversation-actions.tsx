"use client";

import { ArchiveIcon, HandIcon, UndoIcon, UserPlusIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { pickUpAction, rejectAction, releaseAction } from "@/app/(app)/inbox/actions";
import dynamic from "next/dynamic";
import type { PaneHeader, PanePermissions, TagChip } from "@/components/conversation/types";
import { WithShortcut } from "@/components/shortcuts/with-shortcut";
import { Button } from "@/components/ui/button";
import type { View } from "@/lib/conversations/views";

// Opened on demand: their code loads when first needed, not with the inbox.
const ArchiveDialog = dynamic(() => import("@/components/conversation/archive-dialog").then((m) => m.ArchiveDialog));
const AssignDialog = dynamic(() => import("@/components/conversation/assign-dialog").then((m) => m.AssignDialog));

/** The buttons a conversation's state and the viewer's role allow, and nothing else. */
export function ConversationActions({
  view,
  header,
  me,
  permissions,
  allTags,
  currentTags,
  onChanged,
}: {
  view: View;
  header: PaneHeader;
  me: { id: string };
  permissions: PanePermissions;
  allTags: TagChip[];
  currentTags: TagChip[];
  onChanged: () => void;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [assignOpen, setAssignOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  if (header.status === "closed") return null;

  async function run(name: string, call: () => Promise<{ ok: true } | { ok: false; error: string }>, done: string, leave = false) {
    setBusy(name);
    const result = await call();
    setBusy(null);
    if (!result.ok) {
      toast.error(result.error);
      onChanged();
      return;
    }
    toast.success(done);
    if (leave) router.push(`/inbox/${view}`);
    onChanged();
  }

  const conversationId = header.id;
  const isNew = header.status === "new";
  const mine = header.assigneeId === me.id;
  const show = {
    pickUp: isNew && permissions.pickUp,
    assign: permissions.assign,
    release: !isNew && Boolean(header.assigneeId) && permissions.release,
    reject: isNew && permissions.reject,
    archive: !isNew && permissions.archive,
  };
  if (!Object.values(show).some(Boolean)) return null;

  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Conversation actions">
      {show.pickUp && (
        <WithShortcut id="conversation.pickup" run>
          <Button
            size="sm"
            disabled={busy !== null}
            onClick={() => void run("pickup", () => pickUpAction({ conversationId }), "Assigned to you")}
          >
            <HandIcon aria-hidden="true" />
            Assign to me
          </Button>
        </WithShortcut>
      )}
      {show.assign && (
        <WithShortcut id="conversation.assign" run>
          <Button size="sm" variant="outline" disabled={busy !== null} onClick={() => setAssignOpen(true)}>
            <UserPlusIcon aria-hidden="true" />
            {header.assigneeId ? "Reassign" : "Assign to…"}
          </Button>
        </WithShortcut>
      )}
      {show.release && (
        <WithShortcut id="conversation.release" run>
          <Button
            size="sm"
            variant="outline"
            disabled={busy !== null}
            onClick={() => void run("release", () => releaseAction({ conversationId }), "Released to New", mine)}
          >
            <UndoIcon aria-hidden="true" />
            Release
          </Button>
        </WithShortcut>
      )}
      {show.reject && (
        <WithShortcut id="conversation.reject" run>
          <Button
            size="sm"
            variant="outline"
            disabled={busy !== null}
            onClick={() => void run("reject", () => rejectAction({ conversationId }), "Conversation rejected", true)}
          >
            <XIcon aria-hidden="true" />
            Reject
          </Button>
        </WithShortcut>
      )}
      {show.archive && (
        <WithShortcut id="conversation.archive" run>
          <Button size="sm" variant={mine ? "default" : "outline"} disabled={busy !== null} onClick={() => setArchiveOpen(true)}>
            <ArchiveIcon aria-hidden="true" />
            Archive
          </Button>
        </WithShortcut>
      )}
      {assignOpen && (
        <AssignDialog
          open={assignOpen}
          onOpenChange={setAssignOpen}
          conversationId={conversationId}
          number={header.number}
          currentAssigneeId={header.assigneeId}
          currentTeamName={header.teamName}
          onDone={onChanged}
        />
      )}
      {archiveOpen && (
        <ArchiveDialog
          open={archiveOpen}
          onOpenChange={setArchiveOpen}
          conversationId={conversationId}
          number={header.number}
          allTags={allTags}
          currentTags={currentTags}
          canTag={permissions.tag}
          onDone={() => {
            router.push(`/inbox/${view}`);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

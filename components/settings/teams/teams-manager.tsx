"use client";

import { PencilIcon, PlusIcon, Trash2Icon, UserPlusIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { addMemberAction, deleteTeamAction, removeMemberAction } from "@/app/(app)/settings/teams/actions";
import { ChannelIcon } from "@/components/channel-icon";
import { handleResult } from "@/components/settings/form-result";
import { TeamNameDialog } from "@/components/settings/teams/team-name-dialog";
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
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { Role } from "@/lib/auth/permissions";
import type { ChannelKind } from "@/lib/channels/types";
import { roleLabels } from "@/lib/settings/users.validation";

export type TeamCard = {
  id: string;
  name: string;
  isDefault: boolean;
  conversations: number;
  members: { id: string; name: string; role: Role }[];
  channels: { id: string; kind: ChannelKind; name: string }[];
};

function count(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function AddMember({ team, people, onAdded }: { team: TeamCard; people: { id: string; name: string }[]; onAdded: () => void }) {
  const [userId, setUserId] = useState("");
  const [busy, setBusy] = useState(false);
  const candidates = people.filter((p) => !team.members.some((m) => m.id === p.id));
  if (!candidates.length) return <p className="text-xs text-muted-foreground">Everyone is in this team.</p>;
  return (
    <form
      className="flex gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!userId) return;
        setBusy(true);
        const result = await addMemberAction({ teamId: team.id, userId });
        setBusy(false);
        if (!handleResult(result)) return;
        toast.success(`${people.find((p) => p.id === userId)?.name} added to ${team.name}`);
        setUserId("");
        onAdded();
      }}
    >
      <NativeSelect aria-label={`Add a member to ${team.name}`} value={userId} onChange={(e) => setUserId(e.target.value)} className="h-8 min-w-0 flex-1">
        <option value="">Add a member…</option>
        {candidates.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </NativeSelect>
      <Button type="submit" size="sm" variant="outline" disabled={!userId || busy}>
        <UserPlusIcon aria-hidden="true" />
        Add
      </Button>
    </form>
  );
}

/** The teams as cards: members (add and remove), routed accounts, rename and delete. */
export function TeamsManager({ teams, people, canChange }: { teams: TeamCard[]; people: { id: string; name: string }[]; canChange: boolean }) {
  const router = useRouter();
  const [naming, setNaming] = useState<{ id: string; name: string } | "new" | null>(null);
  const [deleting, setDeleting] = useState<TeamCard | null>(null);
  const [busy, setBusy] = useState(false);
  const defaultTeam = teams.find((t) => t.isDefault);

  async function removeMember(team: TeamCard, member: { id: string; name: string }) {
    const result = await removeMemberAction({ teamId: team.id, userId: member.id });
    if (!handleResult(result)) return;
    toast.success(`${member.name} removed from ${team.name}`);
    router.refresh();
  }

  async function remove(team: TeamCard) {
    setBusy(true);
    const result = await deleteTeamAction({ teamId: team.id });
    setBusy(false);
    setDeleting(null);
    if (!handleResult(result)) return;
    toast.success(`Team “${team.name}” deleted`);
    router.refresh();
  }

  return (
    <section aria-labelledby="teams-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="teams-heading" className="text-base font-semibold">
          Teams
        </h2>
        {canChange && (
          <Button onClick={() => setNaming("new")}>
            <PlusIcon aria-hidden="true" />
            New team
          </Button>
        )}
      </div>
      <ul className="grid gap-4 lg:grid-cols-2" aria-label="Teams">
        {teams.map((team) => (
          <li key={team.id} className="grid content-start gap-4 rounded-xl border bg-card p-4" aria-label={team.name}>
            <div className="flex items-start justify-between gap-2">
              <div className="min-w-0">
                <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                  <span className="truncate">{team.name}</span>
                  {team.isDefault && <Badge variant="info">Default team</Badge>}
                </h3>
                <p className="text-xs text-muted-foreground">
                  {count(team.members.length, "member")} · {count(team.conversations, "conversation")}
                </p>
              </div>
              {canChange && (
                <div className="flex shrink-0 gap-1">
                  <Button variant="ghost" size="icon-sm" aria-label={`Rename ${team.name}`} onClick={() => setNaming(team)}>
                    <PencilIcon />
                  </Button>
                  {!team.isDefault && (
                    <Button variant="ghost" size="icon-sm" aria-label={`Delete ${team.name}`} onClick={() => setDeleting(team)}>
                      <Trash2Icon />
                    </Button>
                  )}
                </div>
              )}
            </div>
            <div className="grid gap-2">
              <h4 className="text-xs font-medium text-muted-foreground uppercase">Members</h4>
              {team.members.length ? (
                <ul className="flex flex-wrap gap-1.5" aria-label={`Members of ${team.name}`}>
                  {team.members.map((m) => (
                    <li key={m.id}>
                      <Badge variant="secondary" className="gap-1 py-1 pr-1 font-normal">
                        {m.name}
                        <span className="text-muted-foreground">· {roleLabels[m.role]}</span>
                        {canChange && (
                          <button
                            type="button"
                            className="ml-0.5 rounded p-0.5 hover:bg-background/60 focus-visible:outline-2 focus-visible:outline-ring"
                            aria-label={`Remove ${m.name} from ${team.name}`}
                            onClick={() => void removeMember(team, m)}
                          >
                            <XIcon className="size-3" aria-hidden="true" />
                          </button>
                        )}
                      </Badge>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">No members yet: nobody sees this team’s new conversations.</p>
              )}
              {canChange && <AddMember team={team} people={people} onAdded={() => router.refresh()} />}
            </div>
            <div className="grid gap-2">
              <h4 className="text-xs font-medium text-muted-foreground uppercase">Channel accounts</h4>
              {team.channels.length || team.isDefault ? (
                <ul className="grid gap-1 text-sm">
                  {team.channels.map((c) => (
                    <li key={c.id} className="flex items-center gap-2">
                      <ChannelIcon kind={c.kind} />
                      <span className="truncate">{c.name}</span>
                    </li>
                  ))}
                  {team.isDefault && <li className="text-xs text-muted-foreground">…and every account not routed elsewhere.</li>}
                </ul>
              ) : (
                <p className="text-sm text-muted-foreground">None routed here yet (see Routing below).</p>
              )}
            </div>
          </li>
        ))}
      </ul>

      <TeamNameDialog
        open={naming !== null}
        onOpenChange={(open) => !open && setNaming(null)}
        team={naming === "new" ? null : naming}
        onSaved={() => router.refresh()}
      />
      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete the team “{deleting?.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Its {count(deleting?.conversations ?? 0, "conversation")} and {count(deleting?.channels.length ?? 0, "channel account")} move to{" "}
              {defaultTeam?.name ?? "the default team"}. Members who are in no other team join {defaultTeam?.name ?? "the default team"}.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              disabled={busy}
              onClick={() => deleting && void remove(deleting)}
            >
              Delete team
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </section>
  );
}

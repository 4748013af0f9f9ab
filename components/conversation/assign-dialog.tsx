"use client";

import { UsersIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { assignAction, colleaguesAction, moveToTeamAction, teamsAction } from "@/app/(app)/inbox/actions";
import { Avatar, AvatarFallback, getInitials } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

type Colleague = { id: string; name: string; role: string; isMe: boolean };

/** Hand the conversation to someone who is online now (presence from the heartbeat). */
export function AssignDialog({
  open,
  onOpenChange,
  conversationId,
  number,
  currentAssigneeId,
  currentTeamName,
  onDone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: string;
  number: number;
  currentAssigneeId: string | null;
  currentTeamName: string;
  onDone: () => void;
}) {
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [team, setTeam] = useState("");
  const [people, setPeople] = useState<Colleague[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void colleaguesAction({ conversationId }).then((result) => {
      if (!live) return;
      if (result.ok) setPeople(result.data);
      else setError(result.error);
    });
    void teamsAction({}).then((result) => {
      if (live && result.ok) setTeams(result.data.filter((t) => t.name !== currentTeamName));
    });
    return () => {
      live = false;
    };
  }, [conversationId, currentTeamName]);

  async function moveToTeam() {
    if (!team) return;
    setBusy(true);
    const result = await moveToTeamAction({ conversationId, teamId: team });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(`Conversation #${number} is in the ${teams.find((t) => t.id === team)?.name ?? "other"} team's queue`);
    onOpenChange(false);
    onDone();
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    const result = await assignAction({ conversationId, toUserId: chosen, expectedAssigneeId: currentAssigneeId });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(`Conversation #${number} assigned to ${people?.find((p) => p.id === chosen)?.name ?? "your colleague"}`);
    onOpenChange(false);
    onDone();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Assign conversation #{number}</DialogTitle>
            <DialogDescription>Only colleagues who are online now and work for this conversation&apos;s team are listed.</DialogDescription>
          </DialogHeader>
          {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
          {!people && !error && (
            <div className="flex justify-center p-6">
              <Spinner label="Loading colleagues" />
            </div>
          )}
          {people?.length === 0 && (
            <EmptyState icon={UsersIcon} title="Nobody else is online" description="Try again when a colleague has signed in, or release the conversation to New." />
          )}
          {people && people.length > 0 && (
            <div role="radiogroup" aria-label="Colleagues online" className="grid max-h-72 gap-1 overflow-y-auto">
              {people.map((person) => (
                <label
                  key={person.id}
                  className={cn(
                    "flex cursor-pointer items-center gap-3 rounded-md border p-2 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                    chosen === person.id && "border-primary bg-primary/5",
                  )}
                >
                  <input
                    type="radio"
                    name="assignee"
                    value={person.id}
                    checked={chosen === person.id}
                    onChange={() => setChosen(person.id)}
                    className="sr-only"
                  />
                  <span className="relative">
                    <Avatar className="size-8">
                      <AvatarFallback className="text-xs">{getInitials(person.name)}</AvatarFallback>
                    </Avatar>
                    <span className="absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full border-2 border-background bg-green-500" aria-hidden="true" />
                  </span>
                  <span className="text-sm">
                    {person.name}
                    {person.isMe && <span className="text-muted-foreground"> (you)</span>}
                    <span className="block text-xs text-muted-foreground capitalize">{person.role} · online</span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {teams.length > 0 && (
            <div className="grid gap-2 border-t pt-4">
              <label htmlFor="move-team" className="text-sm font-medium">
                Or put it in another team&apos;s queue
              </label>
              <div className="flex gap-2">
                <NativeSelect
                  id="move-team"
                  value={team}
                  onChange={(e) => setTeam(e.target.value)}
                  className="flex-1"
                >
                  <option value="">Choose a team…</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </NativeSelect>
                <Button variant="outline" disabled={!team || busy} onClick={() => void moveToTeam()}>
                  Move to queue
                </Button>
              </div>
              <p className="text-xs text-muted-foreground">It returns to New, unassigned, for that team&apos;s members to pick up.</p>
            </div>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!chosen || busy}>
              {busy && <Spinner label="Assigning" />}
              Assign
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

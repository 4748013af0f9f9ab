"use client";

import { UserXIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { changeRoleAction, disableUserAction } from "@/app/(app)/settings/users/actions";
import { handleResult } from "@/components/settings/form-result";
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
import { Avatar, AvatarFallback, AvatarImage, getInitials } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import type { Role } from "@/lib/auth/permissions";
import { formatListTime } from "@/lib/format";
import { assignableRoles, roleLabels } from "@/lib/settings/users.validation";
import { cn } from "@/lib/utils";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  avatarUrl: string | null;
  lastSeenAt: string | null;
  online: boolean;
  takesSeat: boolean;
  teams: { id: string; name: string }[];
  openConversations: number;
};

function Presence({ user, timeZone }: { user: UserRow; timeZone: string }) {
  if (user.role === "disabled") return <span className="text-muted-foreground">Cannot sign in</span>;
  if (user.online)
    return (
      <span className="inline-flex items-center gap-1.5 text-success">
        <span className="size-2 rounded-full bg-success" aria-hidden="true" />
        Online
      </span>
    );
  return (
    <span className="text-muted-foreground">
      {user.lastSeenAt ? `Last seen ${formatListTime(new Date(user.lastSeenAt), timeZone)}` : "Never signed in"}
    </span>
  );
}

/**
 * Everyone with their role, teams, seat and presence. Administrators change roles in place and
 * disable people; the server refuses what the seats or the last-admin rule do not allow.
 */
export function UsersList({
  users,
  canChange,
  currentUserId,
  seatsFree,
  timeZone,
}: {
  users: UserRow[];
  canChange: boolean;
  currentUserId: string;
  seatsFree: number;
  timeZone: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<UserRow | null>(null);

  async function changeRole(user: UserRow, role: Role) {
    setBusy(user.id);
    const result = await changeRoleAction({ userId: user.id, role });
    setBusy(null);
    if (handleResult(result)) toast.success(`${user.name} is now ${roleLabels[role].toLowerCase()}`);
    // Refresh either way: on a refusal the select shows the role that really is stored.
    router.refresh();
  }

  async function disable(user: UserRow) {
    setBusy(user.id);
    const result = await disableUserAction({ userId: user.id });
    setBusy(null);
    setDisabling(null);
    if (handleResult(result)) toast.success(`${user.name} is disabled`);
    router.refresh();
  }

  return (
    <>
      <ul aria-label="Users" className="divide-y rounded-xl border bg-card">
        {users.map((user) => {
          const self = user.id === currentUserId;
          return (
            <li
              key={user.id}
              className={cn(
                "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 px-4 py-3 md:grid-cols-[minmax(0,1.5fr)_10rem_minmax(0,1.2fr)_8rem_6.5rem]",
                user.role === "disabled" && "bg-muted/40",
              )}
            >
              <div className="col-span-2 flex min-w-0 items-center gap-3 md:col-span-1">
                <Avatar className="size-9">
                  {user.avatarUrl && <AvatarImage src={user.avatarUrl} alt="" />}
                  <AvatarFallback>{getInitials(user.name)}</AvatarFallback>
                </Avatar>
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    {user.name}
                    {self && <span className="font-normal text-muted-foreground"> (you)</span>}
                  </p>
                  <p className="truncate text-xs text-muted-foreground">{user.email}</p>
                  <p className="text-xs md:hidden">
                    <Presence user={user} timeZone={timeZone} />
                  </p>
                </div>
              </div>
              <div className="max-w-56 md:max-w-none">
                {canChange ? (
                  <NativeSelect
                    aria-label={`Role of ${user.name}`}
                    value={user.role}
                    disabled={busy === user.id}
                    onChange={(e) => void changeRole(user, e.target.value as Role)}
                    className="h-8"
                  >
                    {user.role === "disabled" && <option value="disabled">{roleLabels.disabled}</option>}
                    {assignableRoles.map((role) => {
                      const needsSeat = role !== "watcher" && !user.takesSeat;
                      return (
                        <option key={role} value={role} disabled={needsSeat && seatsFree === 0}>
                          {roleLabels[role]}
                          {needsSeat && seatsFree === 0 ? " (no free seat)" : ""}
                        </option>
                      );
                    })}
                  </NativeSelect>
                ) : (
                  <Badge variant={user.role === "disabled" ? "outline" : "secondary"}>{roleLabels[user.role]}</Badge>
                )}
              </div>
              <div className="col-span-2 flex flex-wrap gap-1 md:col-span-1" aria-label={`Teams of ${user.name}`}>
                {user.teams.length ? (
                  user.teams.map((t) => (
                    <Badge key={t.id} variant="outline" className="font-normal">
                      {t.name}
                    </Badge>
                  ))
                ) : (
                  <span className="text-xs text-muted-foreground">No team</span>
                )}
              </div>
              <div className="col-span-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs md:col-span-1">
                <span className={user.takesSeat ? "" : "text-muted-foreground"}>{user.takesSeat ? "Takes a seat" : "No seat"}</span>
                <span className="hidden md:inline">
                  <Presence user={user} timeZone={timeZone} />
                </span>
              </div>
              <div className="col-start-2 row-start-2 flex justify-end md:col-start-auto md:row-start-auto">
                {canChange && user.role !== "disabled" && !self && (
                  <Button variant="ghost" size="sm" onClick={() => setDisabling(user)} disabled={busy === user.id}>
                    <UserXIcon aria-hidden="true" />
                    Disable<span className="sr-only"> {user.name}</span>
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <AlertDialog open={disabling !== null} onOpenChange={(open) => !open && setDisabling(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Disable {disabling?.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              They are signed out and can no longer sign in
              {disabling?.takesSeat ? ", and their seat becomes free" : ""}.{" "}
              {disabling?.openConversations
                ? `Their ${disabling.openConversations === 1 ? "open conversation goes" : `${disabling.openConversations} open conversations go`} back to New for their team.`
                : "They have no open conversations."}{" "}
              You can give them a role again later.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              onClick={() => disabling && void disable(disabling)}
            >
              Disable
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}

"use client";

import { UsersIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { INBOX_TEAM_COOKIE } from "@/lib/settings/inbox-team";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** For people in several teams: narrows the inbox (views, counts and list) to one of them. */
export function TeamSwitcher({ teams, teamId }: { teams: { id: string; name: string }[]; teamId: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  if (teams.length < 2) return null;
  return (
    <div className="flex shrink-0 items-center gap-2 border-b px-3 py-2">
      {pending ? <Spinner label="Switching team" /> : <UsersIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />}
      <label htmlFor="inbox-team" className="sr-only">
        Team
      </label>
      <NativeSelect
        id="inbox-team"
        value={teamId ?? ""}
        className="h-8 border-transparent bg-transparent shadow-none hover:bg-accent"
        onChange={(e) => {
          const secure = window.location.protocol === "https:" ? "; Secure" : "";
          document.cookie = e.target.value
            ? `${INBOX_TEAM_COOKIE}=${e.target.value}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure}`
            : `${INBOX_TEAM_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
          startTransition(() => router.refresh());
        }}
      >
        <option value="">All my teams</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

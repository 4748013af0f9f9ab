"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { setRouteAction } from "@/app/(app)/settings/teams/actions";
import { ChannelIcon, channelLabels } from "@/components/channel-icon";
import { handleResult } from "@/components/settings/form-result";
import { Badge } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";
import type { ChannelKind } from "@/lib/channels/types";

export type RouteRow = { id: string; kind: ChannelKind; name: string; active: boolean; teamId: string | null };

/**
 * The reference's routing table: each channel account → one team. "Default team" means unrouted: the
 * account follows whichever team is the default. A change applies to new conversations only.
 */
export function RoutingTable({
  channels,
  teams,
  canChange,
}: {
  channels: RouteRow[];
  teams: { id: string; name: string; isDefault: boolean }[];
  canChange: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const defaultTeam = teams.find((t) => t.isDefault);
  const others = teams.filter((t) => !t.isDefault);
  const teamName = (id: string | null) =>
    id && id !== defaultTeam?.id ? teams.find((t) => t.id === id)?.name : `${defaultTeam?.name ?? "Default team"} (default)`;

  async function route(channel: RouteRow, value: string) {
    setBusy(channel.id);
    const result = await setRouteAction({ channelId: channel.id, teamId: value || null });
    setBusy(null);
    if (handleResult(result)) toast.success(`New conversations on ${channel.name} now go to ${teamName(value || null)}`);
    router.refresh();
  }

  return (
    <section aria-labelledby="routing-heading" className="grid gap-3">
      <div>
        <h2 id="routing-heading" className="text-base font-semibold">
          Routing
        </h2>
        <p className="text-sm text-muted-foreground">
          Which team sees each account’s new conversations in New. Unrouted accounts go to the default team,{" "}
          {defaultTeam?.name ?? "the default team"}. Existing conversations stay where they are.
        </p>
      </div>
      {channels.length === 0 ? (
        <p className="rounded-xl border p-4 text-sm text-muted-foreground">No channel accounts yet. Add one under Channels.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border bg-card">
          <table className="w-full text-sm">
            <caption className="sr-only">Routing of channel accounts to teams</caption>
            <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                  Channel
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Account
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Team
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {channels.map((c) => (
                <tr key={c.id}>
                  <td className="hidden px-4 py-2 whitespace-nowrap sm:table-cell">
                    <ChannelIcon kind={c.kind} withLabel />
                  </td>
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <span className="flex items-center gap-2">
                      <span className="sm:hidden">
                        <ChannelIcon kind={c.kind} />
                      </span>
                      <span className="line-clamp-2 break-words">{c.name}</span>
                    </span>
                    {!c.active && (
                      <Badge variant="outline" className="mt-0.5 font-normal">
                        Inactive
                      </Badge>
                    )}
                  </th>
                  <td className="w-44 px-4 py-2 sm:w-56">
                    {canChange ? (
                      <NativeSelect
                        aria-label={`Team for ${channelLabels[c.kind]} ${c.name}`}
                        value={c.teamId && c.teamId !== defaultTeam?.id ? c.teamId : ""}
                        disabled={busy === c.id}
                        onChange={(e) => void route(c, e.target.value)}
                        className="h-8"
                      >
                        <option value="">{defaultTeam?.name ?? "Default team"} (default)</option>
                        {others.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
                          </option>
                        ))}
                      </NativeSelect>
                    ) : (
                      teamName(c.teamId)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

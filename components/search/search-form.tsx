"use client";

import { SearchIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { channelLabels } from "@/lib/channels/labels";
import type { FilterOptions } from "@/lib/conversations/filters-options";
import {
  activeFilterCount,
  channelKinds,
  conversationStates,
  filtersToSearchParams,
  stateLabels,
  UNASSIGNED,
  type ConversationFilters,
} from "@/lib/conversations/filters";
import { cn } from "@/lib/utils";

/**
 * The search box and the narrowing choices of the reference's search page. Submitting navigates to
 * /search with everything in the query, so a search can be bookmarked, shared and gone back to.
 */
export function SearchForm({ q, filters, options }: { q: string; filters: ConversationFilters; options: FilterOptions }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState(q);
  const [draft, setDraft] = useState<ConversationFilters>(filters);
  const set = (patch: Partial<ConversationFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const single = (values: string[] | undefined) => (values?.length === 1 ? values[0] : "");
  const kindsWithAccounts = channelKinds.filter((k) => options.channels.some((c) => c.kind === k));
  const narrowCount = activeFilterCount(filters);
  // On a phone the choices fold away behind one button; open when some are in use.
  const [narrowOpen, setNarrowOpen] = useState(narrowCount > 0);

  return (
    <form
      role="search"
      className="grid gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const params = filtersToSearchParams(draft);
        if (text.trim()) params.set("q", text.trim());
        router.push(`/search${params.size ? `?${params}` : ""}`);
      }}
    >
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Input
            type="search"
            name="q"
            aria-label="Search conversations"
            placeholder="Phone number, e-mail, @handle, #number or words"
            className="pl-9"
            value={text}
            autoFocus={!q}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <Button type="submit">Search</Button>
      </div>
      <button
        type="button"
        className="flex items-center gap-1 justify-self-start text-sm text-primary underline-offset-4 hover:underline md:hidden"
        aria-expanded={narrowOpen}
        aria-controls={`${id}-narrow`}
        onClick={() => setNarrowOpen((o) => !o)}
      >
        {narrowOpen ? "Hide the filters" : `Narrow the search${narrowCount ? ` (${narrowCount} on)` : ""}`}
      </button>
      <fieldset id={`${id}-narrow`} className={cn("grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-3 md:grid lg:grid-cols-7", narrowOpen ? "grid" : "hidden")}>
        <legend className="sr-only">Narrow the search</legend>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-channel`} className="text-xs text-muted-foreground">
            Channel
          </Label>
          <NativeSelect id={`${id}-channel`} value={single(draft.channels)} onChange={(e) => set({ channels: e.target.value ? [e.target.value] : undefined })}>
            <option value="">Any</option>
            {kindsWithAccounts.map((kind) => (
              <optgroup key={kind} label={channelLabels[kind]}>
                <option value={kind}>{channelLabels[kind]} (all)</option>
                {options.channels
                  .filter((c) => c.kind === kind)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-tag`} className="text-xs text-muted-foreground">
            Tag
          </Label>
          <NativeSelect id={`${id}-tag`} value={single(draft.tags)} onChange={(e) => set({ tags: e.target.value ? [e.target.value] : undefined })}>
            <option value="">Any</option>
            {options.tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-team`} className="text-xs text-muted-foreground">
            Team
          </Label>
          <NativeSelect id={`${id}-team`} value={draft.team ?? ""} onChange={(e) => set({ team: e.target.value || undefined })}>
            <option value="">Any</option>
            {options.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-agent`} className="text-xs text-muted-foreground">
            Agent
          </Label>
          <NativeSelect id={`${id}-agent`} value={draft.agent ?? ""} onChange={(e) => set({ agent: e.target.value || undefined })}>
            <option value="">Anyone</option>
            <option value={UNASSIGNED}>Unassigned</option>
            {options.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.isMe ? `${a.name} (you)` : a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-state`} className="text-xs text-muted-foreground">
            State
          </Label>
          <NativeSelect
            id={`${id}-state`}
            value={single(draft.states)}
            onChange={(e) => set({ states: e.target.value ? [e.target.value as (typeof conversationStates)[number]] : undefined })}
          >
            <option value="">Any</option>
            {conversationStates.map((s) => (
              <option key={s} value={s}>
                {stateLabels[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-from`} className="text-xs text-muted-foreground">
            From
          </Label>
          <Input id={`${id}-from`} type="date" className="h-9 px-2" value={draft.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`${id}-to`} className="text-xs text-muted-foreground">
            Until
          </Label>
          <Input id={`${id}-to`} type="date" className="h-9 px-2" value={draft.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} />
        </div>
      </fieldset>
    </form>
  );
}

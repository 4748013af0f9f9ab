"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { channelLabels } from "@/lib/channels/labels";
import type { FilterOptions } from "@/lib/conversations/filters-options";
import {
  channelKinds,
  conversationStates,
  moodFilters,
  moodLabels,
  stateLabels,
  UNASSIGNED,
  type ConversationFilters,
  type MoodFilter,
} from "@/lib/conversations/filters";
import { languageName } from "@/lib/names";

// The languages detection most often reports for a support inbox; the URL accepts any ISO 639 code.
const languageOptions = ["en", "nl", "de", "fr", "es", "pt", "it", "ar", "tr", "pl", "zh", "ja", "hi"].map((code) => ({
  code,
  label: languageName(code) ?? code,
}));

function toggle<T>(list: T[] | undefined, value: T, on: boolean): T[] {
  const rest = (list ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

function CheckList({ legend, items, selected, onChange }: {
  legend: string;
  items: { value: string; label: string }[];
  selected: string[] | undefined;
  onChange: (value: string, on: boolean) => void;
}) {
  const id = useId();
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {items.map((item) => (
          <div key={item.value} className="flex items-center gap-2">
            <Checkbox
              id={`${id}-${item.value}`}
              checked={selected?.includes(item.value) ?? false}
              onCheckedChange={(on) => onChange(item.value, on === true)}
            />
            <Label htmlFor={`${id}-${item.value}`} className="font-normal">
              {item.label}
            </Label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The "Filter conversations" dialog: every filter of the reference, applied together. */
export function FiltersDialog({
  open,
  onOpenChange,
  filters,
  options,
  onApply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  filters: ConversationFilters;
  options: FilterOptions | null;
  onApply: (filters: ConversationFilters) => void;
}) {
  const [draft, setDraft] = useState<ConversationFilters>(filters);
  const set = (patch: Partial<ConversationFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const id = useId();
  const accountsByKind = channelKinds
    .map((kind) => ({ kind, accounts: options?.channels.filter((c) => c.kind === kind) ?? [] }))
    .filter((g) => g.accounts.length > 0);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Filter conversations</DialogTitle>
          <DialogDescription>The list shows the conversations that match all of these. The filters stay in the address, so you can bookmark or share the view.</DialogDescription>
        </DialogHeader>
        <form
          id={`${id}-form`}
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            onApply({ ...draft, customer: draft.customer?.trim() || undefined });
            onOpenChange(false);
          }}
        >
          {!options ? (
            <Spinner label="Loading the filter choices" />
          ) : (
            <>
              <CheckList
                legend="Channel"
                items={accountsByKind.flatMap(({ kind, accounts }) =>
                  accounts.length > 1
                    ? [{ value: kind, label: `${channelLabels[kind]} (all)` }, ...accounts.map((a) => ({ value: a.id, label: `${channelLabels[kind]}: ${a.name}` }))]
                    : [{ value: kind, label: channelLabels[kind] }],
                )}
                selected={draft.channels}
                onChange={(value, on) => set({ channels: toggle(draft.channels, value, on) })}
              />
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="grid gap-1.5">
                  <Label htmlFor={`${id}-agent`}>Agent</Label>
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
                <div className="grid gap-1.5">
                  <Label htmlFor={`${id}-team`}>Team</Label>
                  <NativeSelect id={`${id}-team`} value={draft.team ?? ""} onChange={(e) => set({ team: e.target.value || undefined })}>
                    <option value="">All my teams</option>
                    {options.teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
              </div>
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="grid gap-1.5">
                  <Label htmlFor={`${id}-lang`}>Language</Label>
                  <NativeSelect id={`${id}-lang`} value={draft.language ?? ""} onChange={(e) => set({ language: e.target.value || undefined })}>
                    <option value="">Any language</option>
                    {languageOptions.map((l) => (
                      <option key={l.code} value={l.code}>
                        {l.label}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="grid gap-1.5">
                  <Label htmlFor={`${id}-mood`}>Mood</Label>
                  <NativeSelect
                    id={`${id}-mood`}
                    value={draft.sentiment ?? ""}
                    onChange={(e) => set({ sentiment: (e.target.value || undefined) as MoodFilter | undefined })}
                  >
                    <option value="">Any mood</option>
                    {moodFilters.map((m) => (
                      <option key={m} value={m}>
                        {moodLabels[m]}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
              </div>
              {options.tags.length > 0 && (
                <CheckList
                  legend="Tag (any of)"
                  items={options.tags.map((t) => ({ value: t.id, label: t.name }))}
                  selected={draft.tags}
                  onChange={(value, on) => set({ tags: toggle(draft.tags, value, on) })}
                />
              )}
            </>
          )}
          <CheckList
            legend="State"
            items={conversationStates.map((s) => ({ value: s, label: stateLabels[s] }))}
            selected={draft.states}
            onChange={(value, on) => set({ states: toggle(draft.states, value as (typeof conversationStates)[number], on) })}
          />
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-customer`}>Customer</Label>
              <Input
                id={`${id}-customer`}
                placeholder="Name, phone number, handle or e-mail"
                value={draft.customer ?? ""}
                maxLength={200}
                onChange={(e) => set({ customer: e.target.value })}
              />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-number`}>Conversation number</Label>
              <Input
                id={`${id}-number`}
                inputMode="numeric"
                placeholder="e.g. 1042"
                value={draft.number ?? ""}
                onChange={(e) => {
                  const digits = e.target.value.replace(/\D/g, "").slice(0, 15);
                  set({ number: digits ? Number(digits) : undefined });
                }}
              />
            </div>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Time span</legend>
            <p className="text-xs text-muted-foreground">Conversations that were going on at some point between these days.</p>
            <div className="grid grid-cols-2 gap-4">
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-from`} className="font-normal">
                  From
                </Label>
                <Input id={`${id}-from`} type="date" value={draft.from ?? ""} onChange={(e) => set({ from: e.target.value || undefined })} />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-to`} className="font-normal">
                  Until
                </Label>
                <Input id={`${id}-to`} type="date" value={draft.to ?? ""} onChange={(e) => set({ to: e.target.value || undefined })} />
              </div>
            </div>
          </fieldset>
        </form>
        <DialogFooter className="gap-2 sm:justify-between">
          <Button variant="ghost" onClick={() => setDraft({ sort: draft.sort, dir: draft.dir })}>
            Clear all
          </Button>
          <Button type="submit" form={`${id}-form`}>
            Show conversations
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

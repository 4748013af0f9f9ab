"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { saveChannelAction } from "@/app/(app)/settings/channels/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import type { ChannelKind, FieldSpec } from "@/lib/channels/types";

const DEFAULT_TEAM = "__default__";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-destructive">
      {messages[0]}
    </p>
  );
}

/**
 * The account form, generated from the adapter's fields. Secrets are never filled in: a saved one shows
 * as such, and leaving it empty keeps it.
 */
export function ChannelForm({
  id,
  kind,
  name: initialName,
  teamId: initialTeam,
  teams,
  fields,
  values,
  secretsSet,
}: {
  id?: string;
  kind: ChannelKind;
  name: string;
  teamId: string | null;
  teams: { id: string; name: string; isDefault: boolean }[];
  fields: FieldSpec[];
  values: Record<string, string>;
  secretsSet: string[];
}) {
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [teamId, setTeamId] = useState(initialTeam ?? DEFAULT_TEAM);
  const [config, setConfig] = useState<Record<string, string>>(values);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFormError(null);
    const result = await saveChannelAction({ id, kind, name, teamId: teamId === DEFAULT_TEAM ? null : teamId, config });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setFormError(result.error);
      return;
    }
    setErrors({});
    toast.success(id ? "Channel saved" : "Channel added");
    if (!result.data.registered.ok) toast.warning(result.data.registered.message);
    router.push(`/settings/channels/${result.data.id}`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="grid max-w-2xl gap-5" noValidate>
      <FormAlert>{formError}</FormAlert>
      <div className="grid gap-2">
        <Label htmlFor="channel-name">Account name</Label>
        <Input
          id="channel-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "channel-name-error" : undefined}
          placeholder="e.g. WhatsApp +31 20 123 4567"
        />
        <FieldError id="channel-name-error" messages={errors.name} />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="channel-team">Route conversations to</Label>
        <Select value={teamId} onValueChange={setTeamId}>
          <SelectTrigger id="channel-team" className="w-full sm:w-72">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={DEFAULT_TEAM}>The default team</SelectItem>
            {teams
              .filter((t) => !t.isDefault)
              .map((t) => (
                <SelectItem key={t.id} value={t.id}>
                  {t.name}
                </SelectItem>
              ))}
          </SelectContent>
        </Select>
      </div>
      {fields.map((field) => {
        const inputId = `config-${field.name}`;
        const errorId = `${inputId}-error`;
        const fieldErrors = errors[`config.${field.name}`];
        const isSecret = field.secret || field.type === "secret";
        const saved = isSecret && secretsSet.includes(field.name);
        const common = {
          id: inputId,
          name: field.name,
          value: config[field.name] ?? "",
          "aria-invalid": Boolean(fieldErrors),
          "aria-describedby": [field.help ? `${inputId}-help` : "", fieldErrors ? errorId : ""].filter(Boolean).join(" ") || undefined,
          placeholder: saved ? "Saved — leave empty to keep it" : field.placeholder,
          autoComplete: "off",
        };
        return (
          <div key={field.name} className="grid gap-2">
            <Label htmlFor={inputId}>
              {field.label}
              {field.optional && <span className="font-normal text-muted-foreground"> (optional)</span>}
            </Label>
            {field.type === "textarea" ? (
              <Textarea {...common} onChange={(e) => setConfig((c) => ({ ...c, [field.name]: e.target.value }))} />
            ) : (
              <Input
                {...common}
                type={isSecret ? "password" : field.type === "number" ? "text" : field.type}
                inputMode={field.type === "number" ? "numeric" : undefined}
                onChange={(e) => setConfig((c) => ({ ...c, [field.name]: e.target.value }))}
              />
            )}
            {field.help && (
              <p id={`${inputId}-help`} className="text-xs text-muted-foreground">
                {field.help}
              </p>
            )}
            <FieldError id={errorId} messages={fieldErrors} />
          </div>
        );
      })}
      <div>
        <Button type="submit" disabled={busy}>
          {busy && <Spinner label="Saving" />}
          {id ? "Save changes" : "Add channel"}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TriangleAlertIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { toast } from "sonner";
import { previewRetentionAction, updateServiceSettingsAction } from "@/app/(app)/settings/service/actions";
import { handleResult } from "@/components/settings/form-result";
import { SettingsCard } from "@/components/settings/settings-card";
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
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { formatBytes, formatDateTime } from "@/lib/format";
import { retentionDaysSchema, serviceSettingsSchema, type ServiceSettingsInput } from "@/lib/settings/service.validation";

type Preview = { messages: number; attachments: number; bytes: number; conversations: number; cutoff: string };

const agentSwitches: { name: Path<ServiceSettingsInput>; label: string; description: string }[] = [
  { name: "agentsCanCreateTags", label: "Agents may create tags", description: "Otherwise they choose from the tags an administrator made." },
  { name: "agentsCanMerge", label: "Agents may merge contacts", description: "Combine two customer profiles into one." },
  { name: "agentsCanSeeAll", label: "Agents may see All", description: "Every team's conversations, not only their own teams'." },
  { name: "agentsCanExport", label: "Agents may export conversations", description: "Download conversations as PDF, Excel or CSV." },
];

const numberFields: { name: Path<ServiceSettingsInput>; label: string; unit: string; description: string }[] = [
  {
    name: "inactivityCloseHours",
    label: "Close inactive conversations after",
    unit: "hours",
    description: "A conversation without any message for this long closes by itself.",
  },
  {
    name: "reopenWindowHours",
    label: "Reopen window",
    unit: "hours",
    description: "A customer writing again within this time after closing reopens the same conversation; later, a new one starts.",
  },
  {
    name: "responseTargetMinutes",
    label: "Response-time target",
    unit: "minutes",
    description: "A first answer within this time counts as on time in the statistics.",
  },
];

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/** Live count of what retention would delete for the days typed, fetched once typing pauses. */
function useRetentionPreview(days: unknown, active: boolean) {
  const [state, setState] = useState<{ days: number; preview: Preview | null; error: string | null } | null>(null);
  const parsed = retentionDaysSchema.safeParse(days);
  const valid = parsed.success ? parsed.data : null;
  useEffect(() => {
    if (!active || valid === null) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await previewRetentionAction({ days: valid });
      if (cancelled) return;
      setState(result.ok ? { days: valid, preview: result.data, error: null } : { days: valid, preview: null, error: result.error });
    }, 350);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [active, valid]);
  return { days: valid, current: state && state.days === valid ? state : null };
}

export function ServiceForm({
  defaults,
  canChange,
  timeZone,
  regions,
}: {
  defaults: ServiceSettingsInput;
  canChange: boolean;
  timeZone: string;
  /** Country names come from the server's Intl data, so server and browser render the same list. */
  regions: { code: string; name: string }[];
}) {
  const router = useRouter();
  const form = useForm<ServiceSettingsInput>({ resolver: zodResolver(serviceSettingsSchema), defaultValues: defaults });
  const [confirming, setConfirming] = useState<ServiceSettingsInput | null>(null);
  const retentionEnabled = useWatch({ control: form.control, name: "retentionEnabled" });
  const retentionDays = useWatch({ control: form.control, name: "retentionDays" });
  const { current: preview } = useRetentionPreview(retentionDays, canChange);

  async function save(values: ServiceSettingsInput) {
    setConfirming(null);
    if (!handleResult(await updateServiceSettingsAction(values), form)) return;
    form.reset(values);
    toast.success("Service settings saved");
    router.refresh();
  }

  /** Switching retention on, or shortening it, deletes data: that is confirmed with the preview's numbers first. */
  function onSubmit(values: ServiceSettingsInput) {
    const days = Number(values.retentionDays);
    const before = defaults.retentionEnabled ? Number(defaults.retentionDays) : Infinity;
    if (values.retentionEnabled && days < before) setConfirming(values);
    else void save(values);
  }

  const counts = preview?.preview;

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <fieldset disabled={!canChange || form.formState.isSubmitting} className="grid gap-6">
          <legend className="sr-only">Service settings</legend>
          <SettingsCard title="What agents may do" description="Administrators and supervisors may always do all of these.">
            <div className="grid gap-3">
              {agentSwitches.map((s) => (
                <FormField
                  key={s.name}
                  control={form.control}
                  name={s.name}
                  render={({ field }) => (
                    <FormItem className="flex items-start justify-between gap-4 rounded-lg border p-3">
                      <div className="grid gap-0.5">
                        <FormLabel className="font-normal">{s.label}</FormLabel>
                        <FormDescription className="text-xs">{s.description}</FormDescription>
                      </div>
                      <FormControl>
                        <Switch checked={Boolean(field.value)} onCheckedChange={field.onChange} disabled={!canChange} />
                      </FormControl>
                    </FormItem>
                  )}
                />
              ))}
            </div>
          </SettingsCard>

          <SettingsCard title="Conversations" description="Closing, reopening and the response-time goal.">
            <div className="grid gap-5 sm:grid-cols-3">
              {numberFields.map((f) => (
                <FormField
                  key={f.name}
                  control={form.control}
                  name={f.name}
                  render={({ field }) => (
                    <FormItem className="content-start">
                      <FormLabel>{f.label}</FormLabel>
                      <div className="flex items-center gap-2">
                        <FormControl>
                          <Input
                            type="number"
                            inputMode="numeric"
                            className="w-28"
                            {...field}
                            value={field.value === undefined || field.value === null ? "" : String(field.value)}
                          />
                        </FormControl>
                        <span className="text-sm text-muted-foreground">{f.unit}</span>
                      </div>
                      <FormDescription className="text-xs">{f.description}</FormDescription>
                      <FormMessage />
                    </FormItem>
                  )}
                />
              ))}
            </div>
          </SettingsCard>

          <SettingsCard title="Phone numbers" description="How numbers typed without a country code are read.">
            <FormField
              control={form.control}
              name="defaultRegion"
              render={({ field }) => (
                <FormItem className="sm:max-w-sm">
                  <FormLabel>Default country</FormLabel>
                  <FormControl>
                    <NativeSelect {...field} value={String(field.value)}>
                      {regions.map((r) => (
                        <option key={r.code} value={r.code}>
                          {r.name} ({r.code})
                        </option>
                      ))}
                    </NativeSelect>
                  </FormControl>
                  <FormDescription className="text-xs">With the Netherlands chosen, “020 123 4567” is saved as +31 20 123 4567.</FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
          </SettingsCard>

          <SettingsCard
            title="Data retention"
            description="Delete messages and their attachments once they are older than a number of days. Off by default; notes, tags and the case timeline are kept."
          >
            <div className="grid gap-4">
              <FormField
                control={form.control}
                name="retentionEnabled"
                render={({ field }) => (
                  <FormItem className="flex items-center justify-between gap-4 rounded-lg border p-3">
                    <FormLabel className="font-normal">Delete old messages automatically</FormLabel>
                    <FormControl>
                      <Switch checked={Boolean(field.value)} onCheckedChange={field.onChange} disabled={!canChange} />
                    </FormControl>
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="retentionDays"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Keep messages for</FormLabel>
                    <div className="flex items-center gap-2">
                      <FormControl>
                        <Input
                          type="number"
                          inputMode="numeric"
                          className="w-28"
                          {...field}
                          value={field.value === undefined || field.value === null ? "" : String(field.value)}
                        />
                      </FormControl>
                      <span className="text-sm text-muted-foreground">days</span>
                    </div>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {canChange && (
                <div role="status" aria-live="polite" className="rounded-lg border bg-muted/40 p-3 text-sm">
                  {!counts && !preview?.error && <span className="text-muted-foreground">Counting what this would delete…</span>}
                  {preview?.error && <span className="text-destructive">{preview.error}</span>}
                  {counts && (
                    <p>
                      {retentionEnabled ? "Saved like this, the next run deletes " : "Switched on now, this would delete "}
                      <strong>{plural(counts.messages, "message")}</strong> and <strong>{plural(counts.attachments, "attachment")}</strong>
                      {counts.bytes > 0 && ` (${formatBytes(counts.bytes)})`} in {plural(counts.conversations, "conversation")}: everything
                      written before {formatDateTime(new Date(counts.cutoff), timeZone)}.
                    </p>
                  )}
                  <p className="mt-1 text-xs text-muted-foreground">
                    The deletion runs in the background a few minutes after saving, then keeps running as messages reach this age.
                  </p>
                </div>
              )}
            </div>
          </SettingsCard>
        </fieldset>
        {canChange && (
          <div className="sticky bottom-0 mt-6 flex justify-end gap-2 border-t bg-background/95 py-3 backdrop-blur">
            <Button variant="ghost" disabled={!form.formState.isDirty || form.formState.isSubmitting} onClick={() => form.reset(defaults)}>
              Discard changes
            </Button>
            <Button type="submit" disabled={!form.formState.isDirty || form.formState.isSubmitting}>
              {form.formState.isSubmitting && <Spinner label="Saving" />}
              Save service settings
            </Button>
          </div>
        )}
      </form>
      <AlertDialog open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle className="flex items-center gap-2">
              <TriangleAlertIcon className="size-5 text-destructive" aria-hidden="true" />
              Delete messages older than {String(confirming?.retentionDays)} days?
            </AlertDialogTitle>
            <AlertDialogDescription>
              {counts
                ? `${plural(counts.messages, "message")} and ${plural(counts.attachments, "attachment")} will be deleted for good, and from then on every message once it is ${String(confirming?.retentionDays)} days old. This cannot be undone.`
                : "Messages older than this will be deleted for good. This cannot be undone."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction className="bg-destructive text-destructive-foreground hover:bg-destructive/90" onClick={() => confirming && void save(confirming)}>
              Switch on and delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Form>
  );
}

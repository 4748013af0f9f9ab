"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CopyIcon, PlusIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm, useFormContext, useWatch, type Path } from "react-hook-form";
import { toast } from "sonner";
import { saveWeekScheduleAction } from "@/app/(app)/settings/office-hours/actions";
import { Button } from "@/components/ui/button";
import { Form, FormAlert, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import {
  MAX_RANGES_PER_DAY,
  weekScheduleSchema,
  weekdayNames,
  type WeekScheduleInput,
} from "@/lib/office-hours/office-hours.validation";

/**
 * A team's week: its time zone and any number of opening ranges per weekday. Checked in the browser with
 * the server's own schema, so an overlap or a range that ends before it starts is shown at that range.
 */
export function WeekScheduleForm({ initial, timeZones, teamName }: { initial: WeekScheduleInput; timeZones: string[]; teamName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<WeekScheduleInput>({ resolver: zodResolver(weekScheduleSchema), values: initial });
  const days = useWatch({ control: form.control, name: "days" });
  const alwaysOpen = days.every((d) => d.ranges.length === 0);

  async function onSubmit(values: WeekScheduleInput) {
    setError(null);
    const result = await saveWeekScheduleAction(values);
    if (!result.ok) {
      let placed = false;
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (name === "timeZone" && messages?.[0]) {
          form.setError("timeZone", { message: messages[0] });
          placed = true;
        }
      }
      // Range problems come back as one list when the browser check was skipped; show them above the form.
      if (!placed) setError(result.fieldErrors?.days?.[0] ?? result.error);
      return;
    }
    toast.success(`Office hours of ${teamName} saved`);
    router.refresh();
  }

  function copyMonday() {
    const monday = form.getValues("days.0.ranges");
    for (let d = 1; d <= 4; d++) form.setValue(`days.${d}.ranges`, monday.map((r) => ({ ...r })), { shouldDirty: true });
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-5" noValidate aria-label={`Weekly hours of ${teamName}`}>
        <FormAlert>{error}</FormAlert>
        <FormField
          control={form.control}
          name="timeZone"
          render={({ field }) => (
            <FormItem className="max-w-sm">
              <FormLabel>Time zone of {teamName}</FormLabel>
              <FormControl>
                <NativeSelect {...field}>
                  {timeZones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone.replaceAll("_", " ")}
                    </option>
                  ))}
                </NativeSelect>
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <div className="grid gap-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-medium">Opening hours</h3>
            <Button variant="ghost" size="sm" onClick={copyMonday} disabled={days[0].ranges.length === 0}>
              <CopyIcon aria-hidden="true" />
              Copy Monday to Tuesday–Friday
            </Button>
          </div>
          {alwaysOpen && (
            <p role="status" className="rounded-md border border-info/25 bg-info/10 px-3 py-2 text-sm text-info">
              No hours set: {teamName} counts as always open, so no out-of-office messages go out (except on closed dates).
            </p>
          )}
          <ul className="divide-y">
            {weekdayNames.map((name, d) => (
              <DayRow key={name} day={d} name={name} />
            ))}
          </ul>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting && <Spinner label="Saving" />}
            Save office hours
          </Button>
          <p className="text-xs text-muted-foreground">An end of 00:00 means midnight at the end of the day. Touching ranges are fine; overlapping ones are not.</p>
        </div>
      </form>
    </Form>
  );
}

function DayRow({ day, name }: { day: number; name: string }) {
  const { control, getValues } = useFormContext<WeekScheduleInput>();
  const { fields, append, remove } = useFieldArray({ control, name: `days.${day}.ranges` });
  return (
    <li className="grid gap-2 py-3 sm:grid-cols-[7rem_minmax(0,1fr)] sm:items-start">
      <span className="text-sm font-medium sm:pt-1.5">{name}</span>
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        {fields.length === 0 && <span className="pt-1.5 text-sm text-muted-foreground">Closed</span>}
        {fields.map((field, i) => (
          <div key={field.id} className="flex items-start gap-1">
            <TimeField name={`days.${day}.ranges.${i}.start`} label={`${name}, range ${i + 1}, opens at`} />
            <span className="pt-1.5 text-sm text-muted-foreground" aria-hidden="true">
              –
            </span>
            <TimeField name={`days.${day}.ranges.${i}.end`} label={`${name}, range ${i + 1}, closes at`} />
            <Button variant="ghost" size="icon-sm" className="mt-0.5" aria-label={`Remove ${name} range ${i + 1}`} onClick={() => remove(i)}>
              <XIcon />
            </Button>
          </div>
        ))}
        <Button
          variant="outline"
          size="sm"
          className="mt-0.5"
          disabled={fields.length >= MAX_RANGES_PER_DAY}
          aria-label={`Add hours on ${name}`}
          onClick={() => {
            // A new range starts where the last one ends, the usual next step (after a lunch break, an evening shift).
            const lastEnd = getValues(`days.${day}.ranges`).at(-1)?.end;
            const start = lastEnd && lastEnd !== "00:00" ? lastEnd : "09:00";
            append({ start, end: start < "17:00" ? "17:00" : "00:00" });
          }}
        >
          <PlusIcon aria-hidden="true" />
          Add
        </Button>
      </div>
    </li>
  );
}

function TimeField({ name, label }: { name: Path<WeekScheduleInput>; label: string }) {
  const { control } = useFormContext<WeekScheduleInput>();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className="gap-1">
          <FormLabel className="sr-only">{label}</FormLabel>
          <FormControl>
            <Input type="time" step={60} className="w-32" {...field} value={String(field.value ?? "")} />
          </FormControl>
          <FormMessage className="max-w-40 text-xs" />
        </FormItem>
      )}
    />
  );
}

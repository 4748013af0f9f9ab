"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarOffIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import { addClosedDatesAction, removeClosedDatesAction } from "@/app/(app)/settings/office-hours/actions";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { ClosedDatesRow } from "@/lib/office-hours/office-hours";
import { closedDatesSchema, type ClosedDatesInput } from "@/lib/office-hours/office-hours.validation";

const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
/** Dates are calendar days of the team; shown as such, never shifted by a time zone. */
const formatDay = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));

export function describeClosedDates(row: { from: string; to: string }): string {
  return row.from === row.to ? formatDay(row.from) : `${formatDay(row.from)} – ${formatDay(row.to)}`;
}

/** Upcoming closed dates of a team, and (for admins) a form to add more. */
export function ClosedDates({ teamId, teamName, rows, canChange }: { teamId: string; teamName: string; rows: ClosedDatesRow[]; canChange: boolean }) {
  const router = useRouter();
  const [removing, setRemoving] = useState<string | null>(null);

  async function remove(row: ClosedDatesRow) {
    setRemoving(row.id);
    const result = await removeClosedDatesAction({ id: row.id });
    setRemoving(null);
    if (!result.ok) toast.error(result.error);
    else toast.success(`${row.label ?? describeClosedDates(row)} removed`);
    router.refresh();
  }

  return (
    <div className="grid gap-4">
      {rows.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <CalendarOffIcon className="size-4" aria-hidden="true" />
          No closed dates ahead for {teamName}.
        </p>
      ) : (
        <ul className="divide-y rounded-lg border" aria-label={`Closed dates of ${teamName}`}>
          {rows.map((row) => (
            <li key={row.id} className="flex items-center justify-between gap-3 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">{row.label ?? "Closed"}</p>
                <p className="text-xs text-muted-foreground">{describeClosedDates(row)}</p>
              </div>
              {canChange && (
                <Button
                  variant="ghost"
                  size="icon-sm"
                  aria-label={`Remove ${row.label ?? "closed dates"} (${describeClosedDates(row)})`}
                  disabled={removing === row.id}
                  onClick={() => void remove(row)}
                >
                  {removing === row.id ? <Spinner label="Removing" /> : <Trash2Icon />}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && <AddClosedDates teamId={teamId} />}
    </div>
  );
}

const fields: { name: Path<ClosedDatesInput>; label: string; type: string; className: string }[] = [
  { name: "from", label: "First day", type: "date", className: "sm:w-44" },
  { name: "to", label: "Last day (optional)", type: "date", className: "sm:w-44" },
  { name: "label", label: "Label (optional)", type: "text", className: "sm:flex-1" },
];

function AddClosedDates({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ClosedDatesInput>({ resolver: zodResolver(closedDatesSchema), defaultValues: { teamId, from: "", to: "", label: "" } });

  async function onSubmit(values: ClosedDatesInput) {
    setError(null);
    const result = await addClosedDatesAction({ ...values, teamId });
    if (!result.ok) {
      setError(result.error);
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(name as Path<ClosedDatesInput>, { message: messages[0] });
      }
      return;
    }
    toast.success(result.data.label ? `${result.data.label} added` : "Closed dates added");
    form.reset({ teamId, from: "", to: "", label: "" });
    router.refresh();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-3" noValidate aria-label="Add closed dates">
        {error && !Object.keys(form.formState.errors).length && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          {fields.map((f) => (
            <FormField
              key={f.name}
              control={form.control}
              name={f.name}
              render={({ field }) => (
                <FormItem className={f.className}>
                  <FormLabel>{f.label}</FormLabel>
                  <FormControl>
                    <Input type={f.type} maxLength={f.type === "text" ? 60 : undefined} placeholder={f.type === "text" ? "Christmas" : undefined} {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
          ))}
          <Button type="submit" variant="outline" className="sm:mt-[1.375rem]" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? <Spinner label="Adding" /> : <PlusIcon aria-hidden="true" />}
            Add closed dates
          </Button>
        </div>
      </form>
    </Form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { toast } from "sonner";
import { setSeatsAction } from "@/app/(app)/settings/seats/actions";
import { handleResult } from "@/components/settings/form-result";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { seatsSchema } from "@/lib/settings/users.validation";

type SeatsInput = z.input<typeof seatsSchema>;

export function SeatsForm({ seats, used }: { seats: number; used: number }) {
  const router = useRouter();
  const form = useForm<SeatsInput>({ resolver: zodResolver(seatsSchema), defaultValues: { seats } });

  async function onSubmit(values: SeatsInput) {
    if (!handleResult(await setSeatsAction({ seats: Number(values.seats) }), form)) return;
    form.reset(values);
    toast.success("Seats saved");
    router.refresh();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <FormField
          control={form.control}
          name="seats"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Number of seats</FormLabel>
              <div className="flex items-center gap-3">
                <FormControl>
                  <Input type="number" inputMode="numeric" min={used} className="w-32" {...field} value={String(field.value ?? "")} />
                </FormControl>
                <Button type="submit" disabled={form.formState.isSubmitting || !form.formState.isDirty}>
                  {form.formState.isSubmitting && <Spinner label="Saving" />}
                  Save seats
                </Button>
              </div>
              <FormDescription className="text-xs">At least {used}, the seats in use now.</FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
      </form>
    </Form>
  );
}

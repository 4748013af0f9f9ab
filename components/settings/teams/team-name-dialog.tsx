"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { createTeamAction, renameTeamAction } from "@/app/(app)/settings/teams/actions";
import { handleResult } from "@/components/settings/form-result";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/actions/safe-action";
import { createTeamSchema } from "@/lib/settings/teams.validation";

type Values = z.input<typeof createTeamSchema>;

/** Create a team (no `team`) or rename one. */
export function TeamNameDialog({
  open,
  onOpenChange,
  team,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  team: { id: string; name: string } | null;
  onSaved: () => void;
}) {
  const form = useForm<Values>({ resolver: zodResolver(createTeamSchema), values: { name: team?.name ?? "" } });

  async function onSubmit(values: Values) {
    const result: ActionResult<unknown> = team ? await renameTeamAction({ teamId: team.id, name: values.name }) : await createTeamAction(values);
    if (!handleResult(result, form)) return;
    toast.success(team ? "Team renamed" : `Team “${values.name.trim()}” created`);
    onOpenChange(false);
    onSaved();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <Form {...form}>
          <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>{team ? `Rename “${team.name}”` : "New team"}</DialogTitle>
              <DialogDescription>
                {team
                  ? "Members, routes and conversations stay as they are."
                  : "Then add members and route channel accounts to it. Teams can follow channels, products or languages."}
              </DialogDescription>
            </DialogHeader>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Team name</FormLabel>
                  <FormControl>
                    <Input autoComplete="off" maxLength={60} autoFocus {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting && <Spinner label="Saving" />}
                {team ? "Rename team" : "Create team"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

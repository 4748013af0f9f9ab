"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { createGroupAction, renameGroupAction } from "@/app/(app)/settings/quick-replies/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormAlert, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { GROUP_NAME_MAX_LENGTH, groupSchema, type GroupInput } from "@/lib/quick-replies/quick-replies.validation";

/** Creates a group, or renames `group`. The name is the composer shortcut, so the form shows it as `!name`. */
export function GroupDialog({
  open,
  onOpenChange,
  group,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  group?: { id: string; name: string };
  onSaved: (groupId: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<GroupInput>({ resolver: zodResolver(groupSchema), values: { name: group?.name ?? "" } });
  const name = useWatch({ control: form.control, name: "name" }).trim();

  async function onSubmit(values: GroupInput) {
    setError(null);
    const result = group
      ? await renameGroupAction({ groupId: group.id, name: values.name }).then((r) => (r.ok ? { ok: true as const, id: group.id } : r))
      : await createGroupAction(values).then((r) => (r.ok ? { ok: true as const, id: r.data.id } : r));
    if (!result.ok) {
      const message = result.fieldErrors?.name?.[0];
      if (message) form.setError("name", { message });
      else setError(result.error);
      return;
    }
    onOpenChange(false);
    onSaved(result.id);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          form.reset();
          setError(null);
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{group ? `Rename !${group.name}` : "New group"}</DialogTitle>
          <DialogDescription>
            Agents open a group in the composer by typing <kbd className="font-mono">!</kbd> and its name
            {group ? ", so the shortcut changes with the name." : "."}
          </DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
            <FormAlert>{error}</FormAlert>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Group name</FormLabel>
                  <FormControl>
                    <Input autoComplete="off" autoFocus maxLength={GROUP_NAME_MAX_LENGTH + 10} placeholder="returns" {...field} />
                  </FormControl>
                  <FormDescription>
                    One word, up to {GROUP_NAME_MAX_LENGTH} characters. Shortcut:{" "}
                    <code className="rounded bg-muted px-1 font-mono text-foreground">!{name || "name"}</code>
                  </FormDescription>
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
                {group ? "Rename" : "Create group"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

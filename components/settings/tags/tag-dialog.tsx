"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { CheckIcon } from "lucide-react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { createTagAction, updateTagAction } from "@/app/(app)/settings/tags/actions";
import { tagColorClasses } from "@/components/conversation/tag-colors";
import { handleResult } from "@/components/settings/form-result";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/actions/safe-action";
import { createTagSchema } from "@/lib/settings/tags.validation";
import { cn } from "@/lib/utils";

type Values = z.input<typeof createTagSchema>;
export type EditableTag = { id: string; name: string; color: string };

const palette = Object.keys(tagColorClasses);

/** Create a tag (no `tag`) or rename / recolour one. */
export function TagDialog({
  open,
  onOpenChange,
  tag,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tag: EditableTag | null;
  onSaved: () => void;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(createTagSchema),
    values: { name: tag?.name ?? "", color: tag?.color ?? "blue" },
  });
  const name = useWatch({ control: form.control, name: "name" });
  const color = useWatch({ control: form.control, name: "color" });

  async function onSubmit(values: Values) {
    const result: ActionResult<unknown> = tag ? await updateTagAction({ ...values, tagId: tag.id }) : await createTagAction(values);
    if (!handleResult(result, form)) return;
    toast.success(tag ? `Tag “${values.name.trim()}” saved` : `Tag “${values.name.trim()}” created`);
    onOpenChange(false);
    onSaved();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <Form {...form}>
          <form onSubmit={form.handleSubmit(onSubmit)} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>{tag ? `Edit “${tag.name}”` : "New tag"}</DialogTitle>
              <DialogDescription>
                {tag ? "Every conversation with this tag shows the new name and colour." : "Agents can then add it to conversations."}
              </DialogDescription>
            </DialogHeader>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Name</FormLabel>
                  <FormControl>
                    <Input autoComplete="off" maxLength={40} autoFocus {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="color"
              render={({ field }) => (
                <FormItem>
                  <fieldset>
                    <legend className="mb-2 text-sm font-medium">Colour</legend>
                    <div className="flex flex-wrap gap-2">
                      {palette.map((c) => (
                        <label
                          key={c}
                          title={c}
                          className={cn(
                            "flex size-8 cursor-pointer items-center justify-center rounded-full ring-offset-2 ring-offset-background has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                            tagColorClasses[c],
                            field.value === c && "ring-2 ring-foreground",
                          )}
                        >
                          <input
                            type="radio"
                            name={field.name}
                            value={c}
                            checked={field.value === c}
                            onChange={() => field.onChange(c)}
                            className="sr-only"
                            aria-label={c}
                          />
                          {field.value === c && <CheckIcon className="size-4" aria-hidden="true" />}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <FormMessage />
                </FormItem>
              )}
            />
            <p className="text-sm text-muted-foreground">
              Preview:{" "}
              <span className={cn("rounded-md px-2 py-0.5 text-xs font-medium", tagColorClasses[color] ?? tagColorClasses.slate)}>
                {name.trim() || "tag"}
              </span>
            </p>
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting && <Spinner label="Saving" />}
                {tag ? "Save tag" : "Create tag"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

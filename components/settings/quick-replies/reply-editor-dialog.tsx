"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { BracesIcon } from "lucide-react";
import { useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { createReplyAction, editReplyAction } from "@/app/(app)/settings/quick-replies/actions";
import { ReplyText } from "@/components/settings/quick-replies/reply-text";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Form, FormAlert, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { placeholderLabels, placeholderNames, token, type PlaceholderValues } from "@/lib/quick-replies/placeholders";
import { QUICK_REPLY_MAX_LENGTH, replyBodySchema } from "@/lib/quick-replies/quick-replies.validation";
import { cn } from "@/lib/utils";

const bodyForm = z.object({ body: replyBodySchema });
type BodyForm = z.input<typeof bodyForm>;

/**
 * Writes a new reply in `group`, or edits `reply`: a text area with a placeholder picker that inserts at
 * the cursor, a character count, and a live preview filled with sample values.
 */
export function ReplyEditorDialog({
  open,
  onOpenChange,
  group,
  reply,
  sample,
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  group: { id: string; name: string };
  reply?: { id: string; body: string; index: number };
  sample: PlaceholderValues;
  onSaved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  // Where the cursor was when the picker opened; the picker takes focus away from the text area.
  const selection = useRef<[number, number] | null>(null);
  const form = useForm<BodyForm>({ resolver: zodResolver(bodyForm), values: { body: reply?.body ?? "" } });
  const body = useWatch({ control: form.control, name: "body" });
  const length = body.trim().length;

  function insert(name: (typeof placeholderNames)[number]) {
    const current = form.getValues("body");
    const [start, end] = selection.current ?? [current.length, current.length];
    const text = token(name);
    form.setValue("body", current.slice(0, start) + text + current.slice(end), { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    selection.current = [start + text.length, start + text.length];
  }

  async function onSubmit(values: BodyForm) {
    setError(null);
    const result = reply
      ? await editReplyAction({ replyId: reply.id, body: values.body })
      : await createReplyAction({ groupId: group.id, body: values.body });
    if (!result.ok) {
      const message = result.fieldErrors?.body?.[0];
      if (message) form.setError("body", { message });
      else setError(result.error);
      return;
    }
    onOpenChange(false);
    onSaved();
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
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{reply ? `Edit reply ${reply.index + 1} in !${group.name}` : `New reply in !${group.name}`}</DialogTitle>
          <DialogDescription>Line breaks, emoji and links are sent as written. Placeholders are filled from the conversation.</DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form onSubmit={form.handleSubmit(onSubmit)} className="grid min-w-0 gap-4" noValidate>
            <FormAlert>{error}</FormAlert>
            <FormField
              control={form.control}
              name="body"
              render={({ field }) => (
                <FormItem>
                  <div className="flex flex-wrap items-end justify-between gap-2">
                    <FormLabel>Reply text</FormLabel>
                    <DropdownMenu
                      onOpenChange={(opening) => {
                        const el = textarea.current;
                        if (opening && el) selection.current = [el.selectionStart, el.selectionEnd];
                      }}
                    >
                      <DropdownMenuTrigger asChild>
                        <Button variant="outline" size="sm">
                          <BracesIcon aria-hidden="true" />
                          Insert placeholder
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent
                        align="end"
                        className="w-72"
                        onCloseAutoFocus={(event) => {
                          // Back to the text, with the cursor after what was inserted.
                          event.preventDefault();
                          const el = textarea.current;
                          const at = selection.current;
                          if (!el) return;
                          el.focus();
                          if (at) el.setSelectionRange(at[0], at[1]);
                        }}
                      >
                        <DropdownMenuLabel>Filled from the conversation</DropdownMenuLabel>
                        {placeholderNames.map((name) => (
                          <DropdownMenuItem key={name} onSelect={() => insert(name)} className="flex-col items-start gap-0">
                            <span>{placeholderLabels[name]}</span>
                            <code className="font-mono text-xs text-muted-foreground">{token(name)}</code>
                          </DropdownMenuItem>
                        ))}
                      </DropdownMenuContent>
                    </DropdownMenu>
                  </div>
                  <FormControl>
                    <Textarea
                      {...field}
                      ref={(el) => {
                        field.ref(el);
                        textarea.current = el;
                      }}
                      autoFocus
                      rows={6}
                      className="max-h-72 min-h-32"
                      placeholder={"Hi {{customer_first}}, thanks for your message!"}
                    />
                  </FormControl>
                  <div className="flex items-start justify-between gap-3">
                    <FormMessage />
                    <span
                      className={cn("ml-auto shrink-0 text-xs tabular-nums text-muted-foreground", length > QUICK_REPLY_MAX_LENGTH && "font-medium text-destructive")}
                    >
                      {length.toLocaleString("en")} / {QUICK_REPLY_MAX_LENGTH.toLocaleString("en")}
                    </span>
                  </div>
                </FormItem>
              )}
            />
            <section aria-label="Preview" className="grid gap-2 rounded-lg border bg-muted/40 p-3">
              <h3 className="text-xs font-medium text-muted-foreground">Preview with sample values</h3>
              {body.trim() ? (
                <div className="flex">
                  <div className="max-w-[85%] min-w-0 rounded-2xl rounded-bl-md bg-background px-3.5 py-2 text-sm shadow-xs">
                    <ReplyText body={body.trim()} values={sample} />
                  </div>
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">Start writing to see the reply as the customer will read it.</p>
              )}
            </section>
            <DialogFooter>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting && <Spinner label="Saving" />}
                {reply ? "Save reply" : "Add reply"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FileIcon, PaperclipIcon, PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import {
  addAwayFileAction,
  addAwayTextAction,
  deleteAwayMessageAction,
  editAwayTextAction,
  reorderAwayMessagesAction,
} from "@/app/(app)/settings/out-of-office/actions";
import { MoveButtons, useReorder } from "@/components/settings/quick-replies/move-buttons";
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
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { formatBytes } from "@/lib/format";
import type { AwayMessage } from "@/lib/office-hours/away-messages";
import { AWAY_TEXT_MAX_LENGTH, awayTextSchema } from "@/lib/office-hours/away-messages.validation";
import { cn } from "@/lib/utils";

const textForm = z.object({ body: awayTextSchema });
type TextForm = z.input<typeof textForm>;

/** The ordered away messages of one channel account: add (text, or a file where the channel carries files), edit, reorder, delete. */
export function AwayMessagesEditor({
  channelId,
  channelLabel,
  messages,
  canChange,
  fileRules,
}: {
  channelId: string;
  channelLabel: string;
  messages: AwayMessage[];
  canChange: boolean;
  /** What files the channel carries, in words; null when it carries text only. */
  fileRules: string | null;
}) {
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  const save = useCallback((ids: string[]) => reorderAwayMessagesAction({ channelId, ids }), [channelId]);
  const { list, move } = useReorder(messages, save, refresh);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{ message: AwayMessage; index: number } | null>(null);

  async function confirmDelete() {
    if (!deleting) return;
    const result = await deleteAwayMessageAction({ id: deleting.message.id });
    if (!result.ok) toast.error(result.error);
    else toast.success(`Message ${deleting.index + 1} deleted`);
    setDeleting(null);
    refresh();
  }

  return (
    <div className="grid gap-4">
      {list.length === 0 ? (
        <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
          No away messages for this account: customers who write outside office hours get no automatic reply.
        </p>
      ) : (
        <ol className="grid gap-2" aria-label="Away messages, in the order they are sent">
          {list.map((m, index) =>
            editing === m.id ? (
              <li key={m.id} className="rounded-lg border p-3">
                <TextMessageForm
                  label={`Message ${index + 1}`}
                  initial={m.body}
                  submitLabel="Save"
                  onCancel={() => setEditing(null)}
                  onSubmit={async (body) => {
                    const result = await editAwayTextAction({ messageId: m.id, body });
                    if (result.ok) {
                      setEditing(null);
                      refresh();
                    }
                    return result;
                  }}
                />
              </li>
            ) : (
              <li key={m.id} data-reorder-item className="flex items-start gap-3 rounded-lg border bg-card p-3 shadow-xs">
                <span className="mt-0.5 w-5 shrink-0 text-right text-xs font-medium text-muted-foreground tabular-nums" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="min-w-0 flex-1 text-sm">
                  {m.attachment ? (
                    <p className="flex items-center gap-2">
                      <FileIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                      <span className="truncate">{m.attachment.name}</span>
                      <span className="shrink-0 text-xs text-muted-foreground">{formatBytes(m.attachment.size)}</span>
                    </p>
                  ) : (
                    <>
                      <p className="whitespace-pre-wrap wrap-anywhere">{m.body}</p>
                      <p className="mt-1 text-xs text-muted-foreground tabular-nums">
                        {m.body.length} / {AWAY_TEXT_MAX_LENGTH}
                      </p>
                    </>
                  )}
                </div>
                {canChange && (
                  <div className="-my-1 flex shrink-0 flex-col items-end gap-1 sm:flex-row sm:items-start">
                    <MoveButtons label={`message ${index + 1}`} index={index} count={list.length} onMove={(delta, el) => move(m.id, delta, el)} />
                    <div className="flex">
                      {!m.attachment && (
                        <Button variant="ghost" size="icon-sm" aria-label={`Edit message ${index + 1}`} onClick={() => setEditing(m.id)}>
                          <PencilIcon />
                        </Button>
                      )}
                      <Button variant="ghost" size="icon-sm" aria-label={`Delete message ${index + 1}`} onClick={() => setDeleting({ message: m, index })}>
                        <Trash2Icon />
                      </Button>
                    </div>
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
      )}

      {canChange && (
        <div className="grid gap-3 rounded-lg border bg-muted/30 p-3">
          <TextMessageForm
            key={list.length}
            label="Add a message"
            initial=""
            submitLabel="Add message"
            onSubmit={async (body) => {
              const result = await addAwayTextAction({ channelId, body });
              if (result.ok) {
                toast.success("Message added");
                refresh();
              }
              return result;
            }}
          />
          {fileRules ? (
            <FileUpload channelId={channelId} rules={fileRules} onAdded={refresh} />
          ) : (
            <p className="text-xs text-muted-foreground">{channelLabel} carries text only, so its away messages are text.</p>
          )}
        </div>
      )}

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete message {deleting ? deleting.index + 1 : ""}?</AlertDialogTitle>
            <AlertDialogDescription>Customers will no longer receive it outside office hours. This cannot be undone.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={(event) => {
                event.preventDefault();
                void confirmDelete();
              }}
            >
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function TextMessageForm({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[] | undefined> }>;
  onCancel?: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<TextForm>({ resolver: zodResolver(textForm), defaultValues: { body: initial } });
  const length = useWatch({ control: form.control, name: "body" }).trim().length;

  async function submit(values: TextForm) {
    setError(null);
    const result = await onSubmit(values.body);
    if (!result.ok) {
      const message = result.fieldErrors?.body?.[0];
      if (message) form.setError("body", { message });
      else setError(result.error ?? "That did not work. Try again.");
    }
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(submit)} className="grid gap-2" noValidate>
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
        <FormField
          control={form.control}
          name="body"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{label}</FormLabel>
              <FormControl>
                <Textarea
                  rows={3}
                  // Fixed sizing: a text area that grows with its content would widen the whole column.
                  className="min-h-0 field-sizing-fixed"
                  autoFocus={Boolean(onCancel)}
                  placeholder="We are closed right now and back tomorrow at 9:00."
                  {...field}
                />
              </FormControl>
              <div className="flex items-start justify-between gap-3">
                <FormMessage />
                <span className={cn("ml-auto shrink-0 text-xs text-muted-foreground tabular-nums", length > AWAY_TEXT_MAX_LENGTH && "font-medium text-destructive")}>
                  {length} / {AWAY_TEXT_MAX_LENGTH}
                </span>
              </div>
            </FormItem>
          )}
        />
        <div className="flex gap-2">
          <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? <Spinner label="Saving" /> : !onCancel && <PlusIcon aria-hidden="true" />}
            {submitLabel}
          </Button>
          {onCancel && (
            <Button size="sm" variant="outline" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Form>
  );
}

function FileUpload({ channelId, rules, onAdded }: { channelId: string; rules: string; onAdded: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setError(null);
    const result = await addAwayFileAction({ channelId, file });
    setBusy(false);
    if (input.current) input.current.value = "";
    if (!result.ok) {
      setError(result.fieldErrors?.file?.[0] ?? result.error);
      return;
    }
    toast.success(`${file.name} added`);
    onAdded();
  }

  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          type="file"
          className="sr-only"
          id={`away-file-${channelId}`}
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        <Button size="sm" variant="outline" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? <Spinner label="Uploading" /> : <PaperclipIcon aria-hidden="true" />}
          Add an image or file
        </Button>
        <span className="text-xs text-muted-foreground">Accepted: {rules}.</span>
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { DownloadIcon, FileSpreadsheetIcon, FileTextIcon, MailIcon, TableIcon } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { conversationFormats, formatLabels, mailExportSchema, type MailExportInput } from "@/lib/export/export.validation";

const icons = { pdf: FileTextIcon, xlsx: FileSpreadsheetIcon, csv: TableIcon } as const;

/** "Export" in the conversation header: download as PDF, Excel or CSV, or send the file by e-mail. */
export function ConversationExportMenu({ number }: { number: number }) {
  const [mailOpen, setMailOpen] = useState(false);
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" aria-label={`Export conversation #${number}`}>
            <DownloadIcon aria-hidden="true" />
            <span className="hidden sm:inline">Export</span>
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {conversationFormats.map((format) => {
            const Icon = icons[format];
            return (
              <DropdownMenuItem key={format} asChild>
                <a href={`/api/export/conversations/${number}?format=${format}`} download>
                  <Icon aria-hidden="true" />
                  {formatLabels[format]}
                </a>
              </DropdownMenuItem>
            );
          })}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setMailOpen(true)}>
            <MailIcon aria-hidden="true" />
            Send by e-mail…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <MailExportDialog number={number} open={mailOpen} onOpenChange={setMailOpen} />
    </>
  );
}

function MailExportDialog({ number, open, onOpenChange }: { number: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const form = useForm<MailExportInput>({ resolver: zodResolver(mailExportSchema), defaultValues: { to: "", format: "pdf" } });
  const [error, setError] = useState<string | null>(null);

  async function submit(values: MailExportInput) {
    setError(null);
    const res = await fetch(`/api/export/conversations/${number}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(values),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string; outcome?: string; fieldErrors?: Partial<Record<keyof MailExportInput, string[]>> };
    if (!res.ok) {
      for (const [name, messages] of Object.entries(body.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(name as keyof MailExportInput, { message: messages[0] });
      }
      setError(body.error ?? "The export could not be sent. Try again in a moment.");
      return;
    }
    toast.success(body.outcome === "logged" ? `No mail account is set up: the mail to ${values.to} was written to the server log.` : `Conversation #${number} sent to ${values.to}.`);
    form.reset({ to: "", format: values.format });
    onOpenChange(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Send conversation #{number} by e-mail</DialogTitle>
          <DialogDescription>The export includes the team&apos;s internal notes. Send it only to someone who may read them.</DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form onSubmit={form.handleSubmit(submit)} className="grid gap-4" noValidate>
            <FormField
              control={form.control}
              name="to"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Send to</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="email" placeholder="name@example.com" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="format"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>As</FormLabel>
                  <Select value={field.value} onValueChange={field.onChange}>
                    <FormControl>
                      <SelectTrigger className="w-full">
                        <SelectValue />
                      </SelectTrigger>
                    </FormControl>
                    <SelectContent>
                      {conversationFormats.map((f) => (
                        <SelectItem key={f} value={f}>
                          {formatLabels[f]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  <FormMessage />
                </FormItem>
              )}
            />
            {error && (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={form.formState.isSubmitting}>
                {form.formState.isSubmitting ? "Sending…" : "Send"}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

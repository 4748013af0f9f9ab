"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { PaperclipIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormAlert, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { contactEmailSchema, EMAIL_MAX_FILES, EMAIL_MAX_TOTAL_ATTACHMENT_BYTES, type ContactEmailForm } from "@/lib/contacts/email.validation";
import { formatBytes } from "@/lib/format";
import { fill, type PlaceholderValues } from "@/lib/quick-replies/placeholders";

export type EmailSetup = {
  accounts: { id: string; name: string; address: string | null }[];
  addresses: string[];
  templates: { id: string; group: string; body: string }[];
  placeholders: PlaceholderValues;
};

/**
 * Write to the customer by e-mail (3Dolphins' "new message"): from one of the e-mail accounts, to one of
 * the contact's addresses, Cc, subject, text (links are kept as written; images go as attachments),
 * attachments up to 2 MB together, a quick reply to start from. "Send" or "Send and close".
 */
export function EmailDialog({ contactId, setup, onClose }: { contactId: string; setup: EmailSetup; onClose: () => void }) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<"send" | "close" | null>(null);
  const form = useForm<ContactEmailForm>({
    resolver: zodResolver(contactEmailSchema, undefined, { raw: true }),
    defaultValues: { channelId: setup.accounts[0]?.id ?? "", to: setup.addresses[0] ?? "", cc: "", subject: "", body: "", close: false },
  });
  const total = files.reduce((sum, f) => sum + f.size, 0);

  function addFiles(list: FileList | null) {
    if (!list) return;
    const next = [...files, ...Array.from(list)].slice(0, EMAIL_MAX_FILES);
    const size = next.reduce((sum, f) => sum + f.size, 0);
    setFileError(size > EMAIL_MAX_TOTAL_ATTACHMENT_BYTES ? `Attachments can be ${formatBytes(EMAIL_MAX_TOTAL_ATTACHMENT_BYTES)} together; these are ${formatBytes(size)}.` : null);
    setFiles(next);
  }

  async function send(values: ContactEmailForm, close: boolean) {
    if (total > EMAIL_MAX_TOTAL_ATTACHMENT_BYTES) return;
    setError(null);
    setSending(close ? "close" : "send");
    const body = new FormData();
    for (const [key, value] of Object.entries({ ...values, close: String(close) })) body.set(key, String(value));
    for (const f of files) body.append("files", f);
    const response = await fetch(`/api/contacts/${contactId}/email`, { method: "POST", body }).catch(() => null);
    const result = (await response?.json().catch(() => null)) as
      | { ok: true; data: { number: number; delivery: { status: string; error?: string } } }
      | { ok: false; error: string; fieldErrors?: Record<string, string[]> }
      | null;
    setSending(null);
    if (!result) {
      setError("The e-mail could not be sent: the server did not answer. Try again.");
      return;
    }
    if (!result.ok) {
      setError(result.error);
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (name === "files") setFileError(messages[0] ?? null);
        else if (messages[0]) form.setError(name as Path<ContactEmailForm>, { message: messages[0] });
      }
      return;
    }
    if (result.data.delivery.status === "failed") {
      toast.warning(`Stored in conversation #${result.data.number}, but not sent yet: ${result.data.delivery.error ?? "the e-mail channel refused it"}. You can retry from the conversation.`);
    } else toast.success(`E-mail sent; it is part of conversation #${result.data.number}.`);
    onClose();
    router.refresh();
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-h-[92dvh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Write an e-mail</DialogTitle>
          <DialogDescription>It goes out through the e-mail channel and becomes part of this customer&apos;s conversation.</DialogDescription>
        </DialogHeader>
        {setup.accounts.length === 0 ? (
          <p className="text-sm text-muted-foreground">No e-mail account is connected yet. An admin can add one in Settings → Channels.</p>
        ) : (
          <Form {...form}>
            <form className="grid gap-4" noValidate onSubmit={form.handleSubmit((v) => send(v, false))}>
              <FormAlert>{error}</FormAlert>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField
                  control={form.control}
                  name="channelId"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>From</FormLabel>
                      <FormControl>
                        <NativeSelect {...field}>
                          {setup.accounts.map((a) => (
                            <option key={a.id} value={a.id}>
                              {a.address && a.address !== a.name ? `${a.name} <${a.address}>` : a.name}
                            </option>
                          ))}
                        </NativeSelect>
                      </FormControl>
                      <FormMessage />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name="to"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>To</FormLabel>
                      <FormControl>
                        <Input type="email" list="contact-addresses" autoComplete="off" {...field} />
                      </FormControl>
                      <datalist id="contact-addresses">
                        {setup.addresses.map((a) => (
                          <option key={a} value={a} />
                        ))}
                      </datalist>
                      <FormMessage />
                    </FormItem>
                  )}
                />
              </div>
              <FormField
                control={form.control}
                name="cc"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Cc</FormLabel>
                    <FormControl>
                      <Input placeholder="Separate addresses with commas" autoComplete="off" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="subject"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Subject</FormLabel>
                    <FormControl>
                      <Input autoComplete="off" {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {setup.templates.length > 0 && (
                <div className="grid gap-2">
                  <Label htmlFor="email-template">Start from a quick reply</Label>
                  <NativeSelect
                    id="email-template"
                    defaultValue=""
                    onChange={(e) => {
                      const t = setup.templates.find((x) => x.id === e.target.value);
                      if (t) form.setValue("body", fill(t.body, setup.placeholders).text, { shouldValidate: true });
                    }}
                  >
                    <option value="">Choose…</option>
                    {setup.templates.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.group}: {t.body.slice(0, 60)}
                      </option>
                    ))}
                  </NativeSelect>
                </div>
              )}
              <FormField
                control={form.control}
                name="body"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Message</FormLabel>
                    <FormControl>
                      <Textarea rows={8} placeholder="Links are kept as you write them; add images as attachments." {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <div className="grid gap-2">
                <div className="flex items-center justify-between gap-2">
                  <Button type="button" variant="outline" size="sm" onClick={() => fileInput.current?.click()} disabled={files.length >= EMAIL_MAX_FILES}>
                    <PaperclipIcon aria-hidden="true" /> Attach files
                  </Button>
                  <span className="text-xs text-muted-foreground">
                    {formatBytes(total)} of {formatBytes(EMAIL_MAX_TOTAL_ATTACHMENT_BYTES)}
                  </span>
                  <input
                    ref={fileInput}
                    type="file"
                    multiple
                    className="sr-only"
                    aria-label="Attachments"
                    tabIndex={-1}
                    onChange={(e) => {
                      addFiles(e.target.files);
                      e.target.value = "";
                    }}
                  />
                </div>
                {files.length > 0 && (
                  <ul className="grid gap-1 text-sm" aria-label="Attachments">
                    {files.map((f, i) => (
                      <li key={`${f.name}-${i}`} className="flex items-center gap-2 rounded border px-2 py-1">
                        <span className="min-w-0 flex-1 truncate">{f.name}</span>
                        <span className="text-xs text-muted-foreground">{formatBytes(f.size)}</span>
                        <Button
                          type="button"
                          variant="ghost"
                          size="icon-sm"
                          aria-label={`Remove ${f.name}`}
                          onClick={() => {
                            const next = files.filter((_, j) => j !== i);
                            setFiles(next);
                            if (next.reduce((s, x) => s + x.size, 0) <= EMAIL_MAX_TOTAL_ATTACHMENT_BYTES) setFileError(null);
                          }}
                        >
                          <XIcon />
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
                {fileError && <p className="text-sm text-destructive">{fileError}</p>}
              </div>
              <DialogFooter className="gap-2">
                <Button type="button" variant="outline" disabled={sending !== null} onClick={form.handleSubmit((v) => send(v, true))}>
                  {sending === "close" && <Spinner label="Sending" />}
                  Send and close
                </Button>
                <Button type="submit" disabled={sending !== null}>
                  {sending === "send" && <Spinner label="Sending" />}
                  Send
                </Button>
              </DialogFooter>
            </form>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}

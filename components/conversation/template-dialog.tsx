"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FileTextIcon, RefreshCwIcon } from "lucide-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { sendTemplateAction, syncTemplatesAction, templatesAction } from "@/app/(app)/inbox/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { parametersSchema, templateParts } from "@/lib/channels/whatsapp/template-text";
import { languageName } from "@/lib/names";
import type { TemplateOption } from "@/lib/channels/whatsapp/templates";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

type Loaded = {
  channel: { id: string; name: string };
  canSync: boolean;
  syncedAt: Date | null;
  templates: TemplateOption[];
};

/**
 * Pick an approved WhatsApp template and language, fill every placeholder and send it: the only message
 * WhatsApp accepts once the 24-hour window has closed. The preview shows unfilled placeholders in blue and
 * the agent's values in green where they replace them (the reference's highlighting); Send stays disabled
 * until every placeholder has a valid value. Admins can sync the list from Meta here. Mount it only while
 * open: it loads the list when it mounts.
 */
export function TemplateDialog({
  open,
  onOpenChange,
  conversationId,
  customer,
  timeZone,
  onSent,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  conversationId: string;
  customer: string;
  timeZone: string;
  onSent: () => void;
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState<string>("");
  const [language, setLanguage] = useState<string>("");
  const [syncing, setSyncing] = useState(false);

  const apply = useCallback((result: Awaited<ReturnType<typeof templatesAction>>) => {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setLoaded(result.data);
    // Keep the choice when it still exists; otherwise start with the first template that can be sent.
    const first = result.data.templates.find((t) => !t.unsendable) ?? result.data.templates[0];
    setName((current) => (result.data.templates.some((t) => t.name === current) ? current : (first?.name ?? "")));
  }, []);

  // Mounted when the dialog opens, so the list is as fresh as the last sync.
  useEffect(() => {
    let live = true;
    void templatesAction({ conversationId }).then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [conversationId, apply]);

  async function reload() {
    apply(await templatesAction({ conversationId }));
  }

  const names = useMemo(() => [...new Set(loaded?.templates.map((t) => t.name) ?? [])], [loaded]);
  const languages = useMemo(() => loaded?.templates.filter((t) => t.name === name) ?? [], [loaded, name]);
  // The chosen language when this template has it, else its first one.
  const template = languages.find((t) => t.language === language) ?? languages[0] ?? null;

  async function sync() {
    if (!loaded) return;
    setSyncing(true);
    const result = await syncTemplatesAction({ channelId: loaded.channel.id });
    setSyncing(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(`Templates synced: ${result.data.synced} from Meta${result.data.removed ? `, ${result.data.removed} removed` : ""}.`);
    await reload();
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Send a WhatsApp template</DialogTitle>
          <DialogDescription>
            To {customer}. Templates are approved by Meta in advance; fill in every placeholder before sending.
          </DialogDescription>
        </DialogHeader>

        {error ? (
          <div role="alert" className="grid gap-3 rounded-md border border-destructive/40 bg-destructive/5 p-3 text-sm">
            <p>{error}</p>
            <Button
              variant="outline"
              size="sm"
              className="w-fit"
              onClick={() => {
                setError(null);
                setLoaded(null);
                void reload();
              }}
            >
              Try again
            </Button>
          </div>
        ) : !loaded ? (
          <div className="grid gap-3" aria-busy="true">
            <Spinner label="Loading templates" className="sr-only" />
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-24 w-full" />
            <Skeleton className="h-9 w-2/3" />
          </div>
        ) : loaded.templates.length === 0 ? (
          <EmptyState
            icon={FileTextIcon}
            headingLevel={3}
            title="No approved templates"
            description={
              loaded.canSync
                ? `Nothing has been synced for ${loaded.channel.name} yet, or Meta has approved none. Fetch the list from Meta.`
                : `${loaded.channel.name} has no approved templates yet. Ask an administrator to sync them from Meta.`
            }
            action={
              loaded.canSync && (
                <Button onClick={() => void sync()} disabled={syncing}>
                  {syncing ? <Spinner label="Syncing templates" /> : <RefreshCwIcon aria-hidden="true" />}
                  Sync templates
                </Button>
              )
            }
          />
        ) : (
          <div className="grid gap-4">
            <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
              <div className="grid gap-1.5">
                <Label htmlFor="template-name">Template</Label>
                <Select value={name} onValueChange={setName}>
                  <SelectTrigger id="template-name" className="w-full">
                    <SelectValue placeholder="Pick a template" />
                  </SelectTrigger>
                  <SelectContent>
                    {names.map((n) => {
                      const sendable = loaded.templates.some((t) => t.name === n && !t.unsendable);
                      return (
                        <SelectItem key={n} value={n} disabled={!sendable}>
                          {n}
                          {!sendable && <span className="text-xs text-muted-foreground"> (cannot be sent from here)</span>}
                        </SelectItem>
                      );
                    })}
                  </SelectContent>
                </Select>
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor="template-language">Language</Label>
                <Select value={template?.language ?? ""} onValueChange={setLanguage} disabled={languages.length < 2}>
                  <SelectTrigger id="template-language" className="w-full sm:w-48">
                    <SelectValue placeholder="Language" />
                  </SelectTrigger>
                  <SelectContent>
                    {languages.map((t) => (
                      <SelectItem key={t.language} value={t.language}>
                        {languageName(t.language)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              </div>
            </div>
            {template && (
              <TemplateForm
                key={template.id}
                conversationId={conversationId}
                template={template}
                onCancel={() => onOpenChange(false)}
                onSent={() => {
                  onOpenChange(false);
                  onSent();
                }}
              />
            )}
            {loaded.canSync && (
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                <span>
                  {loaded.syncedAt ? `Last synced from Meta ${formatDateTime(new Date(loaded.syncedAt), timeZone)}.` : "Never synced from Meta."}
                </span>
                <Button variant="link" size="sm" className="h-auto p-0 text-xs" onClick={() => void sync()} disabled={syncing}>
                  {syncing ? "Syncing…" : "Sync templates now"}
                </Button>
              </p>
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** One template's placeholders, preview and send; keyed by template so the form starts empty for each. */
function TemplateForm({
  conversationId,
  template,
  onCancel,
  onSent,
}: {
  conversationId: string;
  template: TemplateOption;
  onCancel: () => void;
  onSent: () => void;
}) {
  const schema = useMemo(() => parametersSchema(template.placeholders), [template.placeholders]);
  const form = useForm<Record<string, string>>({
    resolver: zodResolver(schema, undefined, { raw: true }),
    defaultValues: Object.fromEntries(template.placeholders.map((p) => [p, ""])),
    mode: "onChange",
  });
  const values = useWatch({ control: form.control }) as Record<string, string | undefined>;
  const complete = schema.safeParse(values).success;
  const [busy, setBusy] = useState(false);
  const parts = templateParts(template.body);

  async function submit(parameters: Record<string, string>) {
    setBusy(true);
    const result = await sendTemplateAction({ conversationId, templateId: template.id, parameters });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0] && template.placeholders.includes(field)) form.setError(field, { message: messages[0] });
      }
      return;
    }
    if (result.data.status === "failed") toast.error(`Not delivered: ${result.data.error ?? "the provider refused it"}`);
    else toast.success(`Template “${template.name}” sent`);
    onSent();
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(submit)} className="grid gap-4">
        {template.unsendable && (
          <p role="alert" className="rounded-md border border-warning/40 bg-warning/10 p-2 text-sm">
            This template cannot be sent from Switchboard: {template.unsendable}
          </p>
        )}
        <figure className="grid gap-1.5">
          <figcaption className="flex items-center gap-2 text-sm font-medium">
            Preview <Badge variant="secondary">{template.category.toLowerCase()}</Badge>
          </figcaption>
          <div className="rounded-lg border bg-muted/40 p-3" aria-live="polite">
            <p className="max-w-prose rounded-2xl rounded-bl-md bg-background px-3.5 py-2 text-sm break-words whitespace-pre-wrap shadow-xs">
              {parts.map((part, i) => {
                if (!part.placeholder) return <span key={i}>{part.text}</span>;
                const value = values[part.placeholder]?.trim();
                return (
                  <mark
                    key={i}
                    className={cn(
                      "rounded px-1 font-medium",
                      value ? "bg-success/15 text-success dark:bg-success/20" : "bg-info/15 text-info dark:bg-info/20",
                    )}
                  >
                    {value || part.text}
                    <span className="sr-only">{value ? " (filled in)" : " (still to fill in)"}</span>
                  </mark>
                );
              })}
            </p>
          </div>
        </figure>

        {template.placeholders.length > 0 && (
          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-medium">Placeholders</legend>
            {template.placeholders.map((placeholder) => (
              <FormField
                key={placeholder}
                control={form.control}
                name={placeholder}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{`{{${placeholder}}}`}</FormLabel>
                    <FormControl>
                      <Input
                        {...field}
                        value={field.value ?? ""}
                        autoComplete="off"
                        className={cn(field.value?.trim() ? "border-success/50 bg-success/5" : "border-info/50 bg-info/5")}
                      />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
          </fieldset>
        )}

        <DialogFooter>
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy || !complete || Boolean(template.unsendable)}>
            {busy && <Spinner label="Sending template" />}
            Send template
          </Button>
        </DialogFooter>
        {!complete && template.placeholders.length > 0 && (
          <p className="-mt-2 text-right text-xs text-muted-foreground">Fill in every placeholder to send.</p>
        )}
      </form>
    </Form>
  );
}

"use client";

import { CheckIcon, ShieldAlertIcon, UserIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { findContactsAction, startAction, startTemplatesAction } from "@/app/(app)/inbox/start/actions";
import { ChannelIcon } from "@/components/channel-icon";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { channelLabels } from "@/lib/channels/labels";
import { fillTemplate, templateParts } from "@/lib/channels/whatsapp/template-text";
import type { StartableChannel } from "@/lib/conversations/start";
import { cn } from "@/lib/utils";

type Contact = { id: string; name: string | null; phone: string | null; email: string | null; handle: string | null; blocked: boolean };
type Template = { id: string; name: string; language: string; body: string; placeholders: string[]; unsendable: string | null };

const steps = ["Channel", "Customer", "Message", "Review"] as const;

function newClientId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

function OptInReminder() {
  return (
    <p className="flex items-start gap-2 rounded-md border border-warning/40 bg-warning/10 p-3 text-sm">
      <ShieldAlertIcon className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />
      <span>
        Only write to customers who agreed to be contacted on this channel (an opt-in). Messaging people who did not can break the platform&apos;s
        rules and get your number or account blocked.
      </span>
    </p>
  );
}

/**
 * The reference's five steps (the button is the first): pick the account → pick a contact from the
 * address book or type a number/address → write the message, or on WhatsApp pick a template and fill its
 * placeholders → review (with the opt-in reminder) → send. The rules are in lib/conversations/start.ts.
 */
export function StartWizard({ accounts, canSearchContacts }: { accounts: StartableChannel[]; canSearchContacts: boolean }) {
  const router = useRouter();
  const id = useId();
  const [step, setStep] = useState(0);
  const [channelId, setChannelId] = useState(accounts.length === 1 ? accounts[0].id : "");
  const [contact, setContact] = useState<Contact | null>(null);
  const [address, setAddress] = useState("");
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Contact[] | null>(null);
  const [body, setBody] = useState("");
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [templateId, setTemplateId] = useState("");
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const [optIn, setOptIn] = useState(false);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const clientId = useRef(newClientId());
  const heading = useRef<HTMLHeadingElement>(null);

  const account = accounts.find((a) => a.id === channelId) ?? null;
  const template = templates?.find((t) => t.id === templateId) ?? null;
  const useTemplate = Boolean(account?.templatesOnly);

  // Step 2's search: the address book as the agent types (a short pause first).
  useEffect(() => {
    if (step !== 1 || !canSearchContacts) return;
    let live = true;
    const timer = setTimeout(() => {
      void findContactsAction({ q: query }).then((r) => live && setFound(r.ok ? r.data : []));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, step, canSearchContacts]);

  // Step 3 on WhatsApp: the account's approved templates.
  useEffect(() => {
    if (step !== 2 || !useTemplate || !channelId) return;
    let live = true;
    void startTemplatesAction({ channelId }).then((r) => live && setTemplates(r.ok ? r.data : []));
    return () => {
      live = false;
    };
  }, [step, useTemplate, channelId]);

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  const recipient = contact ? (contact.name ?? contact.phone ?? contact.email ?? contact.handle ?? "Contact") : address.trim();
  const message = template ? fillTemplate(template.body, parameters) : body.trim();
  const missingParameters = template ? template.placeholders.filter((p) => !parameters[p]?.trim()) : [];
  const canNext = [
    Boolean(account),
    Boolean(contact) || Boolean(address.trim()),
    useTemplate ? Boolean(template && !template.unsendable && missingParameters.length === 0) : Boolean(body.trim()),
    optIn,
  ][step];

  async function send() {
    if (!account || sending) return;
    setSending(true);
    setErrors({});
    const result = await startAction({
      channelId: account.id,
      contactId: contact?.id,
      address: contact ? (address.trim() || undefined) : address.trim(),
      body: template ? undefined : body,
      templateId: template?.id,
      parameters: template ? parameters : {},
      clientId: clientId.current,
    });
    setSending(false);
    if (!result.ok) {
      toast.error(result.error);
      setErrors(result.fieldErrors ?? {});
      const field = Object.keys(result.fieldErrors ?? {})[0];
      if (field === "channelId") setStep(0);
      else if (field === "address") setStep(1);
      else if (field === "body" || (field && template?.placeholders.includes(field))) setStep(2);
      clientId.current = newClientId();
      return;
    }
    const { reused, number, status, error } = result.data;
    if (status === "failed") toast.error(`The conversation is open, but the message was not delivered: ${error ?? "the provider refused it"}. Retry it from the thread.`);
    else toast.success(reused ? `The customer already had an open conversation (#${number}): your message was added there.` : `Conversation #${number} started.`);
    router.push(`/inbox/mine/${number}`);
  }

  return (
    <div className="grid gap-5">
      <ol className="flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Steps">
        {steps.map((name, i) => (
          <li key={name} className={cn("flex items-center gap-2", i === step ? "font-medium text-foreground" : "text-muted-foreground")} aria-current={i === step ? "step" : undefined}>
            <span
              className={cn(
                "flex size-6 items-center justify-center rounded-full border text-xs",
                i < step && "border-primary bg-primary text-primary-foreground",
                i === step && "border-primary text-primary",
              )}
            >
              {i < step ? <CheckIcon className="size-3.5" aria-hidden="true" /> : i + 1}
            </span>
            {name}
          </li>
        ))}
      </ol>

      <form
        className="grid gap-4 rounded-lg border bg-background p-4 md:p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canNext) return;
          if (step < steps.length - 1) setStep(step + 1);
          else void send();
        }}
      >
        <h2 ref={heading} tabIndex={-1} className="text-base font-semibold outline-hidden">
          {["Which account do you write from?", "Who do you write to?", "What do you want to say?", "Check and send"][step]}
        </h2>

        {step === 0 && (
          <fieldset className="grid gap-2">
            <legend className="sr-only">Channel account</legend>
            {accounts.map((a) => (
              <label
                key={a.id}
                className={cn(
                  "flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
                  channelId === a.id && "border-primary bg-primary/5",
                )}
              >
                <input type="radio" name="channel" value={a.id} checked={channelId === a.id} onChange={() => setChannelId(a.id)} className="mt-1 accent-primary" />
                <ChannelIcon kind={a.kind} className="mt-0.5 size-5 shrink-0" />
                <span className="grid gap-0.5">
                  <span className="text-sm font-medium">
                    {channelLabels[a.kind]} · {a.name}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {a.templatesOnly
                      ? "Starts with an approved template; free text once the customer answers."
                      : a.address === "phone"
                        ? "To any phone number."
                        : a.address === "email"
                          ? "To any e-mail address."
                          : "Only to customers who wrote to this account before."}
                  </span>
                </span>
              </label>
            ))}
            {errors.channelId && <p className="text-sm text-destructive">{errors.channelId[0]}</p>}
          </fieldset>
        )}

        {step === 1 && account && (
          <div className="grid gap-4">
            {canSearchContacts && (
              <div className="grid gap-2">
                <Label htmlFor={`${id}-search`}>Find in the address book</Label>
                <Input id={`${id}-search`} type="search" placeholder="Name, phone number or e-mail" value={query} onChange={(e) => setQuery(e.target.value)} />
                {found === null ? (
                  <Spinner label="Loading contacts" />
                ) : found.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No contact matches. Type the number or address below instead.</p>
                ) : (
                  <ul className="grid gap-1" aria-label="Contacts">
                    {found.map((c) => (
                      <li key={c.id}>
                        <button
                          type="button"
                          disabled={c.blocked}
                          aria-pressed={contact?.id === c.id}
                          onClick={() => setContact(contact?.id === c.id ? null : c)}
                          className={cn(
                            "flex w-full items-center gap-3 rounded-md border px-3 py-2 text-left text-sm outline-hidden hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50",
                            contact?.id === c.id && "border-primary bg-primary/5",
                          )}
                        >
                          <UserIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                          <span className="min-w-0 flex-1">
                            <span className="block truncate font-medium">{c.name ?? c.handle ?? "No name"}</span>
                            <span className="block truncate text-xs text-muted-foreground">
                              {[c.phone, c.email].filter(Boolean).join(" · ") || c.handle}
                              {c.blocked ? " · blocked" : ""}
                            </span>
                          </span>
                          {contact?.id === c.id && <CheckIcon className="size-4 text-primary" aria-hidden="true" />}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            {account.address && (
              <div className="grid gap-2">
                <Label htmlFor={`${id}-address`}>
                  {contact ? `Or another ${account.address === "phone" ? "number" : "address"} for this contact` : `Or type ${account.address === "phone" ? "a phone number" : "an e-mail address"}`}
                </Label>
                <Input
                  id={`${id}-address`}
                  type={account.address === "email" ? "email" : "tel"}
                  placeholder={account.address === "phone" ? "+31 6 1234 5678" : "name@example.com"}
                  value={address}
                  aria-invalid={Boolean(errors.address) || undefined}
                  aria-describedby={errors.address ? `${id}-address-error` : undefined}
                  onChange={(e) => setAddress(e.target.value)}
                />
                {errors.address && (
                  <p id={`${id}-address-error`} className="text-sm text-destructive">
                    {errors.address[0]}
                  </p>
                )}
              </div>
            )}
            <OptInReminder />
          </div>
        )}

        {step === 2 && account && (
          <div className="grid gap-3">
            {useTemplate ? (
              templates === null ? (
                <Spinner label="Loading templates" />
              ) : templates.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  This account has no approved templates yet. An administrator syncs them from Meta in Settings → Channels.
                </p>
              ) : (
                <>
                  <div className="grid gap-1.5">
                    <Label htmlFor={`${id}-template`}>Template</Label>
                    <NativeSelect
                      id={`${id}-template`}
                      value={templateId}
                      onChange={(e) => {
                        setTemplateId(e.target.value);
                        setParameters({});
                      }}
                    >
                      <option value="">Pick a template…</option>
                      {templates.map((t) => (
                        <option key={t.id} value={t.id} disabled={Boolean(t.unsendable)}>
                          {t.name} ({t.language}){t.unsendable ? " — cannot be sent from here" : ""}
                        </option>
                      ))}
                    </NativeSelect>
                  </div>
                  {template && (
                    <>
                      <p className="rounded-md bg-muted/60 p-3 text-sm break-words whitespace-pre-wrap">
                        {templateParts(template.body).map((part, i) =>
                          part.placeholder ? (
                            <mark
                              key={i}
                              className={cn(
                                "rounded-sm px-0.5",
                                parameters[part.placeholder]?.trim() ? "bg-primary/15 text-foreground" : "bg-sky-200 text-sky-950 dark:bg-sky-500/30 dark:text-sky-100",
                              )}
                            >
                              {parameters[part.placeholder]?.trim() || part.text}
                            </mark>
                          ) : (
                            <span key={i}>{part.text}</span>
                          ),
                        )}
                      </p>
                      {template.placeholders.map((p) => (
                        <div key={p} className="grid gap-1.5">
                          <Label htmlFor={`${id}-p-${p}`}>{`{{${p}}}`}</Label>
                          <Input
                            id={`${id}-p-${p}`}
                            value={parameters[p] ?? ""}
                            aria-invalid={Boolean(errors[p]) || undefined}
                            onChange={(e) => setParameters((v) => ({ ...v, [p]: e.target.value }))}
                          />
                          {errors[p] && <p className="text-sm text-destructive">{errors[p]?.[0]}</p>}
                        </div>
                      ))}
                    </>
                  )}
                </>
              )
            ) : (
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-body`}>Message</Label>
                <Textarea
                  id={`${id}-body`}
                  rows={5}
                  maxLength={account.maxLength}
                  value={body}
                  aria-invalid={Boolean(errors.body) || undefined}
                  onChange={(e) => setBody(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && body.trim()) {
                      e.preventDefault();
                      setStep(3);
                    }
                  }}
                />
                <p className="text-xs text-muted-foreground">
                  {body.length.toLocaleString("en")} / {account.maxLength.toLocaleString("en")} characters
                </p>
                {errors.body && <p className="text-sm text-destructive">{errors.body[0]}</p>}
              </div>
            )}
          </div>
        )}

        {step === 3 && account && (
          <div className="grid gap-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">From</dt>
              <dd className="flex items-center gap-1.5">
                <ChannelIcon kind={account.kind} className="size-4" />
                {channelLabels[account.kind]} · {account.name}
              </dd>
              <dt className="text-muted-foreground">To</dt>
              <dd>
                {recipient}
                {contact && address.trim() ? ` (${address.trim()})` : ""}
              </dd>
              <dt className="text-muted-foreground">Message</dt>
              <dd className="rounded-md bg-muted/60 p-3 break-words whitespace-pre-wrap">{message}</dd>
            </dl>
            <OptInReminder />
            <div className="flex items-start gap-2">
              <Checkbox id={`${id}-optin`} checked={optIn} onCheckedChange={(v) => setOptIn(v === true)} />
              <Label htmlFor={`${id}-optin`} className="font-normal">
                This customer agreed to be contacted on {channelLabels[account.kind]}.
              </Label>
            </div>
          </div>
        )}

        <div className="flex justify-between gap-2 border-t pt-4">
          <Button type="button" variant="ghost" disabled={step === 0 || sending} onClick={() => setStep(step - 1)}>
            Back
          </Button>
          <Button type="submit" disabled={!canNext || sending}>
            {step === steps.length - 1 ? (sending ? "Sending…" : "Send and open") : "Next"}
          </Button>
        </div>
      </form>
    </div>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { PlusIcon, XIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { useFieldArray, useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import { MergeSuggestion, type SuggestionAnswer } from "@/components/contacts/merge-suggestion";
import { Button } from "@/components/ui/button";
import { Form, FormAlert, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SaveContactResult } from "@/lib/contacts/contacts";
import {
  contactSchema,
  genderLabels,
  genders,
  idTypeLabels,
  idTypes,
  MAX_EMAILS,
  type NamedOption,
  MAX_PHONES,
  type ContactFormValues,
  type DuplicateAnswer,
} from "@/lib/contacts/contact.validation";
import type { DuplicateCandidate } from "@/lib/contacts/queries";
import { cn } from "@/lib/utils";

export type SaveContact = (values: ContactFormValues, answer: DuplicateAnswer, selectedIds: string[]) => Promise<ActionResult<SaveContactResult>>;

/**
 * The contact form (3Dolphins' fields), validated in the browser with the server's schema and again on
 * the server, whose messages land next to the fields. Saving a phone or e-mail that another contact has
 * brings up the merge suggestion. `compact` shows only what an agent needs to create a contact from a
 * conversation: names, phones, e-mails, company and address.
 */
export function ContactForm({
  defaultValues,
  region,
  existingPhones = [],
  save,
  onSaved,
  submitLabel = "Save contact",
  compact = false,
  extraSuggestionAction,
  options = { countries: [], languages: [] },
}: {
  /** Country and language choices (contactFormOptions(), from the server); not needed in compact mode. */
  options?: { countries: NamedOption[]; languages: NamedOption[] };
  defaultValues: ContactFormValues;
  region: string;
  existingPhones?: string[];
  save: SaveContact;
  onSaved: (result: { id: string; merged: number }) => void;
  submitLabel?: string;
  compact?: boolean;
  extraSuggestionAction?: (candidate: DuplicateCandidate, close: () => void) => React.ReactNode;
}) {
  const schema = useMemo(() => contactSchema(region, existingPhones), [region, existingPhones]);
  // `raw`: the form keeps (and sends) what people typed; the server parses it again with the same schema.
  const form = useForm<ContactFormValues>({ resolver: zodResolver(schema, undefined, { raw: true }), defaultValues });
  const phones = useFieldArray({ control: form.control, name: "phones" });
  const emails = useFieldArray({ control: form.control, name: "emails" });
  const [error, setError] = useState<string | null>(null);
  const [suggestion, setSuggestion] = useState<{ candidates: DuplicateCandidate[]; canMerge: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(answer: DuplicateAnswer, selectedIds: string[] = []) {
    setError(null);
    setBusy(true);
    const result = await save(form.getValues(), answer, selectedIds);
    setBusy(false);
    if (!result.ok) {
      setSuggestion(null);
      setError(result.error);
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages?.[0]) form.setError(name as Path<ContactFormValues>, { message: messages[0] });
      }
      return;
    }
    if (result.data.status === "duplicates") {
      setSuggestion({ candidates: result.data.candidates, canMerge: result.data.canMerge });
      return;
    }
    setSuggestion(null);
    toast.success(result.data.merged ? `Contact saved; ${result.data.merged} merged into it.` : "Contact saved.");
    onSaved(result.data);
  }

  const answer = (a: SuggestionAnswer) => void submit(a.answer, a.answer === "merge-selected" ? a.selectedIds : []);

  const text = (name: Path<ContactFormValues>, label: string, props: React.ComponentProps<typeof Input> = {}) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input {...props} {...field} value={String(field.value ?? "")} />
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  const list = (kind: "phones" | "emails") => {
    const array = kind === "phones" ? phones : emails;
    const max = kind === "phones" ? MAX_PHONES : MAX_EMAILS;
    const noun = kind === "phones" ? "phone number" : "e-mail address";
    return (
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{kind === "phones" ? "Phone numbers" : "E-mail addresses"}</legend>
        {array.fields.map((row, i) => (
          <FormField
            key={row.id}
            control={form.control}
            name={`${kind}.${i}.value`}
            render={({ field }) => (
              <FormItem className="gap-1">
                <div className="flex gap-2">
                  <FormControl>
                    <Input
                      {...field}
                      type={kind === "phones" ? "tel" : "email"}
                      autoComplete={kind === "phones" ? "tel" : "email"}
                      inputMode={kind === "phones" ? "tel" : "email"}
                      aria-label={i === 0 ? `Primary ${noun}` : `${noun[0].toUpperCase()}${noun.slice(1)} ${i + 1}`}
                      placeholder={kind === "phones" ? "+31 6 1234 5678" : "name@example.com"}
                    />
                  </FormControl>
                  {array.fields.length > 1 && (
                    <Button type="button" variant="ghost" size="icon" onClick={() => array.remove(i)} aria-label={`Remove ${noun} ${i + 1}`}>
                      <XIcon />
                    </Button>
                  )}
                </div>
                <FormMessage />
              </FormItem>
            )}
          />
        ))}
        {array.fields.length < max && (
          <Button type="button" variant="ghost" size="sm" className="justify-self-start" onClick={() => array.append({ value: "" })}>
            <PlusIcon aria-hidden="true" /> Add {noun}
          </Button>
        )}
      </fieldset>
    );
  };

  const choice = (name: "idType" | "gender", label: string, values: readonly string[], labels: Record<string, string>) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <Select value={field.value || "none"} onValueChange={(v) => field.onChange(v === "none" ? "" : v)}>
            <FormControl>
              <SelectTrigger className="w-full">
                <SelectValue />
              </SelectTrigger>
            </FormControl>
            <SelectContent>
              <SelectItem value="none">Not given</SelectItem>
              {values.map((v) => (
                <SelectItem key={v} value={v}>
                  {labels[v]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  const native = (name: "country" | "language", label: string, choices: NamedOption[]) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <NativeSelect {...field}>
              <option value="">Not given</option>
              {choices.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(() => submit("ask"))} className="grid gap-6" noValidate>
        <FormAlert>{error}</FormAlert>
        <section className="grid gap-4" aria-labelledby="contact-section-main">
          <h2 id="contact-section-main" className={cn("text-sm font-semibold", compact && "sr-only")}>
            Name and how to reach them
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {text("firstName", "First name", { autoComplete: "off", autoFocus: true })}
            {text("lastName", "Last name", { autoComplete: "off" })}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            {list("phones")}
            {list("emails")}
          </div>
          {!compact && (
            <FormField
              control={form.control}
              name="vip"
              render={({ field }) => (
                <FormItem className="flex items-center gap-3">
                  <FormControl>
                    <Switch checked={field.value} onCheckedChange={field.onChange} />
                  </FormControl>
                  <FormLabel className="font-normal">VIP — their new conversations skip the queue</FormLabel>
                </FormItem>
              )}
            />
          )}
        </section>
        <section className="grid gap-4" aria-labelledby="contact-section-other">
          <h2 id="contact-section-other" className="text-sm font-semibold">
            {compact ? "Optional" : "Other information"}
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {text("company", "Company", { autoComplete: "off" })}
            {!compact && text("idNumber", "ID number", { autoComplete: "off" })}
            {!compact && choice("idType", "ID type", idTypes, idTypeLabels)}
            {!compact && text("birthdate", "Birthdate", { type: "date", max: new Date().toISOString().slice(0, 10) })}
            {!compact && text("motherName", "Mother's name", { autoComplete: "off" })}
            {!compact && choice("gender", "Gender", genders, genderLabels)}
            {!compact && native("language", "Language", options.languages)}
          </div>
          <FormField
            control={form.control}
            name="address"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Address</FormLabel>
                <FormControl>
                  <Textarea rows={2} {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          {!compact && (
            <div className="grid gap-4 sm:grid-cols-3">
              {text("postalCode", "Postal code", { autoComplete: "off" })}
              {text("city", "City", { autoComplete: "off" })}
              {native("country", "Country", options.countries)}
            </div>
          )}
        </section>
        {!compact && (
          <FormField
            control={form.control}
            name="notes"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Notes</FormLabel>
                <FormControl>
                  <Textarea rows={4} placeholder="Anything colleagues should know about this customer" {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={busy}>
            {busy && <Spinner label="Saving" />}
            {submitLabel}
          </Button>
        </div>
      </form>
      {suggestion && (
        <MergeSuggestion
          candidates={suggestion.candidates}
          canMerge={suggestion.canMerge}
          busy={busy}
          onAnswer={answer}
          onCancel={() => setSuggestion(null)}
          extraAction={extraSuggestionAction ? (c) => extraSuggestionAction(c, () => setSuggestion(null)) : undefined}
        />
      )}
    </Form>
  );
}

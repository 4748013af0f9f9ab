"use client";

import { useRouter } from "next/navigation";
import { saveContactAction } from "@/app/(app)/contacts/actions";
import { ContactForm } from "@/components/contacts/contact-form";
import type { ContactFormValues, NamedOption } from "@/lib/contacts/contact.validation";

/** The new-contact and edit pages: the form, saved through the action, then on to the contact page. */
export function ContactEditor({
  id,
  defaultValues,
  region,
  existingPhones,
  options,
}: {
  options: { countries: NamedOption[]; languages: NamedOption[] };
  id?: string;
  defaultValues: ContactFormValues;
  region: string;
  existingPhones?: string[];
}) {
  const router = useRouter();
  return (
    <ContactForm
      defaultValues={defaultValues}
      region={region}
      existingPhones={existingPhones}
      options={options}
      submitLabel={id ? "Save changes" : "Create contact"}
      save={(values, answer, selectedIds) => saveContactAction({ id, values, answer, selectedIds })}
      onSaved={({ id: saved }) => {
        router.push(`/contacts/${saved}`);
        router.refresh();
      }}
    />
  );
}

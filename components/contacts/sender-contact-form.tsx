"use client";

import type { ComponentProps } from "react";
import { ContactForm } from "@/components/contacts/contact-form";
import { emptyContactForm } from "@/lib/contacts/contact.validation";

/**
 * The create-contact form for an unrecognised sender, prefilled with the name the channel gave. The
 * conversation pane loads it on demand: it brings the phone-number rules (libphonenumber's metadata).
 */
export function SenderContactForm({ name, ...props }: Omit<ComponentProps<typeof ContactForm>, "defaultValues"> & { name: string | null }) {
  const [first = "", ...rest] = (name ?? "").split(" ");
  return <ContactForm {...props} defaultValues={{ ...emptyContactForm, firstName: first, lastName: rest.join(" ") }} />;
}

import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactEditor } from "@/components/contacts/contact-editor";
import { Button } from "@/components/ui/button";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { contactFormValues, loadContact } from "@/lib/contacts/contacts";
import { contactFormOptions } from "@/lib/contacts/contact.validation";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { customerLabel } from "@/lib/format";
import { isUuid } from "@/lib/realtime/topics";

export const metadata: Metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  await requirePermission("contact.edit");
  const settings = await getServiceSettings();
  const contact = await loadContact(getDb(), id).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-3xl gap-6 px-4 py-6 md:px-6">
        <div className="flex items-center gap-2">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href={`/contacts/${id}`} aria-label="Back to the contact">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <h1 className="truncate text-lg font-semibold">Edit {customerLabel(contact.name, contact.email ?? contact.phone)}</h1>
        </div>
        <ContactEditor options={contactFormOptions()} id={id} defaultValues={contactFormValues(contact)} region={settings.defaultRegion} existingPhones={contact.phones ?? []} />
      </div>
    </div>
  );
}

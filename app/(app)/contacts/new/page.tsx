import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ContactEditor } from "@/components/contacts/contact-editor";
import { Button } from "@/components/ui/button";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { contactFormOptions, emptyContactForm } from "@/lib/contacts/contact.validation";

export const metadata: Metadata = { title: "New contact" };

export default async function NewContactPage() {
  await requirePermission("contact.edit");
  const settings = await getServiceSettings();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-3xl gap-6 px-4 py-6 md:px-6">
        <div className="flex items-center gap-2">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href="/contacts" aria-label="Back to contacts">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <h1 className="text-lg font-semibold">New contact</h1>
        </div>
        <ContactEditor options={contactFormOptions()} defaultValues={emptyContactForm} region={settings.defaultRegion} />
      </div>
    </div>
  );
}

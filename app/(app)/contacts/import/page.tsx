import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ImportUpload } from "@/components/contacts/import-upload";
import { Button } from "@/components/ui/button";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportPage() {
  await requirePermission("contacts.import");
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-3xl gap-4 px-4 py-5 md:px-6">
        <div className="flex items-center gap-2">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href="/contacts" aria-label="Back to contacts">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <h1 className="text-lg font-semibold">Import contacts</h1>
        </div>
        <ol className="grid gap-1 text-sm text-muted-foreground">
          <li>1. Upload a CSV file (from Excel, Google Sheets, another address book; up to 100,000 rows, 25 MB).</li>
          <li>2. Tell us which column is which, and what to do with rows matching an existing contact.</li>
          <li>3. Every row is checked; you get a report of what was created, updated, skipped and rejected, and why.</li>
        </ol>
        <ImportUpload />
      </div>
    </div>
  );
}

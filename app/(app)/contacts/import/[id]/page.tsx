import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportMapping } from "@/components/contacts/import-mapping";
import { ImportProgress } from "@/components/contacts/import-progress";
import { Button } from "@/components/ui/button";
import { requirePermission } from "@/lib/auth/session";
import { getImport, importPreview, importReportRows } from "@/lib/contacts/import";
import { getDb } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/realtime/topics";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const user = await requirePermission("contacts.import");
  const db = getDb();
  const job = await getImport(db, user, id).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { source: _source, ...progress } = job;
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-4xl gap-4 px-4 py-5 md:px-6">
        <div className="flex items-center gap-2">
          <Button asChild variant="ghost" size="icon-sm">
            <Link href="/contacts" aria-label="Back to contacts">
              <ArrowLeftIcon />
            </Link>
          </Button>
          <h1 className="min-w-0 truncate text-lg font-semibold">Import “{job.fileName}”</h1>
        </div>
        {job.status === "uploaded" ? (
          <ImportMapping importId={job.id} totalRows={job.totalRows} preview={importPreview(job)} suggested={job.mapping} />
        ) : (
          <ImportProgress initial={progress} rows={job.status === "running" ? [] : await importReportRows(db, job.id)} />
        )}
      </div>
    </div>
  );
}

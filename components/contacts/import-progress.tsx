"use client";

import { DownloadIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { importProgressAction } from "@/app/(app)/contacts/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { contactImportRows, contactImports } from "@/db/schema";

type Progress = Omit<typeof contactImports.$inferSelect, "source">;
type ReportRow = typeof contactImportRows.$inferSelect;

/** Step 3: the import's progress while it runs (polled), then its report. */
export function ImportProgress({ initial, rows }: { initial: Progress; rows: ReportRow[] }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);

  useEffect(() => {
    if (job.status !== "running") return;
    const timer = setInterval(async () => {
      const result = await importProgressAction({ importId: job.id });
      if (!result.ok) return;
      setJob((j) => ({ ...j, ...result.data }));
      if (result.data.status !== "running") router.refresh();
    }, 1000);
    return () => clearInterval(timer);
  }, [job.id, job.status, router]);

  const percent = job.totalRows ? Math.round((job.processed / job.totalRows) * 100) : 100;
  const figures: [string, number][] = [
    ["Created", job.created],
    ["Updated", job.updated],
    ["Skipped", job.skipped],
    ["Rejected", job.rejected],
  ];
  return (
    <div className="grid gap-5">
      <section aria-label="Progress" className="grid gap-2">
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium">
            {job.status === "running" ? "Importing…" : job.status === "done" ? "Import finished" : "Import stopped"}
          </span>
          <span className="text-muted-foreground tabular-nums">
            {job.processed.toLocaleString("en")} of {job.totalRows.toLocaleString("en")} rows
          </span>
        </div>
        <div
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label="Rows imported"
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        {job.error && <p className="text-sm text-destructive">{job.error}</p>}
      </section>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([label, n]) => (
          <div key={label} className="rounded-lg border p-3">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{n.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      {job.status !== "running" && (
        <section className="grid gap-3" aria-labelledby="report-title">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="report-title" className="font-semibold">
              Skipped and rejected rows
            </h2>
            <span className="flex gap-2">
              {job.skipped + job.rejected > 0 && (
                <Button asChild variant="outline" size="sm">
                  <a href={`/api/contacts/imports/${job.id}/report`} download>
                    <DownloadIcon aria-hidden="true" /> Download report (CSV)
                  </a>
                </Button>
              )}
              <Button asChild size="sm">
                <Link href="/contacts?sort=newest">See the contacts</Link>
              </Button>
            </span>
          </div>
          {rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">Every row was imported.</p>
          ) : (
            <ul className="divide-y rounded-md border text-sm">
              {rows.map((r) => (
                <li key={r.id} className="grid gap-0.5 px-3 py-2">
                  <span className="flex items-center gap-2">
                    <span className="font-medium">Row {r.line}</span>
                    <Badge variant={r.outcome === "rejected" ? "destructive" : "secondary"}>{r.outcome === "rejected" ? "Rejected" : "Skipped"}</Badge>
                  </span>
                  <span>{r.reason}</span>
                  <span className="truncate text-xs text-muted-foreground">
                    {job.headers
                      .filter((h) => h in r.data)
                      .map((h) => r.data[h])
                      .join(" · ")}
                  </span>
                </li>
              ))}
              {job.skipped + job.rejected > rows.length && (
                <li className="px-3 py-2 text-muted-foreground">
                  … and {(job.skipped + job.rejected - rows.length).toLocaleString("en")} more in the downloadable report.
                </li>
              )}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

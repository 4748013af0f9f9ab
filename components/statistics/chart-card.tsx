"use client";

import { ChartNoAxesColumnIcon, DownloadIcon, TableIcon } from "lucide-react";
import { useId, useState } from "react";
import { StatTable } from "@/components/statistics/stat-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { StatTable as Table } from "@/lib/stats/tables";
import { cn } from "@/lib/utils";

/**
 * One chart: title, description, the chart itself, and its data as a table — read by screen readers
 * under the chart, shown instead of it on request — plus its CSV download.
 */
export function ChartCard({
  table,
  description,
  csvHref,
  empty,
  emptyText = "Nothing happened in this time span.",
  className,
  children,
}: {
  table: Table;
  description?: React.ReactNode;
  csvHref?: string;
  empty?: boolean;
  emptyText?: string;
  className?: string;
  children?: React.ReactNode;
}) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={cn("flex min-w-0 flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs", className)}>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="font-semibold">
            {table.title}
          </h2>
          {description && <p className="text-sm text-muted-foreground">{description}</p>}
        </div>
        <div className="flex shrink-0 gap-1">
          {!empty && children && (
            <Button variant="ghost" size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
              {asTable ? <ChartNoAxesColumnIcon aria-hidden="true" /> : <TableIcon aria-hidden="true" />}
              {asTable ? "Chart" : "Table"}
            </Button>
          )}
          {csvHref && (
            <Button asChild variant="ghost" size="sm">
              <a href={csvHref} download aria-label={`Download “${table.title}” as CSV`}>
                <DownloadIcon aria-hidden="true" />
                CSV
              </a>
            </Button>
          )}
        </div>
      </header>
      {empty ? (
        <EmptyState className="py-6 md:py-8" title="No data" description={emptyText} headingLevel={3} />
      ) : !children || asTable ? (
        <StatTable table={table} />
      ) : (
        <>
          <div aria-hidden="true">{children}</div>
          <StatTable table={table} className="sr-only" />
        </>
      )}
    </section>
  );
}

import { ScrollTextIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditDetails } from "@/components/settings/audit/audit-details";
import { AuditActionFilter } from "@/components/settings/audit/action-filter";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { auditActionsInUse, auditLabel, listAudit } from "@/lib/audit";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { requireSettingsSection } from "@/lib/settings/access";

export const metadata: Metadata = { title: "Audit log" };

type Search = { action?: string | string[]; page?: string | string[] };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pageHref(action: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (action) params.set("action", action);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/settings/audit${query ? `?${query}` : ""}`;
}

function actorName(e: { actorName: string | null; actorId: string | null }): string {
  return e.actorName ?? (e.actorId ? "A deleted user" : "Switchboard");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user, section } = await requireSettingsSection("audit");
  const search = await searchParams;
  const db = getDb();
  const actions = await auditActionsInUse(db);
  const requested = first(search.action);
  const action = requested && actions.includes(requested) ? requested : undefined;
  const { entries, total, page, pageCount } = await listAudit(db, { action, page: Number(first(search.page)) || 1 });
  return (
    <>
      <SettingsHeader title={section.label} description={section.description} />
      <div className="grid gap-4">
        <AuditActionFilter actions={actions.map((a) => ({ value: a, label: auditLabel(a) }))} value={action ?? ""} />
        {entries.length === 0 ? (
          <EmptyState
            icon={ScrollTextIcon}
            headingLevel={2}
            className="rounded-xl border"
            title="Nothing recorded yet"
            description="Every change to the settings appears here with who made it and when."
          />
        ) : (
          <>
            <div className="overflow-x-auto rounded-xl border bg-card">
              <table className="w-full text-sm">
                <caption className="sr-only">
                  Settings changes, newest first: page {page} of {pageCount}
                </caption>
                <thead className="border-b bg-muted/40 text-left text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="hidden px-4 py-2 font-medium whitespace-nowrap sm:table-cell">
                      When
                    </th>
                    <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
                      Who
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      What
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y">
                  {entries.map((e) => (
                    <tr key={e.id} className="align-top">
                      <td className="hidden px-4 py-2.5 whitespace-nowrap text-muted-foreground sm:table-cell">
                        {formatDateTime(e.createdAt, user.timeZone)}
                      </td>
                      <td className="hidden px-4 py-2.5 sm:table-cell">{actorName(e)}</td>
                      <td className="px-4 py-2.5">
                        <p className="mb-0.5 text-xs text-muted-foreground sm:hidden">
                          {formatDateTime(e.createdAt, user.timeZone)} · {actorName(e)}
                        </p>
                        <p>
                          {auditLabel(e.action)}
                          {e.target && <span className="font-medium">: {e.target}</span>}
                        </p>
                        <AuditDetails data={e.data} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="text-muted-foreground">
                {total.toLocaleString("en")} {total === 1 ? "change" : "changes"} · page {page} of {pageCount}
              </span>
              <span className="flex gap-2">
                {page > 1 ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(action, page - 1)}>Newer</Link>
                  </Button>
                ) : (
                  <Button variant="outline" size="sm" disabled>
                    Newer
                  </Button>
                )}
                {page < pageCount ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(action, page + 1)}>Older</Link>
                  </Button>
                ) : (
                  <Button variant="outline" size="sm" disabled>
                    Older
                  </Button>
                )}
              </span>
            </nav>
          </>
        )}
      </div>
    </>
  );
}

import { ChevronLeftIcon, ChevronRightIcon, ContactIcon, PlusIcon, ShieldBanIcon, UploadIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ContactRow } from "@/components/contacts/contact-row";
import { ContactsToolbar } from "@/components/contacts/contacts-toolbar";
import { ExportMenu } from "@/components/contacts/export-menu";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { contactCounts, contactSorts, contactTabs, listContacts, type ContactTab } from "@/lib/contacts/queries";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Contacts" };

const params = z.object({
  q: z.string().max(200).optional().catch(undefined),
  tab: z.enum(contactTabs).catch("all"),
  sort: z.enum(contactSorts).catch("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ContactsPage({ searchParams }: Props) {
  const user = await requirePermission("contacts.read");
  const settings = await getServiceSettings();
  const raw = await searchParams;
  const { q, tab, sort, page } = params.parse({ q: raw.q, tab: raw.tab ?? "all", sort: raw.sort ?? "name", page: raw.page ?? 1 });
  const db = getDb();
  const [list, counts] = await Promise.all([listContacts(db, settings, { q, tab, sort, page }), contactCounts(db, settings, q)]);
  const link = (changes: Partial<{ tab: ContactTab; page: number }>) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    const t = changes.tab ?? tab;
    if (t !== "all") next.set("tab", t);
    if (sort !== "name") next.set("sort", sort);
    const p = changes.page ?? 1;
    if (p > 1) next.set("page", String(p));
    const s = next.toString();
    return s ? `/contacts?${s}` : "/contacts";
  };
  const first = (list.page - 1) * list.pageSize + 1;
  const total = counts[tab];

  return (
    <div className="flex h-full flex-col overflow-y-auto">
      <header className="flex flex-wrap items-center gap-2 border-b px-4 py-3 md:px-6">
        <h1 className="mr-auto text-lg font-semibold">Contacts</h1>
        {can(user, "contact.block", settings) && (
          <Button asChild variant="ghost" size="sm">
            <Link href="/contacts/blocked">
              <ShieldBanIcon aria-hidden="true" />
              Blocked conversations
            </Link>
          </Button>
        )}
        {can(user, "contacts.import", settings) && (
          <Button asChild variant="outline" size="sm">
            <Link href="/contacts/import">
              <UploadIcon aria-hidden="true" />
              Import
            </Link>
          </Button>
        )}
        {can(user, "contacts.export", settings) && <ExportMenu q={q} tab={tab} />}
        {can(user, "contact.edit", settings) && (
          <Button asChild size="sm">
            <Link href="/contacts/new">
              <PlusIcon aria-hidden="true" />
              New contact
            </Link>
          </Button>
        )}
      </header>
      <ContactsToolbar q={q ?? ""} tab={tab} sort={sort} counts={counts} />
      <section aria-label="Contact list" className="flex-1 px-2 pb-6 md:px-4">
        {list.rows.length === 0 ? (
          <EmptyState
            icon={ContactIcon}
            headingLevel={2}
            title={q ? "No contact matches" : tab === "vip" ? "No VIP contacts yet" : tab === "blocked" ? "Nobody is blocked" : "No contacts yet"}
            description={
              q
                ? "Search looks in names, company, e-mail addresses, phone numbers in any notation and channel handles."
                : "Contacts are created when customers write in, or add one yourself."
            }
          />
        ) : (
          <>
            <ul className="divide-y rounded-md border">
              {list.rows.map((row) => (
                <ContactRow key={row.id} row={row} />
              ))}
            </ul>
            <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-2 text-sm text-muted-foreground">
              <span>
                {first.toLocaleString("en")}–{(first + list.rows.length - 1).toLocaleString("en")} of{" "}
                {total > 10_000 ? "10,000+" : total.toLocaleString("en")}
              </span>
              <span className="flex gap-2">
                {list.page > 1 ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={link({ page: list.page - 1 })} rel="prev">
                      <ChevronLeftIcon aria-hidden="true" /> Previous
                    </Link>
                  </Button>
                ) : (
                  <Button variant="outline" size="sm" disabled>
                    <ChevronLeftIcon aria-hidden="true" /> Previous
                  </Button>
                )}
                {list.hasMore ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={link({ page: list.page + 1 })} rel="next">
                      Next <ChevronRightIcon aria-hidden="true" />
                    </Link>
                  </Button>
                ) : (
                  <Button variant="outline" size="sm" disabled>
                    Next <ChevronRightIcon aria-hidden="true" />
                  </Button>
                )}
              </span>
            </nav>
          </>
        )}
      </section>
    </div>
  );
}

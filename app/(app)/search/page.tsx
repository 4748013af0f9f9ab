import { SearchXIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SearchForm } from "@/components/search/search-form";
import { SearchResults } from "@/components/search/search-results";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { filtersToSearchParams, isDefaultView, parseFilters } from "@/lib/conversations/filters";
import { filterOptions } from "@/lib/conversations/filters-options";
import { searchConversations, SEARCH_PAGE } from "@/lib/conversations/search";
import { getDb } from "@/lib/db/client";
import type { SearchKey } from "@/lib/search/keys";

export const metadata: Metadata = { title: "Search" };

function describeKey(key: SearchKey | null): string | null {
  if (!key) return null;
  switch (key.kind) {
    case "number":
      return `conversation #${key.number}`;
    case "phone":
      return `the phone number ${key.e164}`;
    case "email":
      return `the e-mail address ${key.email}`;
    case "handle":
      return `the handle ${key.handle}`;
    case "words":
      return `${key.words.length > 1 ? "the words" : "the word"} “${key.words.join(" ")}” in messages, notes and customer names${key.number ? `, or conversation #${key.number}` : ""}`;
  }
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("conversations.read");
  const settings = await getServiceSettings();
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const q = (params.get("q") ?? "").slice(0, 200);
  const filters = parseFilters(params);
  const page = Math.min(Math.max(1, Number(params.get("page")) || 1), 20);
  const db = getDb();
  const asked = Boolean(q.trim()) || !isDefaultView(filters);
  const [options, result] = await Promise.all([
    filterOptions(db, user, settings),
    asked ? searchConversations(db, user, settings, { q, filters, offset: (page - 1) * SEARCH_PAGE }) : null,
  ]);
  const pageHref = (n: number) => {
    const next = filtersToSearchParams(filters);
    if (q) next.set("q", q);
    if (n > 1) next.set("page", String(n));
    return `/search?${next}`;
  };
  const what = describeKey(result?.key ?? null);

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-6xl gap-5 px-3 py-4 md:px-6 md:py-6">
        <header className="grid gap-1">
          <h1 className="text-xl font-semibold tracking-tight">Search</h1>
          <p className="text-sm text-muted-foreground">
            Find conversations by phone number (any notation), e-mail address, @handle or #number, or by words in messages and notes.
          </p>
        </header>
        <SearchForm key={params.toString()} q={q} filters={filters} options={options} />
        {!result ? (
          <p className="text-sm text-muted-foreground">Type what you know about the customer or the conversation, and narrow by channel, tag, team, agent, state or date.</p>
        ) : result.rows.length === 0 ? (
          <EmptyState
            icon={SearchXIcon}
            title="Nothing found"
            description={`No conversation you can see matches${what ? ` ${what}` : ""}. Check the spelling, try fewer words, or widen the filters.`}
          />
        ) : (
          <section aria-label="Results" className="grid gap-3">
            <p className="text-sm text-muted-foreground" role="status">
              {result.hasMore || page > 1
                ? `Conversations ${(page - 1) * SEARCH_PAGE + 1}–${(page - 1) * SEARCH_PAGE + result.rows.length}`
                : `${result.rows.length} conversation${result.rows.length === 1 ? "" : "s"}`}
              {what ? ` with ${what}` : ""}, most recent first.
            </p>
            <SearchResults rows={result.rows} timeZone={user.timeZone} />
            {(page > 1 || result.hasMore) && (
              <nav aria-label="Result pages" className="flex justify-between gap-2">
                {page > 1 ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(page - 1)}>Previous</Link>
                  </Button>
                ) : (
                  <span />
                )}
                {result.hasMore && page < 20 && (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(page + 1)}>Next</Link>
                  </Button>
                )}
              </nav>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

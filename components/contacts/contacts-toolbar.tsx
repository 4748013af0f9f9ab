"use client";

import { SearchIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { ContactSort, ContactTab } from "@/lib/contacts/queries";
import { cn } from "@/lib/utils";

const tabLabels: Record<ContactTab, string> = { all: "All", vip: "VIP", blocked: "Blocked" };
const sortLabels: Record<ContactSort, string> = { name: "Name A–Z", "name-desc": "Name Z–A", newest: "Newest first", oldest: "Oldest first" };

/** Search (submitted as a plain GET form, so it works before scripts load), the tabs and the sort order. */
export function ContactsToolbar({ q, tab, sort, counts }: { q: string; tab: ContactTab; sort: ContactSort; counts: Record<ContactTab, number> }) {
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState(q);
  const href = (t: ContactTab, s: ContactSort = sort) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (t !== "all") next.set("tab", t);
    if (s !== "name") next.set("sort", s);
    const str = next.toString();
    return str ? `${pathname}?${str}` : pathname;
  };
  return (
    <div className="grid gap-3 px-4 py-3 md:px-6">
      <form role="search" action={pathname} className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          type="search"
          name="q"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search name, phone (any notation), e-mail, handle or company"
          aria-label="Search contacts"
          className="pl-9"
          maxLength={200}
        />
        {tab !== "all" && <input type="hidden" name="tab" value={tab} />}
        {sort !== "name" && <input type="hidden" name="sort" value={sort} />}
      </form>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label="Contact lists" className="inline-flex rounded-lg bg-muted p-[3px]">
          {(Object.keys(tabLabels) as ContactTab[]).map((t) => (
            <Link
              key={t}
              href={href(t)}
              aria-current={t === tab ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1 text-sm font-medium text-muted-foreground outline-hidden focus-visible:ring-2 focus-visible:ring-ring",
                t === tab && "bg-background text-foreground shadow-sm dark:bg-input/40",
              )}
            >
              {tabLabels[t]}
              <span className="ml-1.5 text-xs tabular-nums opacity-70">{counts[t] > 10_000 ? "10k+" : counts[t].toLocaleString("en")}</span>
            </Link>
          ))}
        </nav>
        <Select value={sort} onValueChange={(value) => router.push(href(tab, value as ContactSort))}>
          <SelectTrigger className="w-40" aria-label="Sort contacts" size="sm">
            <SelectValue>{sortLabels[sort]}</SelectValue>
          </SelectTrigger>
          <SelectContent>
            {(Object.keys(sortLabels) as ContactSort[]).map((s) => (
              <SelectItem key={s} value={s}>
                {sortLabels[s]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
    </div>
  );
}

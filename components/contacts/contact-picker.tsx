"use client";

import { SearchIcon } from "lucide-react";
import { useEffect, useState } from "react";
import { pickContactsAction } from "@/app/(app)/contacts/actions";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { formatPhone } from "@/lib/contacts/contact.validation";
import type { ContactListRow } from "@/lib/contacts/queries";
import { customerLabel } from "@/lib/format";
import { cn } from "@/lib/utils";

/** Search the address book and pick one contact (merge, relate). */
export function ContactPicker({
  exceptId,
  selectedId,
  onSelect,
  label = "Find a contact",
}: {
  exceptId?: string;
  selectedId: string | null;
  onSelect: (row: ContactListRow) => void;
  label?: string;
}) {
  const [q, setQ] = useState("");
  const [rows, setRows] = useState<ContactListRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = q.trim();
    if (query.length < 2) return;
    let live = true;
    const timer = setTimeout(async () => {
      setLoading(true);
      const result = await pickContactsAction({ q: query, exceptId });
      if (!live) return;
      setLoading(false);
      if (result.ok) {
        setRows(result.data);
        setError(null);
      } else setError(result.error);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, exceptId]);

  const shown = q.trim().length < 2 ? [] : rows;
  return (
    <div className="grid min-w-0 gap-2">
      <div className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label={label}
          placeholder="Name, phone, e-mail or company"
          className="pl-9"
          autoFocus
        />
        {loading && <Spinner label="Searching" className="absolute top-1/2 right-3 -translate-y-1/2" iconClassName="size-4" />}
      </div>
      {error && <p className="text-sm text-destructive">{error}</p>}
      <ul className="grid max-h-64 min-w-0 gap-1 overflow-y-auto" aria-label="Matching contacts">
        {shown.map((row) => {
          const name = customerLabel(row.name, row.handle ?? row.email ?? row.phone);
          return (
            <li key={row.id} className="min-w-0">
              <button
                type="button"
                onClick={() => onSelect(row)}
                aria-pressed={selectedId === row.id}
                className={cn(
                  "flex w-full min-w-0 flex-col rounded-md border px-3 py-2 text-left text-sm outline-hidden hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                  selectedId === row.id && "border-primary bg-primary/5",
                )}
              >
                <span className="truncate font-medium">{name}</span>
                <span className="truncate text-xs text-muted-foreground">
                  {[row.phone && formatPhone(row.phone), row.email, row.company].filter(Boolean).join(" · ") || "No phone or e-mail"}
                </span>
              </button>
            </li>
          );
        })}
        {q.trim().length >= 2 && !loading && !shown.length && !error && <li className="px-1 text-sm text-muted-foreground">No contact matches.</li>}
      </ul>
    </div>
  );
}

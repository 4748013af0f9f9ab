"use client";

import { DownloadIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { viewLabels, type View } from "@/lib/conversations/views";

const choices = [
  { rows: "conversations", format: "csv", label: "Conversations as CSV" },
  { rows: "conversations", format: "xlsx", label: "Conversations as Excel" },
  { rows: "messages", format: "csv", label: "Messages as CSV" },
  { rows: "messages", format: "xlsx", label: "Messages as Excel" },
] as const;

/** Downloads the inbox view the user is on, with its filters (`query`, as in the inbox URL). */
export function InboxExportMenu({ view, query }: { view: View; query: string }) {
  const filters = query.replace(/^\?/, "");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon-sm" className="mx-1 shrink-0" aria-label={`Export the “${viewLabels[view]}” view`}>
          <DownloadIcon />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Export “{viewLabels[view]}”{filters ? " (filtered)" : ""}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {choices.map((c) => (
          <DropdownMenuItem key={c.label} asChild>
            <a href={`/api/export/inbox?view=${view}&rows=${c.rows}&format=${c.format}${filters ? `&${filters}` : ""}`} download>
              {c.label}
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

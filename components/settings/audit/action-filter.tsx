"use client";

import { useRouter } from "next/navigation";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

/** Filters the log to one kind of change; the page reads it from the URL, so a filtered view can be shared. */
export function AuditActionFilter({ actions, value }: { actions: { value: string; label: string }[]; value: string }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Label htmlFor="audit-action">Show</Label>
      <NativeSelect
        id="audit-action"
        value={value}
        className="w-auto min-w-56"
        onChange={(e) => router.push(e.target.value ? `/settings/audit?action=${encodeURIComponent(e.target.value)}` : "/settings/audit")}
      >
        <option value="">Every change</option>
        {actions.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

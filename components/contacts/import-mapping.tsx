"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { startImportAction } from "@/app/(app)/contacts/actions";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";
import { importFields, importModeLabels, importModes, type ImportField } from "@/lib/contacts/import.validation";

/** Step 2: which column feeds which field (first guessed from the headers), a preview, and what to do with matches. */
export function ImportMapping({
  importId,
  totalRows,
  preview,
  suggested,
}: {
  importId: string;
  totalRows: number;
  preview: { headers: string[]; rows: string[][] };
  suggested: Record<string, string>;
}) {
  const router = useRouter();
  const [mapping, setMapping] = useState<Partial<Record<ImportField, string>>>(suggested);
  const [mode, setMode] = useState<(typeof importModes)[number]>("skip");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cell = (row: string[], field: ImportField) => {
    const column = mapping[field];
    const i = column ? preview.headers.indexOf(column) : -1;
    return i >= 0 ? (row[i] ?? "") : "";
  };
  const mapped = importFields.filter((f) => mapping[f.key]);

  async function start() {
    setBusy(true);
    setError(null);
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as Record<ImportField, string>;
    const result = await startImportAction({ importId, mapping: clean, mode });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    toast.success("Import started.");
    router.refresh();
  }

  return (
    <div className="grid gap-6">
      <section className="grid gap-3" aria-labelledby="map-title">
        <h2 id="map-title" className="font-semibold">
          Columns <span className="font-normal text-muted-foreground">· {totalRows.toLocaleString("en")} rows in the file</span>
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          {importFields.map((f) => (
            <div key={f.key} className="grid gap-1">
              <Label htmlFor={`map-${f.key}`}>{f.label}</Label>
              <NativeSelect
                id={`map-${f.key}`}
                value={mapping[f.key] ?? ""}
                onChange={(e) => setMapping((m) => ({ ...m, [f.key]: e.target.value }))}
              >
                <option value="">Not imported</option>
                {preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ))}
        </div>
      </section>

      <section className="grid gap-2" aria-labelledby="preview-title">
        <h2 id="preview-title" className="font-semibold">
          Preview of the first rows
        </h2>
        {mapped.length === 0 ? (
          <p className="text-sm text-muted-foreground">Map at least a name, phone or e-mail column to see the preview.</p>
        ) : (
          <div className="overflow-x-auto rounded-md border">
            <table className="w-full text-left text-sm">
              <thead className="bg-muted/50 text-xs text-muted-foreground">
                <tr>
                  {mapped.map((f) => (
                    <th key={f.key} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                      {f.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y">
                {preview.rows.map((row, i) => (
                  <tr key={i}>
                    {mapped.map((f) => (
                      <td key={f.key} className="max-w-48 truncate px-3 py-1.5">
                        {cell(row, f.key)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <fieldset className="grid gap-2">
        <legend className="mb-2 font-semibold">Rows with the phone or e-mail of an existing contact</legend>
        {importModes.map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-1 accent-primary" />
            {importModeLabels[m]}
          </label>
        ))}
      </fieldset>

      <FormAlert>{error}</FormAlert>
      <Button onClick={() => void start()} disabled={busy} className="justify-self-start">
        {busy && <Spinner label="Starting" />}
        Import {totalRows.toLocaleString("en")} rows
      </Button>
    </div>
  );
}

"use client";

import { UploadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";

/** Step 1 of an import: the file goes to the server, which reads it and keeps it with the import. */
export function ImportUpload() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) {
      setError("Choose a CSV file first.");
      return;
    }
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.set("file", file);
    const response = await fetch("/api/contacts/imports", { method: "POST", body }).catch(() => null);
    const result = (await response?.json().catch(() => null)) as { id?: string; error?: string } | null;
    setBusy(false);
    if (!result?.id) {
      setError(result?.error ?? "The file could not be uploaded. Try again.");
      return;
    }
    router.push(`/contacts/import/${result.id}`);
  }

  return (
    <form onSubmit={upload} className="grid gap-3 rounded-lg border p-4" noValidate>
      <div className="grid gap-2">
        <Label htmlFor="import-file">CSV file</Label>
        <Input
          id="import-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? "import-error" : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {error && (
          <p id="import-error" className="text-sm text-destructive" role="alert">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={busy} className="justify-self-start">
        {busy ? <Spinner label="Uploading" /> : <UploadIcon aria-hidden="true" />}
        Upload and continue
      </Button>
    </form>
  );
}

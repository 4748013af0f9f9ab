"use client";

import { CopyIcon, PlugZapIcon, PowerIcon, RefreshCwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { registerWebhookAction, setChannelActiveAction, testChannelAction } from "@/app/(app)/settings/channels/actions";
import { Button } from "@/components/ui/button";

export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <div className="flex items-center gap-2">
        <code className="block min-w-0 flex-1 truncate rounded-md border bg-muted/50 px-2 py-1.5 text-xs" title={value}>{value}</code>
        <Button
          variant="outline"
          size="icon-sm"
          aria-label={`Copy ${label}`}
          onClick={() => void navigator.clipboard.writeText(value).then(() => toast.success(`${label} copied`))}
        >
          <CopyIcon />
        </Button>
      </div>
    </div>
  );
}

/** Test the connection, re-register the webhook, deactivate or reactivate. */
export function ChannelControls({ id, active, canRegister }: { id: string; active: boolean; canRegister: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function run(name: string, call: () => Promise<{ ok: true; data?: { ok: boolean; message: string } | void } | { ok: false; error: string }>) {
    setBusy(name);
    const outcome = await call();
    setBusy(null);
    if (!outcome.ok) {
      setResult({ ok: false, message: outcome.error });
      return;
    }
    if (outcome.data) setResult(outcome.data);
    router.refresh();
  }

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" disabled={busy !== null} onClick={() => void run("test", () => testChannelAction({ id }))}>
          <PlugZapIcon aria-hidden="true" />
          {busy === "test" ? "Testing…" : "Test connection"}
        </Button>
        {canRegister && (
          <Button variant="outline" disabled={busy !== null} onClick={() => void run("register", () => registerWebhookAction({ id }))}>
            <RefreshCwIcon aria-hidden="true" />
            Register webhook again
          </Button>
        )}
        <Button
          variant={active ? "outline" : "default"}
          disabled={busy !== null}
          onClick={() =>
            void run("active", async () => {
              const r = await setChannelActiveAction({ id, active: !active });
              if (r.ok) toast.success(active ? "Channel deactivated" : "Channel reactivated");
              return r.ok ? { ok: true } : r;
            })
          }
        >
          <PowerIcon aria-hidden="true" />
          {active ? "Deactivate" : "Reactivate"}
        </Button>
      </div>
      {result && (
        <p role="status" className={result.ok ? "text-sm text-success" : "text-sm text-destructive"}>
          {result.message}
        </p>
      )}
    </div>
  );
}

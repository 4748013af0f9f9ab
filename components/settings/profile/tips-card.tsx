"use client";

import { RotateCcwIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { resetTipsAction } from "@/app/(app)/settings/profile/actions";
import { handleResult } from "@/components/settings/form-result";
import { SettingsCard } from "@/components/settings/settings-card";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

export function TipsCard({ hasDismissed }: { hasDismissed: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function reset() {
    setBusy(true);
    const result = await resetTipsAction({});
    setBusy(false);
    if (!handleResult(result)) return;
    toast.success("The tips will show again");
    router.refresh();
  }
  return (
    <SettingsCard title="Onboarding tips" description="The short hints Switchboard shows the first time you use something.">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground">{hasDismissed ? "You have dismissed some tips." : "No tips dismissed."}</p>
        <Button variant="outline" onClick={() => void reset()} disabled={busy || !hasDismissed}>
          {busy ? <Spinner label="Resetting" /> : <RotateCcwIcon aria-hidden="true" />}
          Show all tips again
        </Button>
      </div>
    </SettingsCard>
  );
}

"use client";

import { CheckIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { pickUpAction, rejectAction } from "@/app/(app)/inbox/actions";
import { Button } from "@/components/ui/button";

/**
 * Accept (✔) and reject (✘) straight from the New list, as a queue is worked: accepting opens the
 * conversation as yours; rejecting closes it. A lost race says who was faster.
 */
export function TriageButtons({ conversationId, number, customer, openHref }: { conversationId: string; number: number; customer: string; openHref: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function run(accept: boolean) {
    setBusy(true);
    const result = accept ? await pickUpAction({ conversationId }) : await rejectAction({ conversationId });
    setBusy(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success(accept ? `#${number} is yours` : `#${number} rejected`);
    if (accept) router.push(openHref);
    router.refresh();
  }
  return (
    <div className="flex gap-1">
      <Button
        size="icon-sm"
        variant="outline"
        className="size-7 bg-background text-success hover:text-success"
        disabled={busy}
        aria-label={`Accept conversation ${number} with ${customer}`}
        title="Accept: assign to me"
        onClick={() => void run(true)}
      >
        <CheckIcon />
      </Button>
      <Button
        size="icon-sm"
        variant="outline"
        className="size-7 bg-background text-destructive hover:text-destructive"
        disabled={busy}
        aria-label={`Reject conversation ${number} with ${customer}`}
        title="Reject"
        onClick={() => void run(false)}
      >
        <XIcon />
      </Button>
    </div>
  );
}

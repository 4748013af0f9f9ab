"use client";

import { ClockIcon, FileTextIcon } from "lucide-react";
import { useState } from "react";
import { TemplateDialog } from "@/components/conversation/template-dialog";
import { Button } from "@/components/ui/button";
import { channelLabels } from "@/lib/channels/labels";
import type { ChannelKind } from "@/lib/channels/types";
import type { WindowState } from "@/lib/channels/window";
import { formatDateTime } from "@/lib/format";

/**
 * Stands in for the reply box while the channel's customer-care window is closed (the reference's
 * "Timewindow exceeded"): since when, why, and what is still possible — an approved template on WhatsApp,
 * nothing on Messenger and Instagram until the customer writes again.
 */
export function WindowBanner({
  window: closed,
  conversationId,
  channelKind,
  customer,
  timeZone,
  onSent,
}: {
  window: Extract<WindowState, { state: "closed" }>;
  conversationId: string;
  channelKind: ChannelKind;
  customer: string;
  timeZone: string;
  onSent: () => void;
}) {
  const [open, setOpen] = useState(false);
  const label = channelLabels[channelKind];
  const templates = closed.outside === "template";
  const since = closed.closedSince ? formatDateTime(new Date(closed.closedSince), timeZone) : null;

  return (
    <div className="bg-warning/10 px-4 py-3" role="status">
      <div className="mx-auto flex max-w-3xl flex-col gap-3 sm:flex-row sm:items-center">
        <ClockIcon className="hidden size-5 shrink-0 text-warning sm:block" aria-hidden="true" />
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium">
            {since ? (
              <>
                The {label} window has been closed since <time dateTime={new Date(closed.closedSince!).toISOString()}>{since}</time>
              </>
            ) : (
              `The customer has not written on ${label} yet`
            )}
          </p>
          <p className="text-muted-foreground">
            {templates
              ? since
                ? "It is more than 24 hours since the customer's last message: only an approved template can go out until they write again."
                : "WhatsApp lets a business start only with an approved template; once the customer answers, you can reply freely."
              : "The 7 days in which a human agent may still answer have passed too: the customer has to write first."}
          </p>
        </div>
        {templates && (
          <Button className="shrink-0 self-start sm:self-center" onClick={() => setOpen(true)}>
            <FileTextIcon aria-hidden="true" />
            Send template
          </Button>
        )}
      </div>
      {templates && open && (
        <TemplateDialog open onOpenChange={setOpen} conversationId={conversationId} customer={customer} timeZone={timeZone} onSent={onSent} />
      )}
    </div>
  );
}

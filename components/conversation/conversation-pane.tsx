"use client";

import { ArrowLeftIcon, PanelRightIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ChannelIcon, channelLabels } from "@/components/channel-icon";
import { QuickReplyDrop } from "@/components/composer/quick-reply-drop";
import { Composer } from "@/components/conversation/composer";
import { ConversationActions } from "@/components/conversation/conversation-actions";
import { SidePanel } from "@/components/conversation/side-panel";
import { ThreadView } from "@/components/conversation/thread-view";
import { ConversationExportMenu } from "@/components/export/conversation-export-menu";
import { WindowBanner } from "@/components/conversation/window-banner";
import { MoodIndicator } from "@/components/contacts/mood-indicator";
import type { Extras, PaneContact, PaneHeader, PanePermissions, PendingMessage, TagChip, Thread } from "@/components/conversation/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { conversationTopic } from "@/lib/realtime/topics";
import { useRealtime } from "@/lib/realtime/use-realtime";
import type { View } from "@/lib/conversations/views";
import type { Capabilities } from "@/lib/channels/types";
import type { WindowState } from "@/lib/channels/window";

const statusLabels = { new: "New", open: "Open", waiting: "Waiting for customer", closed: "Closed", blocked: "Blocked" } as const;
const closedLabels = { archived: "Archived", rejected: "Rejected", inactive: "Closed (inactive)", barred: "Closed (barred)", blocked: "Closed (blocked)" } as const;

/**
 * One conversation: header with the actions its state allows, the thread, the composer, and the side
 * panel (customer, tags, notes, media). It re-renders from the server whenever realtime says the
 * conversation changed.
 */
export function ConversationPane({
  view,
  timeZone,
  me,
  header,
  contact,
  thread,
  extras,
  allTags,
  permissions,
  capabilities,
  window,
  canExport = false,
}: {
  view: View;
  timeZone: string;
  me: { id: string; name: string };
  header: PaneHeader;
  contact: PaneContact;
  thread: Thread;
  extras: Extras;
  allTags: TagChip[];
  permissions: PanePermissions;
  /** What the conversation's channel can carry (null when it has no adapter yet). */
  capabilities: Capabilities | null;
  /** The channel's customer-care window for the identity replies go to (replyTarget). */
  window: WindowState;
  /** Whether the viewer may export this conversation (the service settings decide for agents). */
  canExport?: boolean;
}) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = () => startTransition(() => router.refresh());
  useRealtime([conversationTopic(header.id)], () => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      refresh();
    }, 150);
  });

  // A reply on its way, shown at once, and cleared when the server's thread has it (composer and drag-and-drop).
  const addPending = (message: PendingMessage) => setPending((p) => [...p, message]);
  const settle = (clientId: string) =>
    startTransition(() => {
      router.refresh();
      setPending((p) => p.filter((m) => m.clientId !== clientId));
    });

  const status = header.status === "closed" ? closedLabels[header.closedReason ?? "archived"] : statusLabels[header.status];
  const side = (
    <SidePanel
      conversationId={header.id}
      header={header}
      contact={contact}
      extras={extras}
      allTags={allTags}
      permissions={permissions}
      timeZone={timeZone}
      onChanged={refresh}
    />
  );

  return (
    <div className="flex h-full min-h-0">
      <section aria-label={`Conversation with ${header.customer}`} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <header className="grid gap-2 border-b px-3 py-2.5 md:px-4">
          <div className="flex items-start gap-2">
            <Button asChild variant="ghost" size="icon-sm" className="md:hidden">
              <Link href={`/inbox/${view}`} aria-label="Back to the list">
                <ArrowLeftIcon />
              </Link>
            </Button>
            <div className="min-w-0 flex-1">
              <h1 className="flex items-center gap-2 text-base font-semibold">
                <ChannelIcon kind={header.channel.kind} className="size-4 shrink-0" />
                <span className="truncate">{header.customer}</span>
              </h1>
              <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-muted-foreground">
                <Badge variant={header.status === "closed" ? "secondary" : header.status === "new" ? "default" : "outline"}>{status}</Badge>
                <span>#{header.number}</span>
                <MoodIndicator language={header.language} sentiment={header.sentiment} />
                <span aria-hidden="true">·</span>
                <span>
                  {channelLabels[header.channel.kind]} ({header.channel.name})
                </span>
                <span aria-hidden="true">·</span>
                <span>Team {header.teamName}</span>
                {header.status !== "closed" && (
                  <>
                    <span aria-hidden="true">·</span>
                    <span>{header.assigneeId ? `Assigned to ${header.assigneeId === me.id ? "you" : header.assigneeName}` : "Unassigned"}</span>
                  </>
                )}
              </p>
            </div>
            {canExport && <ConversationExportMenu number={header.number} />}
            <Sheet>
              <SheetTrigger asChild>
                <Button variant="outline" size="icon-sm" className="lg:hidden" aria-label="Customer details, tags and notes">
                  <PanelRightIcon />
                </Button>
              </SheetTrigger>
              <SheetContent side="right" className="w-[22rem] max-w-full overflow-y-auto p-0">
                <SheetTitle className="sr-only">Details</SheetTitle>
                {side}
              </SheetContent>
            </Sheet>
          </div>
          <ConversationActions view={view} header={header} me={me} permissions={permissions} allTags={allTags} currentTags={extras.tags} onChanged={refresh} />
        </header>
        <QuickReplyDrop
          conversationId={header.id}
          enabled={permissions.reply && header.status !== "closed" && window.state !== "closed"}
          onPending={addPending}
          onSettled={settle}
        >
          <ThreadView
            conversationId={header.id}
            thread={thread}
            events={extras.events}
            userNames={extras.userNames}
            pending={pending}
            timeZone={timeZone}
            canRetry={permissions.reply}
            onChanged={refresh}
          />
        </QuickReplyDrop>
        <Composer
          conversationId={header.id}
          header={header}
          me={me}
          permissions={permissions}
          capabilities={capabilities}
          banner={
            window.state === "closed" ? (
              <WindowBanner
                window={window}
                conversationId={header.id}
                channelKind={header.channel.kind}
                customer={header.customer}
                timeZone={timeZone}
                onSent={refresh}
              />
            ) : undefined
          }
          onPending={addPending}
          onSettled={settle}
        />
      </section>
      <aside aria-label="Details" className="hidden w-80 shrink-0 overflow-y-auto border-l lg:block">
        {side}
      </aside>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { toast } from "sonner";
import { attentionAction } from "@/app/(app)/inbox/workspace-actions";
import { setAttention } from "@/components/notifications/attention";
import { setNotificationsWanted } from "@/components/notifications/permission-prompt";
import { playChime } from "@/components/notifications/chime";
import type { PersonalNotice } from "@/lib/conversations/notify";
import { inboxTopic, userTopic } from "@/lib/realtime/topics";
import { useRealtime } from "@/lib/realtime/use-realtime";
import type { NotificationPrefs } from "@/lib/settings/notifications";


function describe(notice: PersonalNotice): { title: string; href: string } {
  switch (notice.kind) {
    case "newConversation":
      return { title: `New conversation from ${notice.customer}`, href: `/inbox/new/${notice.number}` };
    case "assignedToMe":
      return { title: `${notice.customer} (#${notice.number}) was handed to you`, href: `/inbox/mine/${notice.number}` };
    case "customerReplied":
      return { title: `${notice.customer} replied`, href: `/inbox/mine/${notice.number}` };
  }
}

function permissionNow(): NotificationPermission | "unsupported" {
  return "Notification" in window ? Notification.permission : "unsupported";
}

/**
 * Tells the person when something needs them, following their choices (users.notifications): a desktop
 * notification when the tab is in the background (an in-page toast when they are looking at it), an
 * optional chime, and the count in the tab's title and icon. The permission is asked for in the inbox
 * (permission-prompt.tsx), only when some notification is switched on.
 */
export function Notifier({ userId, prefs, canWork }: { userId: string; prefs: NotificationPrefs; canWork: boolean }) {
  const router = useRouter();
  const wantsAny = canWork && (prefs.newConversation || prefs.assignedToMe || prefs.customerReplied);

  const refreshAttention = useCallback(async () => {
    const result = await attentionAction({});
    if (result.ok) setAttention(result.data);
  }, []);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!canWork) return;
    void refreshAttention();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      setAttention(0);
    };
  }, [canWork, refreshAttention]);

  useRealtime(canWork ? [inboxTopic, userTopic(userId)] : [], (message) => {
    if (message.event === "notice") {
      const notice = message.payload as PersonalNotice;
      if (!prefs[notice.kind]) return;
      const { title, href } = describe(notice);
      if (prefs.sound) playChime();
      const looking = document.visibilityState === "visible" && document.hasFocus();
      if (!looking && permissionNow() === "granted") {
        const shown = new Notification(title, { body: notice.preview ?? undefined, tag: `conversation-${notice.conversationId}`, icon: "/icon.svg" });
        shown.onclick = () => {
          window.focus();
          router.push(href);
          shown.close();
        };
      } else {
        toast(title, { description: notice.preview ?? undefined, action: { label: "Open", onClick: () => router.push(href) } });
      }
    }
    // Any change in the inbox may change the count: read it again, at most once a second.
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void refreshAttention();
    }, 1000);
  });

  useEffect(() => setNotificationsWanted(wantsAny), [wantsAny]);
  return null;
}

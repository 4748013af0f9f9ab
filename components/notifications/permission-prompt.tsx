"use client";

import { BellRingIcon } from "lucide-react";
import { useCallback, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const DISMISSED = "switchboard:notifications-prompt-dismissed";

// Whether the signed-in person chose any desktop notification (users.notifications); set by the Notifier.
let wanted = false;
const listeners = new Set<() => void>();
export function setNotificationsWanted(value: boolean) {
  if (value === wanted) return;
  wanted = value;
  for (const listener of listeners) listener();
}
function subscribeWanted(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function permissionNow(): NotificationPermission | "unsupported" {
  return "Notification" in window ? Notification.permission : "unsupported";
}

/**
 * Asks once per browser for permission to show desktop notifications, saying what they are for. Shown in
 * the inbox's list column (never over the work) while the browser has not been asked and some
 * notification is switched on in the profile; "Not now" hides it in this browser.
 */
export function NotificationPrompt() {
  const wants = useSyncExternalStore(subscribeWanted, () => wanted, () => false);
  const subscribeVisible = useCallback((onChange: () => void) => {
    document.addEventListener("visibilitychange", onChange);
    return () => document.removeEventListener("visibilitychange", onChange);
  }, []);
  const permission = useSyncExternalStore(subscribeVisible, permissionNow, () => "unsupported" as const);
  const storedDismissal = useSyncExternalStore(noop, () => localStorage.getItem(DISMISSED) === "1", () => true);
  const [closed, setClosed] = useState(false);
  if (!wants || permission !== "default" || storedDismissal || closed) return null;
  const dismiss = () => {
    localStorage.setItem(DISMISSED, "1");
    setClosed(true);
  };
  return (
    <aside aria-label="Desktop notifications" className="flex items-start gap-2.5 border-b bg-primary/5 px-3 py-2.5">
      <BellRingIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden="true" />
      <div className="grid min-w-0 gap-1.5">
        <p className="text-xs text-muted-foreground">
          <span className="font-medium text-foreground">Turn on desktop notifications?</span> Know when a conversation is new in your teams, handed to
          you, or answered by your customer, even with this tab in the background. Your browser asks once; choose which ones in your profile.
        </p>
        <div className="flex gap-2">
          <Button size="sm" className="h-7" onClick={() => void Notification.requestPermission().then(() => setClosed(true))}>
            Turn on
          </Button>
          <Button size="sm" variant="ghost" className="h-7" onClick={dismiss}>
            Not now
          </Button>
        </div>
      </div>
    </aside>
  );
}

function noop() {
  return () => {};
}

"use client";

import { useEffect } from "react";

const INTERVAL_MS = 30_000;

/** Keeps "who is online" true: colleagues can hand conversations only to people who are here. */
export function PresenceHeartbeat() {
  useEffect(() => {
    const beat = () => {
      if (document.visibilityState === "visible") void fetch("/api/presence", { method: "POST" }).catch(() => {});
    };
    beat();
    const timer = setInterval(beat, INTERVAL_MS);
    document.addEventListener("visibilitychange", beat);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", beat);
    };
  }, []);
  return null;
}

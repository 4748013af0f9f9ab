"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Keeps the live figures (occupancy) current: the page is computed again every so often while it is visible. */
export function LiveRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}

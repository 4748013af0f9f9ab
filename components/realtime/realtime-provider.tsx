"use client";

import type { ReactNode } from "react";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";
import { RealtimeConfigContext } from "@/lib/realtime/use-realtime";

/**
 * Tells `useRealtime` below it which transport this deployment uses. The server layout passes
 * `realtimeClientConfig()`, which holds only public values.
 */
export function RealtimeProvider({ config, children }: { config: RealtimeClientConfig; children: ReactNode }) {
  return <RealtimeConfigContext value={config}>{children}</RealtimeConfigContext>;
}

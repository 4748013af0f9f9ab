"use client";

import { createContext, useCallback, useContext, useEffect, useEffectEvent, useSyncExternalStore } from "react";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";
import {
  RealtimeClient,
  type RealtimeMessage,
  type RealtimeStatus,
  type VisitorAuth,
} from "@/lib/realtime/client-manager";
import { pusherConnector } from "@/lib/realtime/pusher-connection";
import { sseConnector } from "@/lib/realtime/sse-connection";

export { RECONNECTED_EVENT } from "@/lib/realtime/client-manager";
export type { RealtimeMessage, RealtimeStatus, VisitorAuth };

/** Without a provider the page listens over SSE, the transport that needs no configuration. */
export const RealtimeConfigContext = createContext<RealtimeClientConfig>({ transport: "sse" });

// One client per transport configuration for the whole page, so every component shares one connection.
const clients = new Map<string, RealtimeClient>();

function clientFor(configKey: string): RealtimeClient {
  let client = clients.get(configKey);
  if (!client) {
    const config = JSON.parse(configKey) as RealtimeClientConfig;
    client = new RealtimeClient(config.transport === "pusher" ? pusherConnector(config) : sseConnector());
    clients.set(configKey, client);
  }
  return client;
}

/**
 * Calls `onEvent` for every event published to one of `topics` while the component is mounted, plus a
 * synthetic `{ event: "reconnected", payload: null }` per topic after a connection gap, when the
 * component should refetch. `onEvent` may change on every render without resubscribing; `topics` are
 * compared by value, so an inline array is fine. Pass `visitor` in the web-chat widget, which has a
 * visitor token instead of a session.
 */
export function useRealtime(
  topics: readonly string[],
  onEvent: (message: RealtimeMessage) => void,
  options?: { visitor?: VisitorAuth },
): void {
  const configKey = JSON.stringify(useContext(RealtimeConfigContext));
  const topicsKey = [...new Set(topics)].filter(Boolean).sort().join(",");
  const channelId = options?.visitor?.channelId;
  const token = options?.visitor?.token;
  const handle = useEffectEvent((message: RealtimeMessage) => onEvent(message));

  useEffect(() => {
    if (!topicsKey) return;
    const visitor = channelId && token ? { channelId, token } : undefined;
    return clientFor(configKey).subscribe(topicsKey.split(","), (message) => handle(message), visitor);
  }, [configKey, topicsKey, channelId, token]);
}

/** "live" when every open connection is up; for a status dot. */
export function useRealtimeStatus(): RealtimeStatus {
  const configKey = JSON.stringify(useContext(RealtimeConfigContext));
  const subscribe = useCallback((onChange: () => void) => clientFor(configKey).subscribeStatus(onChange), [configKey]);
  const getSnapshot = useCallback(() => clientFor(configKey).getStatus(), [configKey]);
  return useSyncExternalStore(subscribe, getSnapshot, serverStatus);
}

function serverStatus(): RealtimeStatus {
  return "connecting";
}

import type { ChannelAdapter, ChannelKind } from "@/lib/channels/types";
import { webchatAdapter } from "@/lib/channels/webchat/adapter";

/** One adapter per channel kind; kinds without one yet cannot receive or send. */
export const adapters: Partial<Record<ChannelKind, ChannelAdapter>> = {
  webchat: webchatAdapter,
};

export function adapterFor(kind: ChannelKind): ChannelAdapter | undefined {
  return adapters[kind];
}

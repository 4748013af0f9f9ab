import type { Capabilities } from "@/lib/channels/types";

export type WindowState =
  | { state: "open"; closesAt: Date | null }
  | { state: "tagged"; closedSince: Date; tagUntil: Date }
  | { state: "closed"; closedSince: Date | null; outside: "template" | "none" };

const HOUR = 3_600_000;

/**
 * Whether we may write freely on a channel, from the customer's last message on that identity
 * (channels.md gotcha 21: the window is per identity's channel, not per thread). WhatsApp: 24 h, then
 * templates only. Messenger/Instagram: 24 h, then the HUMAN_AGENT tag up to 7 days, then nothing.
 */
export function replyWindow(capabilities: Capabilities, lastInboundAt: Date | null, now = new Date()): WindowState {
  const window = capabilities.window;
  if (!window) return { state: "open", closesAt: null };
  if (!lastInboundAt) return { state: "closed", closedSince: null, outside: window.outside === "template" ? "template" : "none" };
  const closesAt = new Date(lastInboundAt.getTime() + window.hours * HOUR);
  if (now < closesAt) return { state: "open", closesAt };
  if (window.outside === "tagged" && window.taggedHours) {
    const tagUntil = new Date(lastInboundAt.getTime() + window.taggedHours * HOUR);
    if (now < tagUntil) return { state: "tagged", closedSince: closesAt, tagUntil };
  }
  return { state: "closed", closedSince: closesAt, outside: window.outside === "template" ? "template" : "none" };
}

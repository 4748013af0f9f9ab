import type { Channel } from "@/lib/channels/types";

/** Where a provider delivers an account's webhooks. */
export function webhookUrl(channel: Pick<Channel, "id" | "kind">, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/webhooks/${channel.kind}/${channel.id}`;
}

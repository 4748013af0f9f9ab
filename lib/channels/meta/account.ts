import { channelConfig } from "@/lib/channels/config";
import { SendError, type Channel, type ChannelKind, type OutboundFile } from "@/lib/channels/types";
import { channelLabels } from "@/lib/channels/labels";

/**
 * An account's configuration as strings. A webhook must never answer 500 because stored credentials
 * cannot be read (AUTH_SECRET rotated): it then reads as empty and the signature check fails with 401.
 */
export function readConfig(channel: Channel): Record<string, string | undefined> {
  try {
    const config = channelConfig(channel);
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : v == null ? undefined : String(v)]));
  } catch (error) {
    console.error("channel credentials unreadable", { channelId: channel.id, error });
    return {};
  }
}

/** The named settings, or a SendError that says which are missing and where to enter them. */
export function requireConfig<K extends string>(channel: Channel, kind: ChannelKind, names: Record<K, string>): Record<K, string> {
  const config = readConfig(channel);
  const missing = (Object.keys(names) as K[]).filter((name) => !config[name]);
  if (missing.length) {
    throw new SendError(
      `${channelLabels[kind]} is not set up yet: an admin has to enter the ${missing.map((m) => names[m]).join(", ")} in Settings → Channels.`,
      "not_configured",
    );
  }
  return Object.fromEntries((Object.keys(names) as K[]).map((name) => [name, config[name] as string])) as Record<K, string>;
}

/** A stored file as the multipart part Graph upload endpoints expect. */
export async function filePart(file: OutboundFile): Promise<Blob> {
  const data = await file.read();
  return new Blob([new Uint8Array(data)], { type: file.mimeType || "application/octet-stream" });
}

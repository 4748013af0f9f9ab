import type Pusher from "pusher";
import { emit } from "@/lib/realtime/hub";
import { pusherServer } from "@/lib/realtime/pusher-server";
import { parseTopic, pusherChannelName } from "@/lib/realtime/topics";

export type PublishItem = { topic: string; event: string; payload: unknown };

/** Pusher refuses event data of 10 kB or more; we refuse it first, on every transport alike. */
export const MAX_EVENT_BYTES = 10 * 1024;
/** Pusher's batch endpoint takes at most ten events per request. */
export const MAX_BATCH_EVENTS = 10;

const EVENT_NAME = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Tells every listener of `topic` that something changed. Never throws: the caller is a webhook, a reply
 * or a job whose real work is already committed, and a lost realtime event only delays a screen until its
 * next refetch, so failures are logged and swallowed.
 */
export async function publish(topic: string, event: string, payload: unknown): Promise<void> {
  await publishMany([{ topic, event, payload }]);
}

/** Several events in as few requests as the transport allows (Pusher: batches of ten). */
export async function publishMany(items: readonly PublishItem[]): Promise<void> {
  try {
    const ready = items.flatMap((item) => {
      const data = encode(item);
      return data === null ? [] : [{ ...item, data }];
    });
    if (ready.length === 0) return;
    const pusher = pusherServer();
    if (pusher) await sendToPusher(pusher, ready);
    else for (const item of ready) emit(item.topic, item.event, item.payload);
  } catch (error) {
    logFailure(error);
  }
}

/** The JSON that goes on the wire, or null (logged) when the item must not be sent. */
function encode(item: PublishItem): string | null {
  if (!parseTopic(item.topic)) {
    console.error(`[realtime] not publishing "${item.event}": unknown topic "${item.topic}"`);
    return null;
  }
  if (!EVENT_NAME.test(item.event)) {
    console.error(`[realtime] not publishing to ${item.topic}: invalid event name "${item.event}"`);
    return null;
  }
  const data = JSON.stringify(item.payload === undefined ? null : item.payload);
  const bytes = Buffer.byteLength(data, "utf8");
  if (bytes >= MAX_EVENT_BYTES) {
    // Send ids, not records: clients refetch what they show.
    console.error(`[realtime] not publishing "${item.event}" to ${item.topic}: ${bytes} bytes (limit < ${MAX_EVENT_BYTES})`);
    return null;
  }
  return data;
}

async function sendToPusher(pusher: Pusher, items: (PublishItem & { data: string })[]): Promise<void> {
  // Passing the string ourselves: the SDK sends strings as they are, so the size we checked is what goes out.
  if (items.length === 1) {
    const [item] = items;
    await pusher.trigger(pusherChannelName(item.topic), item.event, item.data);
    return;
  }
  const requests: Promise<unknown>[] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH_EVENTS) {
    const batch = items.slice(i, i + MAX_BATCH_EVENTS).map((item) => ({
      channel: pusherChannelName(item.topic),
      name: item.event,
      data: item.data,
    }));
    requests.push(pusher.triggerBatch(batch));
  }
  // Each chunk stands alone: one failed request must not hide the others' outcome.
  const results = await Promise.allSettled(requests);
  for (const result of results) if (result.status === "rejected") logFailure(result.reason);
}

function logFailure(error: unknown): void {
  // The SDK's RequestError carries the HTTP status and Pusher's answer (or the network error), which say
  // what went wrong; its `url` holds only the public key and a one-off signature, but need not be logged.
  if (error instanceof Object && "status" in error && "url" in error) {
    const { message, status, body, error: cause } = error as { message?: string; status?: number; body?: string; error?: unknown };
    const detail = status ? `HTTP ${status} ${body ?? ""}` : cause instanceof Error ? cause.message : "no response";
    console.error(`[realtime] Pusher request failed: ${message ?? "error"}: ${detail}`.trim());
    return;
  }
  console.error("[realtime] publish failed", error);
}

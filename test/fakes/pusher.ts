import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Pusher's HTTP API (channels.md 2.8 and 4). It checks requests the way Pusher does, with
 * its own HMAC code rather than the `pusher` SDK, so a test proves that what the SDK sends from our
 * configuration would be accepted, not merely that the SDK agrees with itself.
 */

export type PusherFakeOptions = {
  appId: string;
  key: string;
  secret: string;
  /** Clock in ms; lets a test replay Pusher's worked example from 2012. */
  now?: () => number;
};

/** One event as Pusher would fan it out. `data` is the JSON string the server sent. */
export type PusherFakeEvent = { channels: string[]; name: string; data: string; socketId?: string };

export type PusherFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  json: unknown;
  status: number;
  /** Why the fake refused the request, when it did. */
  error?: string;
};

export type PusherFakeFailure = { status: number; body?: string };

export type PusherFake = {
  url: string;
  host: string;
  port: number;
  events: PusherFakeEvent[];
  requests: PusherFakeRequest[];
  /** The next trigger request gets this answer instead (queued, one per request). */
  failNext(failure: PusherFakeFailure): void;
  reset(): void;
  close(): Promise<void>;
};

export const MAX_DATA_BYTES = 10 * 1024;
const MAX_BATCH = 10;
const MAX_CHANNELS = 100;
const TIMESTAMP_WINDOW_S = 600;
// Pusher's own HTTP-API rules for names (the SDK is laxer; see channels.md 2.8).
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,164}$/;
const EVENT_NAME_MAX = 200;

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function hmacHex(secret: string, data: string): string {
  return crypto.createHmac("sha256", secret).update(data, "utf8").digest("hex");
}

function sameHex(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** Pusher's REST signature: `METHOD\n<path>\n<sorted k=v without auth_signature, not URL-encoded>`. */
export function pusherRestSignature(secret: string, method: string, path: string, query: Record<string, string>): string {
  const signed = Object.keys(query)
    .filter((name) => name !== "auth_signature")
    .sort()
    .map((name) => `${name}=${query[name]}`)
    .join("&");
  return hmacHex(secret, [method.toUpperCase(), path, signed].join("\n"));
}

function checkAuth(options: PusherFakeOptions, method: string, path: string, query: Record<string, string>, rawBody: string) {
  if (query.auth_key !== options.key) throw new Refusal(401, "Unknown auth_key");
  if (query.auth_version !== "1.0") throw new Refusal(401, "Unsupported auth_version");
  const timestamp = Number(query.auth_timestamp);
  const now = (options.now ?? Date.now)() / 1000;
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > TIMESTAMP_WINDOW_S) {
    throw new Refusal(401, "Timestamp expired: Given timestamp is not within 600s of server time");
  }
  const md5 = crypto.createHash("md5").update(rawBody, "utf8").digest("hex");
  if (!query.body_md5 || !sameHex(query.body_md5, md5)) throw new Refusal(401, "Invalid body_md5");
  const expected = pusherRestSignature(options.secret, method, path, query);
  if (!query.auth_signature || !sameHex(query.auth_signature, expected)) {
    throw new Refusal(401, "Invalid signature: you should have sent HmacSHA256Hex(...)");
  }
}

function checkName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > EVENT_NAME_MAX) {
    throw new Refusal(400, "Invalid event name");
  }
  return name;
}

function checkChannels(channels: unknown): string[] {
  if (!Array.isArray(channels) || channels.length === 0) throw new Refusal(400, "Missing channels");
  if (channels.length > MAX_CHANNELS) throw new Refusal(400, `Too many channels (max ${MAX_CHANNELS})`);
  for (const channel of channels) {
    if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) throw new Refusal(400, "Invalid channel name");
  }
  return channels as string[];
}

function checkData(data: unknown): string {
  if (typeof data !== "string") throw new Refusal(400, "data must be a string");
  if (Buffer.byteLength(data, "utf8") >= MAX_DATA_BYTES) throw new Refusal(413, "Payload too large (data must be < 10kB)");
  return data;
}

type Body = Record<string, unknown>;

/** The events a valid request asks for; nothing is recorded unless all of them pass. */
function parseEvents(kind: "events" | "batch_events", body: Body): PusherFakeEvent[] {
  if (kind === "events") {
    const channels = checkChannels(body.channels ?? (typeof body.channel === "string" ? [body.channel] : undefined));
    const event: PusherFakeEvent = { channels, name: checkName(body.name), data: checkData(body.data) };
    if (typeof body.socket_id === "string") event.socketId = body.socket_id;
    return [event];
  }
  const batch = body.batch;
  if (!Array.isArray(batch) || batch.length === 0) throw new Refusal(400, "Missing batch");
  if (batch.length > MAX_BATCH) throw new Refusal(400, `Batch too large (max ${MAX_BATCH} events)`);
  return batch.map((item: unknown) => {
    if (!item || typeof item !== "object") throw new Refusal(400, "Invalid batch event");
    const e = item as Body;
    const event: PusherFakeEvent = { channels: checkChannels([e.channel]), name: checkName(e.name), data: checkData(e.data) };
    if (typeof e.socket_id === "string") event.socketId = e.socket_id;
    return event;
  });
}

export async function startPusherFake(options: PusherFakeOptions): Promise<PusherFake> {
  const events: PusherFakeEvent[] = [];
  const requests: PusherFakeRequest[] = [];
  const failures: PusherFakeFailure[] = [];
  const route = new RegExp(`^/apps/${options.appId.replace(/[^A-Za-z0-9]/g, "\\$&")}/(events|batch_events)$`);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake");
      const query = Object.fromEntries(url.searchParams);
      const record: PusherFakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query,
        headers: req.headers,
        rawBody,
        json: undefined,
        status: 200,
      };
      requests.push(record);
      const answer = (status: number, body: string, error?: string) => {
        record.status = status;
        if (error) record.error = error;
        res.writeHead(status, { "content-type": status === 200 ? "application/json" : "text/plain" });
        res.end(body);
      };
      try {
        const match = route.exec(url.pathname);
        if (!match) throw new Refusal(404, "Not found");
        if (record.method !== "POST") throw new Refusal(405, "Method not allowed");
        checkAuth(options, record.method, url.pathname, query, rawBody);
        if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
          throw new Refusal(400, "Content-Type must be application/json");
        }
        try {
          record.json = JSON.parse(rawBody);
        } catch {
          throw new Refusal(400, "Body is not JSON");
        }
        if (!record.json || typeof record.json !== "object") throw new Refusal(400, "Body must be an object");
        const accepted = parseEvents(match[1] as "events" | "batch_events", record.json as Body);
        const failure = failures.shift();
        if (failure) return answer(failure.status, failure.body ?? "", "injected failure");
        events.push(...accepted);
        answer(200, "{}");
      } catch (error) {
        if (error instanceof Refusal) return answer(error.status, error.message, error.message);
        answer(500, "Internal error", String(error));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = "127.0.0.1";

  return {
    url: `http://${host}:${port}`,
    host,
    port,
    events,
    requests,
    failNext: (failure) => void failures.push(failure),
    reset: () => {
      events.length = 0;
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

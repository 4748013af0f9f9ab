import { SendError } from "@/lib/channels/types";

/** Read at call time, so tests can point adapters at a fake (channels.md 0). */
export function metaGraphUrl(): string {
  return (process.env.META_GRAPH_URL || "https://graph.facebook.com/v26.0").replace(/\/+$/, "");
}

/** The Instagram-login flavour's host (channels.md 2.3). */
export function instagramGraphUrl(): string {
  return (process.env.INSTAGRAM_GRAPH_URL || "https://graph.instagram.com/v26.0").replace(/\/+$/, "");
}

/** The error envelope every Graph endpoint answers with (channels.md 2.1 "Errors"). */
export type GraphError = { code?: number; subcode?: number; message: string; details?: string };

/** The same envelope inside a WhatsApp `failed` status (`errors[]`): `title`/`message` plus `error_data.details`. */
export type StatusError = { code?: number; title?: string; message?: string; error_data?: { details?: string } };

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function parseGraphError(status: number, text: string): GraphError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): keep the HTTP status as the reason.
  }
  const error = record(record(body)?.error);
  if (!error) return { message: `Meta answered HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ""}` };
  const data = record(error.error_data);
  return {
    code: typeof error.code === "number" ? error.code : undefined,
    subcode: typeof error.error_subcode === "number" ? error.error_subcode : undefined,
    message: typeof error.message === "string" && error.message ? error.message : `Meta answered HTTP ${status}`,
    details: typeof data?.details === "string" ? data.details : undefined,
  };
}

/**
 * What an agent can do about the errors Meta documents, classified by code, never by message text
 * (channels.md 2.1 and 2.2). The provider's own words are always kept after it.
 */
function hint(code: number | undefined, subcode: number | undefined): string | null {
  switch (code) {
    case 131047:
      return "The 24-hour window is closed: send an approved template instead.";
    case 131026:
      return "WhatsApp could not deliver this message (the number may not use WhatsApp, or runs an old version).";
    case 130429:
    case 131056:
    case 4:
    case 613:
    case 80007:
      return "Meta's rate limit was reached: try again in a moment.";
    case 190:
      return "The access token is invalid or has expired: an admin must enter a new one in Settings → Channels.";
    case 10:
      return subcode === 2018278 ? "The messaging window for this person is closed: they have to write first." : null;
    case 551:
      return "This person isn't available right now.";
    case 131052:
    case 131053:
      return "The file could not be transferred.";
    case 132000:
    case 132001:
    case 132012:
      return "The template does not match what Meta has approved: sync the templates and try again.";
    default:
      return null;
  }
}

function describe(code: number | undefined, subcode: number | undefined, reason: string): string {
  const advice = hint(code, subcode);
  return advice ? `${advice} Meta said: ${reason}` : reason;
}

export function graphSendError(error: GraphError): SendError {
  const reason = error.details && !error.message.includes(error.details) ? `${error.message}: ${error.details}` : error.message;
  return new SendError(describe(error.code, error.subcode, reason), error.code === undefined ? "http" : String(error.code));
}

/** A WhatsApp `failed` status's first error as the stored code and reason. */
export function statusErrorText(error: StatusError | undefined): { errorCode?: string; errorText?: string } {
  if (!error) return {};
  const title = error.title || error.message || "The message could not be delivered.";
  const details = error.error_data?.details;
  const reason = details && details !== title ? `${title}: ${details}` : title;
  return { errorCode: error.code === undefined ? undefined : String(error.code), errorText: describe(error.code, undefined, reason) };
}

type GraphRequest = {
  method?: "GET" | "POST" | "DELETE";
  token: string;
  json?: unknown;
  form?: FormData;
  timeoutMs?: number;
};

/**
 * One Graph call with the Bearer token. A 2xx answer's JSON comes back; an error answer becomes a
 * SendError with Meta's code and reason; a network failure or timeout a SendError saying so.
 */
export async function graphRequest<T>(url: string, request: GraphRequest): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${request.token}` };
  let body: string | FormData | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form) {
    body = request.form;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs ?? 20_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new SendError(timedOut ? "Meta did not answer in time. Try again in a moment." : "Meta could not be reached. Try again in a moment.", "network");
  }
  const text = await response.text();
  if (!response.ok) throw graphSendError(parseGraphError(response.status, text));
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SendError("Meta answered with something that is not JSON.", "bad_response");
  }
}

/** Hosts Meta serves media from. Credentials and downloads go nowhere else (channels.md gotcha 19). */
const MEDIA_HOSTS = ["fbsbx.com", "fbcdn.net", "cdninstagram.com", "facebook.com", "whatsapp.net", "instagram.com"];

/** Whether a URL found in a payload or media lookup may be fetched: Meta's CDNs, or the configured Graph hosts (fakes in tests). */
export function isMetaMediaUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const configured = [metaGraphUrl(), instagramGraphUrl()].map((u) => new URL(u).host);
  if (configured.includes(parsed.host)) return true;
  if (parsed.protocol !== "https:") return false;
  return MEDIA_HOSTS.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`));
}

/** The app's ceiling for a downloaded file (lib/storage's MAX_FILE_BYTES), checked before reading it all. */
const MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024;

/** Downloads a media URL (with the token only when given), refusing other hosts and oversized files. */
export async function downloadMedia(url: string, token?: string): Promise<{ data: Buffer; mimeType: string }> {
  if (!isMetaMediaUrl(url)) throw new Error("The file's address is not a Meta media host, so it was not fetched.");
  const response = await fetch(url, {
    // Meta's CDN refuses some default user agents (whatsapp-api-js PR #336).
    headers: { "user-agent": "Switchboard/1.0", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`The file could not be downloaded (HTTP ${response.status}); its link may have expired.`);
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > MAX_DOWNLOAD_BYTES) throw new Error("The file is larger than 25 MB.");
  const data = Buffer.from(await response.arrayBuffer());
  return { data, mimeType: (response.headers.get("content-type") ?? "").split(";")[0].trim() };
}

import { SendError } from "@/lib/channels/types";
import { parseJsonKeepingBigIntegers } from "@/lib/channels/viber/json";

const TIMEOUT_MS = 30_000;

/** Read at call time so tests can point the adapter at a fake. */
export function viberBase(): string {
  return (process.env.VIBER_API_URL || "https://chatapi.viber.com/pa").replace(/\/+$/, "");
}

/** Viber's status codes we can explain (channels.md 2.6); its own status_message is always kept. */
const REASONS: Record<number, string> = {
  1: "Viber refused the link (invalid URL).",
  2: "Viber refused the auth token: check it in Settings → Channels.",
  3: "Viber refused the request as malformed.",
  4: "Viber says the request is missing data.",
  5: "The customer is not registered on Viber.",
  6: "The customer is not subscribed to the bot: they have to message it first.",
  7: "The Viber bot account is blocked.",
  8: "The Viber bot account was not found.",
  9: "The Viber bot account is suspended.",
  10: "Viber has no webhook for this bot: register it again in Settings → Channels.",
  11: "The customer has no Viber device that can receive this message.",
  12: "Viber is limiting how fast this bot may send. Try again in a moment.",
};

export type ViberAnswer = { status: number; status_message?: string; [key: string]: unknown };

/**
 * One REST call. Viber answers HTTP 200 even on errors: a `status` other than 0 is the failure, thrown as
 * SendError with Viber's status and message. Big integers in the answer (message_token) stay exact.
 */
export async function callViber(authToken: string, method: string, body: Record<string, unknown>): Promise<ViberAnswer> {
  let response: Response;
  try {
    response = await fetch(`${viberBase()}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-viber-auth-token": authToken },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new SendError("Viber could not be reached. Try again in a moment.", "network");
  }
  const text = await response.text();
  let answer: unknown;
  try {
    answer = parseJsonKeepingBigIntegers(text);
  } catch {
    throw new SendError(`Viber answered HTTP ${response.status} without a readable body.`, `http_${response.status}`);
  }
  const status = (answer as { status?: unknown } | null)?.status;
  if (!response.ok || typeof status !== "number") {
    throw new SendError(`Viber answered HTTP ${response.status}.`, `http_${response.status}`);
  }
  if (status !== 0) {
    const message = (answer as ViberAnswer).status_message || "error";
    throw new SendError(`${REASONS[status] ?? "Viber refused the request."} (Viber status ${status}: ${message})`, String(status));
  }
  return answer as ViberAnswer;
}

const MAX_REDIRECTS = 3;

/** Viber's own hosts over HTTPS, or the API's origin (where a test's fake serves its files). */
function isViberHost(url: URL): boolean {
  if (url.origin === new URL(viberBase()).origin) return true;
  return url.protocol === "https:" && (url.hostname === "viber.com" || url.hostname.endsWith(".viber.com"));
}

/**
 * Downloads a file a customer sent. Viber's media links need no auth, but they come from a payload, so
 * only Viber's hosts are fetched, redirects included (channels.md gotcha 19).
 */
export async function downloadViberMedia(ref: string): Promise<{ data: Buffer; mimeType: string }> {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new Error("The media link is not a URL.");
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isViberHost(url)) throw new Error(`Refused to fetch media from ${url.hostname}: not a Viber address.`);
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) throw new Error(`Viber answered HTTP ${response.status} for the file.`);
    // A generic type says nothing: the name's type (kept on the attachment) wins then.
    const type = response.headers.get("content-type")?.split(";")[0].trim() ?? "";
    return { data: Buffer.from(await response.arrayBuffer()), mimeType: type === "application/octet-stream" ? "" : type };
  }
  throw new Error("Too many redirects for the media file.");
}

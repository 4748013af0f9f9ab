import { SendError } from "@/lib/channels/types";

const TIMEOUT_MS = 30_000;

/** Read at call time so tests can point the adapter at a fake. */
export function twilioBase(): string {
  return (process.env.TWILIO_API_URL || "https://api.twilio.com").replace(/\/+$/, "");
}

export type TwilioCredentials = { accountSid: string; authToken: string };

export function basicAuth({ accountSid, authToken }: TwilioCredentials): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
}

/** Twilio's error codes we meet most, in words an agent can act on (channels.md 2.5). */
const REASONS: Record<string, string> = {
  "20003": "Twilio refused the account SID and auth token: check them in Settings → Channels.",
  "20429": "Twilio is limiting how fast this account may send. Try again in a moment.",
  "21211": "The customer's number is not a valid phone number.",
  "21408": "This Twilio account may not send to the customer's country or region.",
  "21606": "The sender number cannot send messages to this destination.",
  "21610": "The customer has opted out by replying STOP; they must text START before they can receive messages again.",
  "21612": "Twilio cannot route a message from this sender to the customer's number.",
  "21614": "The customer's number is not a mobile number.",
  "30003": "The customer's phone is unreachable (switched off or out of coverage).",
  "30004": "The message was blocked by the customer's carrier or settings.",
  "30005": "The customer's number does not exist or is no longer in service.",
  "30006": "The customer's number is a landline or cannot receive text messages.",
  "30007": "The customer's carrier filtered the message as spam.",
  "30008": "The customer's carrier reported an unknown error.",
  "63016": "The WhatsApp window is closed: more than 24 hours have passed since the customer's last message. Send an approved template instead.",
};

/** `words (Twilio 21610: their message)`, or just Twilio's text when we have no words for the code. */
export function twilioReason(code: string | number | null | undefined, message?: string | null): string {
  const key = code === null || code === undefined ? "" : String(code);
  const words = REASONS[key];
  const detail = [key && `Twilio ${key}`, message?.trim()].filter(Boolean).join(": ");
  if (words) return detail ? `${words} (${detail})` : words;
  return detail ? `Twilio refused the message (${detail}).` : "Twilio refused the message.";
}

type TwilioError = { code?: number; message?: string; status?: number };

/** One REST call with Basic auth; resolves with the JSON resource, throws SendError with Twilio's reason. */
export async function callTwilio<T>(credentials: TwilioCredentials, path: string, form?: URLSearchParams): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${twilioBase()}${path}`, {
      method: form ? "POST" : "GET",
      headers: {
        authorization: basicAuth(credentials),
        accept: "application/json",
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form?.toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new SendError("Twilio could not be reached. Try again in a moment.", "network");
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new SendError(`Twilio answered HTTP ${response.status} without a readable body.`, `http_${response.status}`);
  }
  if (!response.ok) {
    const error = (json ?? {}) as TwilioError;
    throw new SendError(twilioReason(error.code ?? null, error.message ?? `HTTP ${response.status}`), error.code ? String(error.code) : `http_${response.status}`);
  }
  return json as T;
}

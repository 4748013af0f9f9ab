import { basicAuth, twilioBase, type TwilioCredentials } from "@/lib/channels/sms/api";

const MAX_REDIRECTS = 3;

function apiOrigin(): string {
  return new URL(twilioBase()).origin;
}

/** Twilio's own API: the only place our credentials go. */
function isTwilioApi(url: URL): boolean {
  return url.origin === apiOrigin() || (url.protocol === "https:" && (url.hostname === "twilio.com" || url.hostname.endsWith(".twilio.com")));
}

/**
 * Downloads an MMS file: `MediaUrl{N}` on api.twilio.com with the account's Basic auth (needed when "HTTP
 * auth for media" is on), following the redirect to Twilio's CDN by hand so the credentials never leave
 * Twilio's API host. URLs from a payload are untrusted (channels.md gotcha 19): the first one must be
 * Twilio's; where Twilio itself redirects to (its CDN, on S3) is followed over HTTPS without credentials.
 */
export async function downloadTwilioMedia(credentials: TwilioCredentials, ref: string): Promise<{ data: Buffer; mimeType: string }> {
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    throw new Error("The media link is not a URL.");
  }
  if (!isTwilioApi(url)) throw new Error(`Refused to fetch media from ${url.hostname}: not a Twilio address.`);

  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await fetch(url, {
      headers: isTwilioApi(url) ? { authorization: basicAuth(credentials) } : {},
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      if (!location) throw new Error(`Twilio answered HTTP ${response.status} without a location.`);
      const next = new URL(location, url);
      if (!isTwilioApi(next) && next.protocol !== "https:") throw new Error(`Refused to follow the media link to ${next.hostname}.`);
      url = next;
      continue;
    }
    if (!response.ok) throw new Error(`Twilio answered HTTP ${response.status} for the file.`);
    // A generic type says nothing: the webhook's MediaContentType (kept on the attachment) wins then.
    const type = response.headers.get("content-type")?.split(";")[0].trim() ?? "";
    return { data: Buffer.from(await response.arrayBuffer()), mimeType: type === "application/octet-stream" ? "" : type };
  }
  throw new Error("Too many redirects for the media file.");
}

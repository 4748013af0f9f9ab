import { safeEqual } from "@/lib/crypto";

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`. The bare
 * challenge comes back (text/plain) only when the mode is `subscribe` and the token is this account's;
 * anything else is 403. A GET without any `hub.` parameter is not a handshake (null → 405).
 */
export function metaHandshake(req: Request, verifyToken: string | undefined): Response | null {
  const query = new URL(req.url).searchParams;
  const mode = query.get("hub.mode");
  const token = query.get("hub.verify_token");
  const challenge = query.get("hub.challenge");
  if (mode === null && token === null && challenge === null) return null;
  const ok =
    mode === "subscribe" &&
    Boolean(verifyToken) &&
    safeEqual(token, verifyToken) &&
    // Meta sends a number; refusing anything else keeps this from echoing arbitrary text back.
    challenge !== null &&
    /^[A-Za-z0-9_-]{1,128}$/.test(challenge);
  if (!ok) return new Response("Verification failed.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}

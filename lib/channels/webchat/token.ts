import crypto from "node:crypto";
import { deriveKey, hmacHex, safeEqual } from "@/lib/crypto";

/**
 * A web-chat visitor holds `v1.<visitorId>.<mac>`: the visitor id is 128 random bits and the MAC binds it
 * to one channel, so a token is unguessable, cannot be forged, and needs no database lookup to check.
 */
export function issueVisitorToken(channelId: string): { visitorId: string; token: string } {
  const visitorId = crypto.randomBytes(16).toString("base64url");
  return { visitorId, token: `v1.${visitorId}.${mac(channelId, visitorId)}` };
}

/** The visitor id a token stands for on this channel, or null when it is not a valid token for it. */
export function verifyVisitorToken(channelId: string, token: string | null | undefined): string | null {
  if (!token) return null;
  const [version, visitorId, given] = token.split(".");
  if (version !== "v1" || !visitorId || !given || !/^[A-Za-z0-9_-]{22}$/.test(visitorId)) return null;
  return safeEqual(given, mac(channelId, visitorId)) ? visitorId : null;
}

function mac(channelId: string, visitorId: string): string {
  return hmacHex(deriveKey("webchat-visitor"), `${channelId}:${visitorId}`);
}

export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
}

import { hmacHex, safeEqual } from "@/lib/crypto";

/**
 * Meta's wire form of a JSON text (channels.md gotcha 1): every UTF-16 unit above 0x7E as a lowercase
 * `\uXXXX` (emoji as surrogate pairs) and `/` as `\/`. Escape sequences already in the text are kept as
 * they are, so an escaped body comes out unchanged. JSON only has such characters inside strings, where
 * the escape means the same, so the result is still the same JSON.
 */
export function escapeLikeMeta(json: string): string {
  let out = "";
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === "\\") {
      out += c + (json[i + 1] ?? "");
      i++;
    } else if (c === "/") out += "\\/";
    else if (json.charCodeAt(i) > 0x7e) out += `\\u${json.charCodeAt(i).toString(16).padStart(4, "0")}`;
    else out += c;
  }
  return out;
}

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>` (channels.md 2.1 and gotchas 1, 15).
 * Meta signs the bytes it sends, which are already escaped, so the raw body is checked first. When that
 * fails and the body holds non-ASCII characters or bare slashes (something between Meta and us unescaped
 * it), the check is tried once more over the escaped text, which is what Meta documents signing: the
 * HMAC still covers every character. The legacy SHA-1
 * header is never accepted on its own.
 */
export function verifyMetaSignature(rawBody: string, header: string | null, appSecret: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const match = HEADER.exec(header.trim());
  if (!match) return false;
  const given = match[1].toLowerCase();
  if (safeEqual(given, hmacHex(appSecret, Buffer.from(rawBody, "utf8")))) return true;
  const escaped = escapeLikeMeta(rawBody);
  return escaped !== rawBody && safeEqual(given, hmacHex(appSecret, Buffer.from(escaped, "utf8")));
}

/** The header value Meta would send for these exact bytes (tests and the fake sign this way). */
export function metaSignature(body: string, appSecret: string): string {
  return `sha256=${hmacHex(appSecret, Buffer.from(body, "utf8"))}`;
}

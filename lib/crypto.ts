import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

const derived = new Map<string, Buffer>();

/**
 * A key for one purpose, so a token of one kind can never pass as another. Derived once per secret and
 * purpose: every webhook decrypts its account's credentials, and HKDF costs more than the decryption.
 */
export function deriveKey(purpose: string): Buffer {
  const secret = authSecret();
  const id = `${purpose}\0${secret}`;
  let key = derived.get(id);
  if (!key) derived.set(id, (key = Buffer.from(crypto.hkdfSync("sha256", secret, "switchboard", purpose, 32))));
  return key;
}

export function hmacHex(key: crypto.BinaryLike, data: string | Buffer, algorithm = "sha256"): string {
  return crypto.createHmac(algorithm, key).update(data).digest("hex");
}

export function sha256Hex(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** Constant-time string comparison that never throws on different lengths. */
export function safeEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) return false;
  return crypto.timingSafeEqual(ab, bb);
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** AES-256-GCM; the output is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptJson(value: unknown, purpose = "credentials"): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptJson<T>(sealed: string, purpose = "credentials"): T {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unreadable sealed value");
  const decipher = crypto.createDecipheriv("aes-256-gcm", deriveKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]);
  return JSON.parse(plain.toString("utf8")) as T;
}

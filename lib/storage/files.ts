import crypto from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { files } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import { deriveKey, hmacHex, safeEqual } from "@/lib/crypto";
import type { DbOrTx } from "@/lib/db/client";
import { publicBaseUrl } from "@/lib/env";

/** The app's own ceiling for one file; each channel's rules are stricter where the provider says so. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type NewFile = { name: string; mimeType: string; data: Buffer; conversationId?: string | null; contactId?: string | null };

/** Cleans a name a customer or provider gave a file, so it is safe in headers and on disk. */
export function safeFileName(name: string | undefined, fallback = "file"): string {
  const cleaned = (name ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "_")
    .trim()
    .slice(0, 180);
  return cleaned || fallback;
}

export async function putFile(db: DbOrTx, input: NewFile): Promise<Attachment> {
  const [row] = await db
    .insert(files)
    .values({
      name: safeFileName(input.name),
      mimeType: input.mimeType || "application/octet-stream",
      size: input.data.length,
      sha256: crypto.createHash("sha256").update(input.data).digest("hex"),
      data: input.data,
      conversationId: input.conversationId ?? null,
      contactId: input.contactId ?? null,
    })
    .returning({ id: files.id, name: files.name, mimeType: files.mimeType, size: files.size });
  return row;
}

export async function readFile(db: DbOrTx, id: string) {
  const [row] = await db.select().from(files).where(eq(files.id, id));
  return row ?? null;
}

/** Files without their bytes, e.g. to describe a message's attachments. */
export async function describeFiles(db: DbOrTx, ids: string[]): Promise<Attachment[]> {
  if (!ids.length) return [];
  return db
    .select({ id: files.id, name: files.name, mimeType: files.mimeType, size: files.size })
    .from(files)
    .where(inArray(files.id, ids));
}

const key = () => deriveKey("file-links");

/**
 * A link a provider can fetch without a session (Twilio and Viber send media by URL), valid for `ttl`
 * seconds. Null when this deployment has no public address.
 */
export function signedFileUrl(id: string, ttlSeconds = 3600): string | null {
  const base = publicBaseUrl();
  if (!base) return null;
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  return `${base}/api/files/${id}?exp=${exp}&sig=${hmacHex(key(), `${id}.${exp}`)}`;
}

export function verifyFileSignature(id: string, exp: string | null, sig: string | null): boolean {
  if (!exp || !sig || !/^\d+$/.test(exp) || Number(exp) < Date.now() / 1000) return false;
  return safeEqual(sig, hmacHex(key(), `${id}.${exp}`));
}

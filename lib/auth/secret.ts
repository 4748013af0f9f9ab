import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl, dataDir } from "@/lib/env";

let cached: string | undefined;

/** Start-up check: a deployment on Postgres must have AUTH_SECRET (instances share nothing else). */
export function assertSecretConfigured(): void {
  if (databaseUrl() && !process.env.AUTH_SECRET && !process.env.NEXTAUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is not set. A deployment with DATABASE_URL needs AUTH_SECRET (e.g. `openssl rand -base64 32`).",
    );
  }
}

/**
 * The secret behind sessions, visitor tokens and credential encryption.
 * A deployment on Postgres must set AUTH_SECRET (instances share nothing else); a local install
 * generates one on first run and keeps it under ./data so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  assertSecretConfigured();
  const file = path.join(dataDir(), "secret");
  try {
    return (cached = fs.readFileSync(file, "utf8").trim());
  } catch {
    fs.mkdirSync(dataDir(), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    // wx: two processes starting together must not overwrite each other's secret.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return (cached = secret);
    } catch {
      return (cached = fs.readFileSync(file, "utf8").trim());
    }
  }
}

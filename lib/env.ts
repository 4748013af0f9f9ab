import path from "node:path";

/** Where the embedded database, the generated secret and local uploads live. */
export function dataDir(): string {
  // Resolved at run time; the bundler must not trace the project directory because of it.
  return path.resolve(/* turbopackIgnore: true */ process.env.SWITCHBOARD_DATA_DIR ?? path.join(process.cwd(), "data"));
}

export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

/** Pusher is used when all four variables are set; otherwise realtime runs in-process over SSE. */
export function pusherConfig() {
  const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET, PUSHER_CLUSTER } = process.env;
  if (!PUSHER_APP_ID || !PUSHER_KEY || !PUSHER_SECRET || !PUSHER_CLUSTER) return null;
  return {
    appId: PUSHER_APP_ID,
    key: PUSHER_KEY,
    secret: PUSHER_SECRET,
    cluster: PUSHER_CLUSTER,
    host: process.env.PUSHER_HOST || undefined,
    port: process.env.PUSHER_PORT || undefined,
    useTLS: process.env.PUSHER_USE_TLS ? process.env.PUSHER_USE_TLS === "true" : true,
  };
}

/**
 * The public address of this deployment, for webhook URLs and links providers fetch (Twilio and Viber
 * need media on a public URL). NEXTAUTH_URL (or APP_URL) when set, Vercel's URL on Vercel, else null.
 */
export function publicBaseUrl(): string | null {
  const explicit = process.env.APP_URL || process.env.NEXTAUTH_URL;
  if (explicit) return explicit.replace(/\/+$/, "");
  if (process.env.VERCEL_PROJECT_PRODUCTION_URL) return `https://${process.env.VERCEL_PROJECT_PRODUCTION_URL}`;
  if (process.env.VERCEL_URL) return `https://${process.env.VERCEL_URL}`;
  return null;
}

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertSecretConfigured } = await import("@/lib/auth/secret");
  // A deployment on Postgres without AUTH_SECRET must not start: this throws with the reason.
  assertSecretConfigured();
  const { startLocalJobs } = await import("@/lib/jobs/local-timer");
  startLocalJobs();
}

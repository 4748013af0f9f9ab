import { getDb } from "@/lib/db/client";
import { jobs } from "@/lib/jobs/registry";

const INTERVAL_MS = 5 * 60 * 1000;
const globalForJobs = globalThis as unknown as { __switchboardJobs?: NodeJS.Timeout };

/**
 * Without a scheduler (local installs, `npm start` on one server) the jobs run in-process every five
 * minutes. On Vercel the crons in vercel.json call /api/cron/<job> instead.
 */
export function startLocalJobs() {
  if (process.env.VERCEL || process.env.SWITCHBOARD_JOBS === "off" || globalForJobs.__switchboardJobs) return;
  globalForJobs.__switchboardJobs = setInterval(() => void runAll(), INTERVAL_MS);
  globalForJobs.__switchboardJobs.unref();
}

async function runAll() {
  for (const [name, job] of Object.entries(jobs)) {
    try {
      await job(getDb());
    } catch (error) {
      console.error(`job ${name} failed`, error);
    }
  }
}

import { safeEqual } from "@/lib/crypto";
import { getDb } from "@/lib/db/client";
import { jobs } from "@/lib/jobs/registry";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ job: string }> };

/** Vercel cron calls these with `Authorization: Bearer $CRON_SECRET`. */
export async function GET(req: Request, context: Context) {
  const secret = process.env.CRON_SECRET;
  if (!secret) return Response.json({ error: "CRON_SECRET is not set." }, { status: 503 });
  if (!safeEqual(req.headers.get("authorization"), `Bearer ${secret}`)) {
    return Response.json({ error: "Unauthorized." }, { status: 401 });
  }
  const { job } = await context.params;
  const run = jobs[job];
  if (!run) return Response.json({ error: "Unknown job." }, { status: 404 });
  return Response.json({ job, ...(await run(getDb())) });
}

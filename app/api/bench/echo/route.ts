export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The "bare Next.js route handler" the ingest benchmark compares against: it reads the body and answers,
 * nothing else. Only present when the benchmark starts the server with SWITCHBOARD_BENCH=1.
 */
export async function POST(req: Request) {
  if (process.env.SWITCHBOARD_BENCH !== "1") return new Response("Not found", { status: 404 });
  const body = await req.arrayBuffer();
  return Response.json({ ok: true, received: body.byteLength });
}

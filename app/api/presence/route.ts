import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { touchPresence } from "@/lib/users";

export const dynamic = "force-dynamic";

/** The client heartbeat behind "who is online". */
export async function POST() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  await touchPresence(getDb(), user.id);
  return new Response(null, { status: 204 });
}

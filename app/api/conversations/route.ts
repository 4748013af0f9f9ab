import { z } from "zod";
import { apiError, authorize, getServiceSettings } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { parseFilters } from "@/lib/conversations/filters";
import { listConversations, viewCounts } from "@/lib/conversations/queries";
import { views } from "@/lib/conversations/views";

export const dynamic = "force-dynamic";

const query = z.object({
  view: z.enum(views),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  team: z.uuid().optional(),
});

/** The inbox list as JSON (with the list filters of the URL): what the list refetches when realtime says something changed. */
export async function GET(req: Request) {
  try {
    const user = await authorize("conversations.read");
    const { searchParams } = new URL(req.url);
    const parsed = query.safeParse(Object.fromEntries(searchParams));
    if (!parsed.success) return Response.json({ error: "Invalid query." }, { status: 400 });
    const db = getDb();
    const settings = await getServiceSettings();
    const { view, offset, limit, team } = parsed.data;
    const [list, counts] = await Promise.all([
      listConversations(db, user, settings, { view, offset, limit, teamId: team, filters: parseFilters(searchParams) }),
      viewCounts(db, user, settings, team),
    ]);
    return Response.json({ ...list, counts });
  } catch (error) {
    return apiError(error);
  }
}

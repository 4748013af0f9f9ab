import { z } from "zod";
import { resolveSpan, type Span } from "@/lib/stats/span";

/** Narrowing of a statistics page: one team, one channel account, one agent (each optional). */
export type StatsFilters = { teamId?: string; channelId?: string; agentId?: string };

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && z.uuid().safeParse(v).success ? v : undefined));

const schema = z.object({
  span: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  team: optionalId,
  channel: optionalId,
  agent: optionalId,
});

type Raw = Record<string, string | string[] | undefined>;

function single(raw: Raw): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/**
 * The span and filters of a statistics URL (page or export), in the viewer's time zone. Malformed
 * values are dropped rather than refused: a hand-edited URL still shows a page.
 */
export function parseStatsParams(raw: Raw | URLSearchParams, timeZone: string, now = new Date()): { span: Span; filters: StatsFilters } {
  const flat = raw instanceof URLSearchParams ? Object.fromEntries(raw.entries()) : single(raw);
  const p = schema.parse(flat);
  return {
    span: resolveSpan({ span: p.span, from: p.from, to: p.to }, timeZone, now),
    filters: { teamId: p.team, channelId: p.channel, agentId: p.agent },
  };
}

/** The query string that reproduces a span and filters (for links between the page and its exports). */
export function statsQuery(span: Pick<Span, "preset" | "fromDate" | "toDate">, filters: StatsFilters): string {
  const q = new URLSearchParams({ span: span.preset });
  if (span.preset === "custom") {
    q.set("from", span.fromDate);
    q.set("to", span.toDate);
  }
  if (filters.teamId) q.set("team", filters.teamId);
  if (filters.channelId) q.set("channel", filters.channelId);
  if (filters.agentId) q.set("agent", filters.agentId);
  return q.toString();
}

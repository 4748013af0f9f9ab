import { eq } from "drizzle-orm";
import { contacts, conversations } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { PlaceholderValues } from "@/lib/quick-replies/placeholders";
import { getSettings } from "@/lib/settings";

/** "Anna van der Berg" → first "Anna", last "van der Berg": how a full name in one field splits. */
export function splitName(name: string | null | undefined): { first: string | null; last: string | null } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return { first: null, last: null };
  return { first: parts[0], last: parts.length > 1 ? parts.slice(1).join(" ") : null };
}

/**
 * What a quick reply's placeholders are filled with in one conversation: the customer's names (the
 * edited first/last name, else split from the name a channel gave), the agent's, the company name from
 * the service settings and the conversation number. Missing values stay missing: the composer marks them.
 */
export async function placeholderValues(db: DbOrTx, agent: { name: string }, conversationId: string): Promise<PlaceholderValues> {
  const [row] = await db
    .select({ number: conversations.number, name: contacts.name, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, conversationId));
  if (!row) throw new NotFoundError("This conversation");
  const settings = await getSettings(db);
  const split = splitName(row.name);
  const first = row.firstName?.trim() || split.first;
  const last = row.lastName?.trim() || (row.firstName?.trim() ? null : split.last);
  const agentName = splitName(agent.name);
  return {
    customer_first: first,
    customer_last: last,
    customer_name: row.name?.trim() || [first, last].filter(Boolean).join(" ") || null,
    agent_first: agentName.first,
    agent_last: agentName.last,
    company: settings.companyName,
    conversation_number: row.number,
  };
}

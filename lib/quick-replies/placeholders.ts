/**
 * Quick-reply placeholders: `{{customer_first}}` and friends, filled from the conversation when an agent
 * inserts a reply. Pure, so the settings preview, the composer and the server share one reading.
 */

export const placeholderNames = [
  "customer_first",
  "customer_last",
  "customer_name",
  "agent_first",
  "agent_last",
  "company",
  "conversation_number",
] as const;

export type PlaceholderName = (typeof placeholderNames)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string | number | null | undefined>>;

export const placeholderLabels: Record<PlaceholderName, string> = {
  customer_first: "Customer's first name",
  customer_last: "Customer's last name",
  customer_name: "Customer's full name",
  agent_first: "Your first name",
  agent_last: "Your last name",
  company: "Company name",
  conversation_number: "Conversation number",
};

/** What the settings preview fills in. */
export const sampleValues: Record<PlaceholderName, string> = {
  customer_first: "Maria",
  customer_last: "Jansen",
  customer_name: "Maria Jansen",
  agent_first: "Alex",
  agent_last: "Agent",
  company: "Northwind Outfitters",
  conversation_number: "1042",
};

// Whitespace inside the braces is tolerated (`{{ agent_first }}`), as people type it.
const pattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function token(name: PlaceholderName): string {
  return `{{${name}}}`;
}

export function isKnown(name: string): name is PlaceholderName {
  return (placeholderNames as readonly string[]).includes(name);
}

export type Part =
  | { kind: "text"; text: string }
  /** A placeholder and its value. */
  | { kind: "value"; name: PlaceholderName; text: string }
  /** A placeholder with no value (or an unknown one): kept as written so it can be marked and edited. */
  | { kind: "missing"; name: string; text: string };

/** The text cut into plain text and placeholders, each filled where `values` has a non-empty value. */
export function parts(text: string, values: PlaceholderValues): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (index > last) out.push({ kind: "text", text: text.slice(last, index) });
    const name = match[1];
    const value = isKnown(name) ? values[name] : undefined;
    const filled = value === null || value === undefined ? "" : String(value).trim();
    out.push(isKnown(name) && filled ? { kind: "value", name, text: filled } : { kind: "missing", name, text: match[0] });
    last = index + match[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

/**
 * Fills the placeholders of `text`. Those without a value stay as written and are listed in `missing`
 * (each once), so the composer can mark them and hold the message until the agent fixes them.
 */
export function fill(text: string, values: PlaceholderValues): { text: string; missing: string[] } {
  const cut = parts(text, values);
  const missing = [...new Set(cut.flatMap((p) => (p.kind === "missing" ? [p.name] : [])))];
  return { text: cut.map((p) => p.text).join(""), missing };
}

/** Placeholders in `text` that are not in the list, as written between the braces (each once). */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]).filter((name) => !isKnown(name)))];
}

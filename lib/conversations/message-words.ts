/**
 * How the thread and the exports name a message's sender and show its text, from the marks ingest and
 * sending leave on its payload. Pure, so the browser and the server say the same.
 */
type Marks = Record<string, unknown> | null;

/** Who sent one of our messages: an agent, an automatic reply, or a colleague in the provider's own inbox. */
export function outboundSender(authorName: string | null, payload: Marks): string {
  if (authorName) return authorName;
  if (payload?.automatic) return "Automatic reply";
  if (typeof payload?.sentFrom === "string") return `Sent in ${payload.sentFrom}`;
  return "Switchboard";
}

export const UNSENT_TEXT = "The customer unsent this message.";

/** A message's text as an export writes it. */
export function messageText(body: string, payload: Marks): string {
  return payload?.unsent ? UNSENT_TEXT : body;
}

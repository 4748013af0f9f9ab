/** Threads are followed through at most this many ids (the newest end of References). */
const MAX_THREAD_REFS = 50;

/** One Message-ID in its stored form `<left@right>`, or null for something that is none. */
export function normalizeMessageId(value: string): string | null {
  const bare = value.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  if (!bare || bare.length > 400 || /[\s<>\u0000-\u001f\u007f]/.test(bare)) return null;
  return `<${bare}>`;
}

/**
 * Every Message-ID in In-Reply-To / References values, in order and without repeats. mailparser gives a
 * string for one id and an array for several (channels.md gotcha 18); Postmark gives the raw header.
 */
export function messageIdList(...values: (string | string[] | null | undefined)[]): string[] {
  const ids: string[] = [];
  for (const value of values.flat()) {
    if (!value) continue;
    const parts = value.match(/<[^<>]*>/g) ?? value.split(/[\s,]+/);
    for (const part of parts) {
      const id = normalizeMessageId(part);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids.slice(-MAX_THREAD_REFS);
}

/** The Message-ID of one of our outbound messages: stable per message, so a retry sends the same id. */
export function outboundMessageId(messageId: string, fromAddress: string): string {
  const domain = fromAddress.split("@")[1]?.trim() || "switchboard.invalid";
  return `<sb-${messageId}@${domain}>`;
}

const ours = /<sb-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[^<>\s]+>/gi;

/** Our own Message-IDs quoted anywhere in a text (a bounce's returned headers), in order. */
export function ourMessageIds(text: string): string[] {
  return [...new Set(text.match(ours) ?? [])];
}

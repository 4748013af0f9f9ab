/**
 * Topic names are the one vocabulary shared by publishers, the SSE hub and Pusher. They are also Pusher
 * channel names (behind `private-`), so they stay within `[A-Za-z0-9_-]`, which both Pusher's HTTP API and
 * every SSE/URL path accept without escaping.
 */
export const inboxTopic = "inbox";

export function conversationTopic(conversationId: string): string {
  return `conversation-${conversationId}`;
}

export function userTopic(userId: string): string {
  return `user-${userId}`;
}

export function visitorTopic(visitorId: string): string {
  return `visitor-${visitorId}`;
}

export type ParsedTopic =
  | { kind: "inbox" }
  | { kind: "conversation"; id: string }
  | { kind: "user"; id: string }
  | { kind: "visitor"; id: string };

// Conversation and user ids are Postgres uuids: checking the shape here keeps a malformed id from ever
// reaching a uuid-typed query, where it would be a database error rather than a plain "no".
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Visitor ids are 128 random bits in base64url (22 chars); a little slack costs nothing.
const visitorId = /^[A-Za-z0-9_-]{16,64}$/;

export function isUuid(value: string): boolean {
  return uuid.test(value);
}

/** The topic a name stands for, or null when the name is not one of ours. */
export function parseTopic(name: string): ParsedTopic | null {
  if (name === inboxTopic) return { kind: "inbox" };
  const dash = name.indexOf("-");
  if (dash < 0) return null;
  const prefix = name.slice(0, dash);
  const id = name.slice(dash + 1);
  if ((prefix === "conversation" || prefix === "user") && uuid.test(id)) return { kind: prefix, id };
  if (prefix === "visitor" && visitorId.test(id)) return { kind: "visitor", id };
  return null;
}

const privatePrefix = "private-";

/** Private channels make Pusher ask our auth endpoint before it lets a browser subscribe. */
export function pusherChannelName(topic: string): string {
  return privatePrefix + topic;
}

/** The topic behind a Pusher channel name, or null for a channel that is not one of our private ones. */
export function topicFromPusherChannel(channelName: string): string | null {
  if (!channelName.startsWith(privatePrefix)) return null;
  const topic = channelName.slice(privatePrefix.length);
  return parseTopic(topic) ? topic : null;
}

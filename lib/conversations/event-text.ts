import type { EventType } from "@/lib/conversations/events";

type EventLike = { type: EventType; data: Record<string, unknown>; actorName: string | null };

const reasons: Record<string, string> = {
  archived: "archived",
  rejected: "rejected",
  inactive: "closed after a period without messages",
  barred: "closed because the customer was barred",
  blocked: "closed because the customer was blocked",
};

/** The quiet line a conversation event shows in the thread, e.g. "Alex picked up the conversation". */
export function describeEvent(event: EventLike, names: Record<string, string>): string {
  const who = event.actorName ?? "Switchboard";
  const name = (key: string) => {
    const id = event.data[key];
    return typeof id === "string" ? (names[id] ?? "a former colleague") : "someone";
  };
  const tag = typeof event.data.name === "string" ? `“${event.data.name}”` : "a tag";
  switch (event.type) {
    case "created":
      return "The customer started the conversation";
    case "assigned":
      return event.data.toUserId && event.actorName && names[String(event.data.toUserId)] !== event.actorName
        ? `${who} assigned the conversation to ${name("toUserId")}`
        : `${who} picked up the conversation`;
    case "transferred":
      return typeof event.data.toTeamName === "string"
        ? `${who} moved the conversation to the ${event.data.toTeamName} team's queue`
        : `${who} handed the conversation from ${name("fromUserId")} to ${name("toUserId")}`;
    case "released":
      return `${who} released the conversation back to New`;
    case "rejected":
      return `${who} rejected the conversation`;
    case "archived":
      return `${who} archived the conversation`;
    case "closed":
      return `The conversation was ${reasons[String(event.data.reason)] ?? "closed"}`;
    case "reopened":
      return "The customer wrote again; the conversation reopened";
    case "tagged":
      return `${who} added the tag ${tag}`;
    case "untagged":
      return `${who} removed the tag ${tag}`;
    case "noted":
      return `${who} added a note`;
    case "first_response":
      return `${who} answered for the first time`;
    case "blocked":
      return `${who} blocked the customer; the conversation was closed`;
    case "unblocked":
      return `${who} unblocked the conversation; it moved to New`;
    case "merged":
      return typeof event.data.fromNumber === "number"
        ? `${who} merged conversation #${event.data.fromNumber} into this one`
        : `${who} merged another contact into this customer`;
  }
}

import type { ChannelKind } from "@/lib/channels/types";
import type { getConversationExtras, getMessages } from "@/lib/conversations/queries";

export type Thread = Awaited<ReturnType<typeof getMessages>>;
export type ThreadMessage = Thread["messages"][number];
export type Extras = Awaited<ReturnType<typeof getConversationExtras>>;
export type TagChip = { id: string; name: string; color: string };

export type PaneHeader = {
  id: string;
  number: number;
  status: "new" | "open" | "waiting" | "closed" | "blocked";
  closedReason: "archived" | "rejected" | "inactive" | "barred" | "blocked" | null;
  createdAt: Date;
  waitingSince: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  teamName: string;
  channel: { id: string; kind: ChannelKind; name: string; active: boolean };
  customer: string;
  language: string | null;
  sentiment: "negative" | "neutral" | "positive" | null;
};

export type PaneContact = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  vip: boolean;
  company: string | null;
  /** Saved by a person (the "recognised" badge); false for a sender ingest created from a first message. */
  known: boolean;
  blocked: boolean;
  /** The service's default phone region, for the create-contact form (a setting). */
  phoneRegion: string;
};

export type PanePermissions = {
  pickUp: boolean;
  reply: boolean;
  assign: boolean;
  release: boolean;
  reject: boolean;
  archive: boolean;
  tag: boolean;
  createTag: boolean;
  note: boolean;
  /** Relate an unrecognised sender to a contact, or create one */
  editContact: boolean;
  bar: boolean;
};

export type PendingMessage = { clientId: string; body: string };

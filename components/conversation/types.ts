import type { ChannelKind } from "@/lib/channels/types";
import type { getConversationExtras, getMessages } from "@/lib/conversations/queries";

export type Thread = Awaited<ReturnType<typeof getMessages>>;
export type ThreadMessage = Thread["messages"][number];
export type Extras = Awaited<ReturnType<typeof getConversationExtras>>;
export type TagChip = { id: string; name: string; color: string };

export type PaneHeader = {
  id: string;
  number: number;
  status: "new" | "open" | "waiting" | "closed";
  closedReason: "archived" | "rejected" | "inactive" | "barred" | null;
  createdAt: Date;
  waitingSince: Date | null;
  assigneeId: string | null;
  assigneeName: string | null;
  teamName: string;
  channel: { id: string; kind: ChannelKind; name: string; active: boolean };
  customer: string;
};

export type PaneContact = { name: string | null; email: string | null; phone: string | null; vip: boolean; company: string | null };

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
};

export type PendingMessage = { clientId: string; body: string };

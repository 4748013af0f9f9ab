import { asc, eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import { channels, files, messages, notes, users } from "@/db/schema";
import type { Attachment } from "@/db/schema/conversations";
import type { ServiceSettings } from "@/lib/auth/permissions";
import { channelLabels } from "@/lib/channels/labels";
import type { ChannelKind } from "@/lib/channels/types";
import { messageText, outboundSender } from "@/lib/conversations/message-words";
import { getConversationByNumber, getConversationExtras } from "@/lib/conversations/queries";
import type { DbOrTx } from "@/lib/db/client";
import { customerLabel } from "@/lib/format";
import type { CurrentUser } from "@/lib/users";

/** Everything an export of one conversation shows, read once and shared by the PDF, workbook and CSV. */
export type ConversationExport = {
  id: string;
  number: number;
  customer: string;
  contact: { email: string | null; phone: string | null; handle: string | null };
  channel: { kind: ChannelKind; label: string; name: string };
  team: string;
  agent: string | null;
  status: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  tags: string[];
  messages: ExportMessage[];
  notes: ExportNote[];
};

export type ExportMessage = {
  id: string;
  at: Date;
  direction: "in" | "out";
  author: string;
  channel: string;
  kind: string;
  body: string;
  attachments: Attachment[];
  status: string;
  error: string | null;
};

export type ExportNote = { id: string; at: Date; author: string; body: string };

/** A message or note in time order, as the timeline of the PDF and the rows of the CSV. */
export type TimelineItem = ({ type: "message" } & ExportMessage) | ({ type: "note" } & ExportNote);

const statusWords: Record<string, string> = {
  received: "Received",
  queued: "Queued",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
};

const closedWords: Record<string, string> = { archived: "Archived", rejected: "Rejected", inactive: "Closed (inactive)", barred: "Closed (barred)" };
const statusTitles: Record<string, string> = { new: "New", open: "Open", waiting: "Waiting for customer", closed: "Closed" };

export function deliveryWord(status: string): string {
  return statusWords[status] ?? status;
}

/** The conversation with this number, if the actor may see it; null otherwise (the route answers 404). */
export async function loadConversationExport(
  db: DbOrTx,
  actor: CurrentUser,
  settings: ServiceSettings,
  number: number,
): Promise<ConversationExport | null> {
  const header = await getConversationByNumber(db, actor, settings, number);
  if (!header) return null;
  const c = header.conversation;
  const customer = customerLabel(header.contact.name, header.identity?.handle);
  const [extras, messageRows, noteRows] = await Promise.all([
    getConversationExtras(db, c),
    db
      .select({
        id: messages.id,
        at: messages.createdAt,
        direction: messages.direction,
        authorName: users.name,
        channelKind: channels.kind,
        channelName: channels.name,
        kind: messages.kind,
        body: messages.body,
        payload: messages.payload,
        attachments: messages.attachments,
        status: messages.status,
        errorText: messages.errorText,
      })
      .from(messages)
      .innerJoin(channels, eq(channels.id, messages.channelId))
      .leftJoin(users, eq(users.id, messages.authorId))
      .where(eq(messages.conversationId, c.id))
      .orderBy(asc(messages.createdAt), asc(messages.id)),
    db
      .select({ id: notes.id, at: notes.createdAt, body: notes.body, author: users.name })
      .from(notes)
      .leftJoin(users, eq(users.id, notes.authorId))
      .where(eq(notes.conversationId, c.id))
      .orderBy(asc(notes.createdAt), asc(notes.id)),
  ]);
  return {
    id: c.id,
    number: c.number,
    customer,
    contact: { email: header.contact.email, phone: header.contact.phone, handle: header.identity?.handle ?? null },
    channel: { kind: header.channel.kind, label: channelLabels[header.channel.kind], name: header.channel.name },
    team: header.team.name,
    agent: header.assigneeName,
    status: c.status === "closed" ? (closedWords[c.closedReason ?? "archived"] ?? "Closed") : (statusTitles[c.status] ?? c.status),
    createdAt: c.createdAt,
    firstResponseAt: c.firstResponseAt,
    closedAt: c.closedAt,
    tags: extras.tags.map((t) => t.name),
    messages: messageRows.map((m) => ({
      id: m.id,
      at: m.at,
      direction: m.direction,
      author: m.direction === "in" ? customer : outboundSender(m.authorName, m.payload),
      channel: `${channelLabels[m.channelKind]} (${m.channelName})`,
      kind: m.kind,
      body: messageText(m.body, m.payload),
      attachments: m.attachments,
      status: deliveryWord(m.status),
      error: m.errorText,
    })),
    notes: noteRows.map((n) => ({ id: n.id, at: n.at, author: n.author ?? "Former colleague", body: n.body })),
  };
}

export function timeline(data: ConversationExport): TimelineItem[] {
  const items: TimelineItem[] = [
    ...data.messages.map((m) => ({ type: "message" as const, ...m })),
    ...data.notes.map((n) => ({ type: "note" as const, ...n })),
  ];
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The bytes of a conversation's image attachments (for the PDF), by file id; the ids come from its own messages. */
export async function imageBytes(db: DbOrTx, data: ConversationExport): Promise<Map<string, Buffer>> {
  const ids = data.messages.flatMap((m) => m.attachments.filter((a) => a.mimeType.startsWith("image/")).map((a) => a.id));
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: files.id, data: files.data })
    .from(files)
    .where(inArray(files.id, ids.slice(0, 200)));
  // Shown small in the PDF: a 320-pixel JPEG is plenty and keeps a photo-heavy export light.
  const small = await Promise.all(
    rows.map(async (r) => {
      try {
        return [r.id, await sharp(Buffer.from(r.data)).rotate().resize(320, 320, { fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 70 }).toBuffer()] as const;
      } catch {
        return null; // not an image sharp can read: the attachment is listed by name only
      }
    }),
  );
  return new Map(small.filter((x) => x !== null));
}

/** "conversation-1042" — the stem every export of a conversation shares. */
export function conversationFileStem(data: Pick<ConversationExport, "number">): string {
  return `conversation-${data.number}`;
}

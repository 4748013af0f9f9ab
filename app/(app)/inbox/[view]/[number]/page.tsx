import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConversationPane } from "@/components/conversation/conversation-pane";
import { can, type Action } from "@/lib/auth/permissions";
import { adapterFor } from "@/lib/channels/registry";
import { getServiceSettings, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getConversationByNumber, getConversationExtras, getMessages } from "@/lib/conversations/queries";
import { replyTarget } from "@/lib/conversations/reply";
import { listTags } from "@/lib/conversations/tags";
import { isView } from "@/lib/conversations/views";
import { customerLabel } from "@/lib/format";

type Props = { params: Promise<{ view: string; number: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { number } = await params;
  return { title: `Conversation #${number}` };
}

export default async function ConversationPage({ params }: Props) {
  const { view, number } = await params;
  const n = Number(number);
  if (!isView(view) || !Number.isSafeInteger(n) || n < 1) notFound();
  const user = await requirePermission("conversations.read");
  const settings = await getServiceSettings();
  const db = getDb();
  const header = await getConversationByNumber(db, user, settings, n);
  if (!header) notFound();
  const { conversation } = header;
  const [thread, extras, tags, target] = await Promise.all([
    getMessages(db, conversation.id),
    getConversationExtras(db, conversation),
    listTags(db),
    replyTarget(db, conversation),
  ]);
  const allowed = (action: Action) => can(user, action, settings, conversation);
  return (
    <ConversationPane
      key={conversation.id}
      view={view}
      timeZone={user.timeZone}
      me={{ id: user.id, name: user.name }}
      header={{
        id: conversation.id,
        number: conversation.number,
        status: conversation.status,
        closedReason: conversation.closedReason,
        createdAt: conversation.createdAt,
        waitingSince: conversation.waitingSince,
        assigneeId: conversation.assigneeId,
        assigneeName: header.assigneeName,
        teamName: header.team.name,
        channel: header.channel,
        customer: customerLabel(header.contact.name, header.identity?.handle),
        language: conversation.language,
        sentiment: conversation.sentiment,
      }}
      contact={{
        id: header.contact.id,
        known: header.contact.known,
        blocked: header.contact.blocked,
        phoneRegion: settings.defaultRegion,
        name: header.contact.name,
        email: header.contact.email,
        phone: header.contact.phone,
        vip: header.contact.vip,
        company: header.contact.company,
      }}
      thread={thread}
      extras={extras}
      allTags={tags.map(({ id, name, color }) => ({ id, name, color }))}
      capabilities={adapterFor(header.channel.kind)?.capabilities ?? null}
      window={target.window}
      permissions={{
        pickUp: allowed("conversation.pickup"),
        reply: allowed("conversation.reply"),
        assign: allowed("conversation.assign"),
        release: allowed("conversation.release"),
        reject: allowed("conversation.reject"),
        archive: allowed("conversation.archive"),
        tag: allowed("conversation.tag"),
        createTag: can(user, "tag.create", settings),
        note: allowed("conversation.note"),
        editContact: can(user, "contact.edit", settings),
        bar: allowed("conversation.bar"),
      }}
      canExport={allowed("conversation.export")}
    />
  );
}

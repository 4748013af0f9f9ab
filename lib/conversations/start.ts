import { and, asc, eq, ne, sql } from "drizzle-orm";
import { channels, contactIdentities, contacts, conversations, messages, templates } from "@/db/schema";
import { assertCan, can, type ServiceSettings } from "@/lib/auth/permissions";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import { outboundProblem } from "@/lib/channels/rules";
import type { Channel, ChannelKind } from "@/lib/channels/types";
import { fillTemplate, parametersSchema, placeholdersOf } from "@/lib/channels/whatsapp/template-text";
import { unsendableReason } from "@/lib/channels/whatsapp/templates";
import { replyWindow } from "@/lib/channels/window";
import { parsePhone } from "@/lib/contacts/contact.validation";
import { hasAnyKey } from "@/lib/contacts/queries";
import { recordEvent } from "@/lib/conversations/events";
import { conversationChanged, messageChanged } from "@/lib/conversations/notify";
import { storeOutbound, type NewOutbound } from "@/lib/conversations/outbound";
import { deliver, type DeliveryResult } from "@/lib/conversations/reply";
import { startSchema, type StartInput } from "@/lib/conversations/start.validation";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/rows";
import { NotFoundError, UserError } from "@/lib/errors";
import { getSettings } from "@/lib/settings";
import { parseInput } from "@/lib/settings/guard";
import { routedTeamId } from "@/lib/teams";
import type { CurrentUser } from "@/lib/users";

/** The channel accounts an agent may start a conversation on: active, with an adapter that allows it. */
export async function startableChannels(db: DbOrTx) {
  const rows = await db
    .select({ id: channels.id, kind: channels.kind, name: channels.name })
    .from(channels)
    .where(eq(channels.active, true))
    .orderBy(asc(channels.kind), asc(channels.name));
  return rows
    .filter((c) => adapterFor(c.kind)?.capabilities.canStartConversation)
    .map((c) => {
      const capabilities = adapterFor(c.kind)!.capabilities;
      return {
        ...c,
        /** Free text is refused until the customer writes (WhatsApp): the wizard offers templates. */
        templatesOnly: capabilities.window?.outside === "template",
        address: addressKind(c.kind),
        maxLength: capabilities.text.maxLength,
      };
    });
}

export type StartableChannel = Awaited<ReturnType<typeof startableChannels>>[number];

/** What a new customer is reached by on a kind of channel; null: only customers who wrote to it before. */
export function addressKind(kind: ChannelKind): "phone" | "email" | null {
  if (kind === "whatsapp" || kind === "sms") return "phone";
  if (kind === "email") return "email";
  return null;
}

/** The provider's id for a customer we write to first: WhatsApp's wa_id is the number without "+". */
function recipientFor(kind: ChannelKind, address: string, region: string): { externalId: string; handle: string; phone?: string; email?: string } {
  const label = channelLabels[kind];
  const by = addressKind(kind);
  if (by === "phone") {
    const phone = parsePhone(address, region);
    if (!phone.ok) throw new UserError(phone.message, { address: [phone.message] });
    return { externalId: kind === "whatsapp" ? phone.e164.slice(1) : phone.e164, handle: phone.e164, phone: phone.e164 };
  }
  if (by === "email") {
    const email = address.trim().toLowerCase();
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) throw new UserError("That is not an e-mail address.", { address: ["That is not an e-mail address."] });
    return { externalId: email, handle: email, email };
  }
  throw new UserError(`${label} only lets you write to customers who wrote to this account before. Pick one of them from the address book.`, {
    address: [`${label} needs a customer who wrote to this account before.`],
  });
}

type Recipient = { contactId: string; identityId: string; lastInboundAt: Date | null };

/**
 * The contact and their identity on this channel: the contact's own identity there; else the identity of
 * the address (whoever it belongs to); else a contact with that number or address; else a new contact.
 */
async function findOrCreateRecipient(tx: Tx, channel: Channel, settings: ServiceSettings, input: { contactId?: string; address?: string }): Promise<Recipient> {
  let contact: typeof contacts.$inferSelect | undefined;
  if (input.contactId) {
    [contact] = await tx.select().from(contacts).where(eq(contacts.id, input.contactId));
    if (!contact) throw new NotFoundError("This contact");
    const [own] = await tx
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.contactId, contact.id), eq(contactIdentities.channelId, channel.id)))
      .orderBy(sql`${contactIdentities.lastInboundAt} desc nulls last`)
      .limit(1);
    if (own && !input.address) return { contactId: contact.id, identityId: own.id, lastInboundAt: own.lastInboundAt };
  }
  const fallback = addressKind(channel.kind) === "phone" ? contact?.phone : addressKind(channel.kind) === "email" ? contact?.email : null;
  const address = input.address || fallback;
  if (!address) {
    const what = addressKind(channel.kind) === "email" ? "an e-mail address" : "a phone number";
    throw new UserError(
      addressKind(channel.kind)
        ? `This contact has no ${what === "an e-mail address" ? "e-mail address" : "phone number"}: type ${what}.`
        : `${channelLabels[channel.kind]} only lets you write to customers who wrote to this account before, and this contact has not.`,
      { address: [`Type ${what}.`] },
    );
  }
  const recipient = recipientFor(channel.kind, address, settings.defaultRegion);
  const [known] = await tx
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, recipient.externalId)));
  if (known) return { contactId: known.contactId, identityId: known.id, lastInboundAt: known.lastInboundAt };

  if (!contact) {
    [contact] = await tx
      .select()
      .from(contacts)
      .where(recipient.phone ? hasAnyKey([recipient.phone], []) : hasAnyKey([], [recipient.email ?? ""]))
      .orderBy(asc(contacts.createdAt))
      .limit(1);
  }
  if (!contact) {
    // Typed in by an agent: a person saved it, so it counts as recognised.
    [contact] = await tx.insert(contacts).values({ phone: recipient.phone, email: recipient.email, known: true }).returning();
  }
  const [identity] = await tx
    .insert(contactIdentities)
    .values({ contactId: contact.id, channelId: channel.id, externalId: recipient.externalId, handle: recipient.handle })
    .returning();
  return { contactId: contact.id, identityId: identity.id, lastInboundAt: null };
}

export type StartResult = DeliveryResult & { conversationId: string; number: number; reused: boolean };

/**
 * Starts a conversation from the agent's side (the wizard at /inbox/start): on a channel account whose
 * kind allows it, to a contact from the address book or a number/address typed in (the contact and its
 * identity are found or created), with free text or, where the channel's window requires it (WhatsApp), an
 * approved template with every placeholder filled. A contact has at most one conversation that is not
 * closed: if they have one, the message is added there (`reused`), provided the agent may write in it.
 * Otherwise a new conversation opens, assigned to the agent. The message is stored (queued) first and then
 * delivered; a repeated `clientId` returns the first send.
 */
export async function startConversation(db: Db, actor: CurrentUser, raw: StartInput): Promise<StartResult> {
  const settings = await getSettings(db);
  assertCan(actor, "conversation.start", settings);
  const input = parseInput(startSchema, raw);
  const [channel] = await db.select().from(channels).where(eq(channels.id, input.channelId));
  if (!channel) throw new NotFoundError("This channel account");
  const label = channelLabels[channel.kind];
  const adapter = adapterFor(channel.kind);
  if (!adapter?.capabilities.canStartConversation) {
    throw new UserError(`${label} does not let a business write first: the customer has to start the conversation.`, { channelId: ["Pick another account."] });
  }
  if (!channel.active) throw new UserError(`The account “${channel.name}” is deactivated. An admin can reactivate it in Settings → Channels.`);

  const content = await messageContent(db, channel, input);
  const attempt = () => db.transaction((tx) => startIn(tx, actor, settings, channel, input, content));
  let started: { conversationId: string; number: number; messageId: string; reused: boolean; repeated: boolean };
  try {
    started = await attempt();
  } catch (error) {
    // The customer wrote at the same moment and opened a conversation: add to that one instead.
    if (!isUniqueViolation(error)) throw error;
    started = await attempt();
  }
  if (started.repeated) {
    const [m] = await db.select({ status: messages.status }).from(messages).where(eq(messages.id, started.messageId));
    const status = m?.status === "failed" ? "failed" : m?.status === "queued" ? "queued" : "sent";
    return { conversationId: started.conversationId, number: started.number, reused: started.reused, messageId: started.messageId, status };
  }
  await conversationChanged(started.conversationId);
  await messageChanged(started.conversationId, started.messageId, "message-created");
  const delivery = await deliver(db, started.messageId);
  return { ...delivery, conversationId: started.conversationId, number: started.number, reused: started.reused };
}

type Content = Pick<NewOutbound, "kind" | "body" | "payload">;

/** The text, or the template filled in, checked against the channel's rules. */
async function messageContent(db: Db, channel: Channel, input: ReturnType<typeof startSchema.parse>): Promise<Content> {
  const adapter = adapterFor(channel.kind)!;
  if (input.templateId) {
    if (!adapter.capabilities.templates) throw new UserError(`${channelLabels[channel.kind]} has no templates: write the message instead.`);
    const [template] = await db.select().from(templates).where(and(eq(templates.id, input.templateId), eq(templates.channelId, channel.id)));
    if (!template) throw new NotFoundError("This template");
    if (template.status !== "APPROVED") throw new UserError(`“${template.name}” is not approved by Meta, so it cannot be sent.`);
    const unsendable = unsendableReason(template);
    if (unsendable) throw new UserError(`“${template.name}” cannot be sent from Switchboard: ${unsendable}`);
    const placeholders = placeholdersOf(template.body);
    const values = parseInput(parametersSchema(placeholders), input.parameters) as Record<string, string>;
    return {
      kind: "template",
      body: fillTemplate(template.body, values),
      payload: { templateId: template.id, name: template.name, language: template.language, parameters: placeholders.map((name) => ({ name, text: values[name] })) },
    };
  }
  const body = input.body?.trim() ?? "";
  const problem = outboundProblem(channelLabels[channel.kind], adapter.capabilities, body, []);
  if (problem) throw new UserError(problem, { body: [problem] });
  return { kind: "text", body, payload: null };
}

async function startIn(tx: Tx, actor: CurrentUser, settings: ServiceSettings, channel: Channel, input: ReturnType<typeof startSchema.parse>, content: Content) {
  const recipient = await findOrCreateRecipient(tx, channel, settings, input);
  const [contact] = await tx.select({ blocked: contacts.blocked, vip: contacts.vip }).from(contacts).where(eq(contacts.id, recipient.contactId));
  if (contact?.blocked) throw new UserError("This customer is blocked: unblock them on their contact page first.");
  const [identity] = await tx.select({ barred: contactIdentities.barred }).from(contactIdentities).where(eq(contactIdentities.id, recipient.identityId));
  if (identity?.barred) throw new UserError("This address is barred: unbar it on the contact's page first.");

  // WhatsApp: free text only inside the 24 hours after the customer's last message, templates always.
  const window = replyWindow(adapterFor(channel.kind)!.capabilities, recipient.lastInboundAt);
  if (content.kind !== "template" && window.state === "closed") {
    throw new UserError(
      window.outside === "template"
        ? `${channelLabels[channel.kind]} only lets you write first with an approved template: pick one.`
        : `${channelLabels[channel.kind]} does not let you write to this customer until they write again.`,
      { body: ["Pick a template."] },
    );
  }

  const [open] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.contactId, recipient.contactId), ne(conversations.status, "closed")))
    .for("update");
  let conversation: { id: string; number: number };
  let reused = false;
  if (open) {
    reused = true;
    if (!can(actor, "conversation.reply", settings, open)) {
      throw new UserError(`This customer already has an open conversation (#${open.number}) that is not yours to write in. Ask its agent or a supervisor.`);
    }
    if (input.clientId) {
      const [repeated] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, open.id), eq(messages.clientId, input.clientId)));
      if (repeated) return { conversationId: open.id, number: open.number, messageId: repeated.id, reused, repeated: true };
    }
    if (!open.assigneeId) {
      await tx.update(conversations).set({ assigneeId: actor.id, assignedAt: sql`now()`, status: "open" }).where(eq(conversations.id, open.id));
      await recordEvent(tx, open.id, "assigned", actor.id, { toUserId: actor.id, via: "start" });
    }
    conversation = open;
  } else {
    const [created] = await tx
      .insert(conversations)
      .values({
        contactId: recipient.contactId,
        teamId: await routedTeamId(tx, channel.id),
        channelId: channel.id,
        identityId: recipient.identityId,
        status: "open",
        assigneeId: actor.id,
        assignedAt: sql`now()`,
        priority: contact?.vip ? 1 : 0,
      })
      .returning({ id: conversations.id, number: conversations.number });
    await recordEvent(tx, created.id, "created", actor.id, { channelId: channel.id, startedBy: actor.id });
    await recordEvent(tx, created.id, "assigned", actor.id, { toUserId: actor.id, via: "start" });
    conversation = created;
  }
  const message = await storeOutbound(tx, {
    conversationId: conversation.id,
    channelId: channel.id,
    identityId: recipient.identityId,
    authorId: actor.id,
    ...content,
    clientId: input.clientId,
  });
  return { conversationId: conversation.id, number: conversation.number, messageId: message.id, reused, repeated: false };
}

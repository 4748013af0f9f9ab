import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { conversations, templates } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit";
import { getChannelAccount } from "@/lib/channels/accounts";
import { requireConfig } from "@/lib/channels/meta/account";
import { graphRequest, metaGraphUrl } from "@/lib/channels/meta/graph";
import { SendError } from "@/lib/channels/types";
import { fillTemplate, parametersSchema, placeholdersOf } from "@/lib/channels/whatsapp/template-text";
import { sendTemplateSchema, type SendTemplateInput } from "@/lib/channels/whatsapp/templates.validation";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { recordEvent } from "@/lib/conversations/events";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { messageChanged } from "@/lib/conversations/notify";
import { storeOutbound } from "@/lib/conversations/outbound";
import { deliver, replyTarget, type DeliveryResult } from "@/lib/conversations/reply";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";
import { getSettings } from "@/lib/settings";
import type { CurrentUser } from "@/lib/users";

export type Template = typeof templates.$inferSelect;

type Component = { type?: string; format?: string; text?: string; buttons?: { type?: string; url?: string }[] };

function componentsOf(template: Pick<Template, "components">): Component[] {
  return Array.isArray(template.components) ? (template.components as Component[]) : [];
}

/** The BODY component's text: what the customer reads, with its placeholders. */
export function bodyOf(components: Component[]): string {
  return components.find((c) => c.type?.toUpperCase() === "BODY")?.text ?? "";
}

/**
 * Why a template cannot be sent from here, or null. Only body placeholders are filled by the dialog; a
 * header with a variable or media, or a button with a variable URL, would need parameters Meta rejects
 * without (132000).
 */
export function unsendableReason(template: Pick<Template, "components">): string | null {
  for (const c of componentsOf(template)) {
    const type = c.type?.toUpperCase();
    if (type === "HEADER" && c.format && c.format.toUpperCase() !== "TEXT") return "Its header needs an image, video, document or location.";
    if (type === "HEADER" && placeholdersOf(c.text ?? "").length) return "Its header has a placeholder.";
    if (type === "BUTTONS" && c.buttons?.some((b) => (b.url ?? "").includes("{{"))) return "One of its buttons has a placeholder.";
  }
  return null;
}

type GraphTemplate = { name?: unknown; language?: unknown; status?: unknown; category?: unknown; components?: unknown };
type TemplatePage = { data?: GraphTemplate[]; paging?: { next?: string } };

/** Pages are followed while Meta gives a `next` link; a bound keeps a misbehaving answer from looping forever. */
const MAX_PAGES = 100;

/**
 * Replaces an account's templates with Meta's list (`GET /{WABA_ID}/message_templates`, following
 * `paging.next`; channels.md 2.1). Nothing changes unless every page was read. Administrators only.
 */
export async function syncTemplates(db: Db, actor: Actor, channelId: string): Promise<{ synced: number; removed: number }> {
  await assertCanChangeSettings(db, actor);
  const channel = await getChannelAccount(db, channelId);
  if (channel.kind !== "whatsapp") throw new UserError("Only WhatsApp accounts have message templates.");
  let config: { wabaId: string; accessToken: string };
  try {
    config = requireConfig(channel, "whatsapp", { wabaId: "WhatsApp Business Account ID", accessToken: "access token" });
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : "The account is not set up.");
  }

  const graphHost = new URL(metaGraphUrl()).host;
  const fetched: GraphTemplate[] = [];
  let url: string | undefined = `${metaGraphUrl()}/${config.wabaId}/message_templates?fields=name,language,status,category,components&limit=100`;
  for (let page = 0; url; page++) {
    if (page >= MAX_PAGES) throw new UserError("Meta's template list did not end; try again later.");
    // `next` is an absolute URL; the token is only ever sent to the Graph host.
    if (new URL(url).host !== graphHost) throw new UserError("Meta's template list pointed somewhere unexpected; nothing was changed.");
    let answer: TemplatePage;
    try {
      answer = await graphRequest<TemplatePage>(url, { token: config.accessToken });
    } catch (error) {
      throw new UserError(`The templates could not be fetched: ${error instanceof SendError ? error.message : "Meta did not answer."}`);
    }
    fetched.push(...(answer.data ?? []));
    url = answer.paging?.next;
  }

  const syncedAt = new Date();
  const rows = fetched.flatMap((t) => {
    if (typeof t.name !== "string" || typeof t.language !== "string" || !t.name || !t.language) return [];
    const components = Array.isArray(t.components) ? (t.components as Record<string, unknown>[]) : [];
    return [
      {
        channelId,
        name: t.name,
        language: t.language,
        category: typeof t.category === "string" ? t.category : "UTILITY",
        status: typeof t.status === "string" ? t.status : "PENDING",
        body: bodyOf(components as Component[]),
        components,
        syncedAt,
      },
    ];
  });
  return db.transaction(async (tx) => {
    for (const row of rows) {
      await tx
        .insert(templates)
        .values(row)
        .onConflictDoUpdate({
          target: [templates.channelId, templates.name, templates.language],
          set: { category: row.category, status: row.status, body: row.body, components: row.components, syncedAt },
        });
    }
    // Templates Meta no longer lists were deleted there; sent messages keep their text.
    const removed = await tx
      .delete(templates)
      .where(and(eq(templates.channelId, channelId), lt(templates.syncedAt, syncedAt)))
      .returning({ id: templates.id });
    await recordAudit(tx, actor.id, "templates.sync", channel.name, { channelId, synced: rows.length, removed: removed.length });
    return { synced: rows.length, removed: removed.length };
  });
}

/** An account's approved templates, by name then language. */
export function listApprovedTemplates(db: DbOrTx, channelId: string): Promise<Template[]> {
  return db
    .select()
    .from(templates)
    .where(and(eq(templates.channelId, channelId), eq(templates.status, "APPROVED")))
    .orderBy(asc(templates.name), asc(templates.language));
}

export type TemplateOption = {
  id: string;
  name: string;
  language: string;
  category: string;
  body: string;
  placeholders: string[];
  /** Why it cannot be sent from Switchboard, when it cannot. */
  unsendable: string | null;
};

/** What the template dialog of a conversation offers: the approved templates of the account the reply goes out on. */
export async function templatesForConversation(db: Db, actor: CurrentUser, conversationId: string) {
  const conversation = await loadForAction(db, actor, conversationId, "conversation.reply");
  const { channel } = await replyTarget(db, conversation);
  const rows = channel.kind === "whatsapp" ? await listApprovedTemplates(db, channel.id) : [];
  const [last] = await db
    .select({ at: sql<Date | null>`max(${templates.syncedAt})` })
    .from(templates)
    .where(eq(templates.channelId, channel.id));
  return {
    channel: { id: channel.id, name: channel.name, kind: channel.kind },
    canSync: channel.kind === "whatsapp" && can(actor, "settings.change", await getSettings(db)),
    syncedAt: last?.at ? new Date(last.at) : null,
    templates: rows.map(
      (t): TemplateOption => ({
        id: t.id,
        name: t.name,
        language: t.language,
        category: t.category,
        body: t.body,
        placeholders: placeholdersOf(t.body),
        unsendable: unsendableReason(t),
      }),
    ),
  };
}

/**
 * Sends an approved template into a conversation: the only thing WhatsApp allows once its 24-hour
 * window has closed. Every placeholder must be filled (the same rules as the dialog). The message is
 * stored first (kind "template", body = the text the customer reads, payload = name, language and
 * parameters for the provider), then delivered; a failure is recorded on it and Retry resends it.
 */
export async function sendTemplate(db: Db, actor: CurrentUser, conversationId: string, input: Omit<SendTemplateInput, "conversationId">): Promise<DeliveryResult> {
  const { templateId, parameters } = parseInput(sendTemplateSchema, { ...input, conversationId });
  const conversation = await loadForAction(db, actor, conversationId, "conversation.reply");
  if (conversation.status === "closed") {
    throw new UserError("This conversation is closed. Start a new conversation to write to this customer again.");
  }
  const { channel } = await replyTarget(db, conversation);
  if (!channel.active) {
    throw new UserError(`The channel "${channel.name}" is deactivated, so nothing can be sent on it. An admin can reactivate it in Settings → Channels.`);
  }
  const [template] = await db.select().from(templates).where(and(eq(templates.id, templateId), eq(templates.channelId, channel.id)));
  if (!template) throw new NotFoundError("This template");
  if (template.status !== "APPROVED") throw new UserError(`“${template.name}” is not approved by Meta (${template.status.toLowerCase()}), so it cannot be sent.`);
  const unsendable = unsendableReason(template);
  if (unsendable) throw new UserError(`“${template.name}” cannot be sent from Switchboard: ${unsendable}`);

  const placeholders = placeholdersOf(template.body);
  const values = parseInput(parametersSchema(placeholders), parameters) as Record<string, string>;
  const body = fillTemplate(template.body, values);

  const stored = await db.transaction(async (tx) => {
    // As with a reply: sending to an unassigned conversation assigns it to the sender.
    if (!conversation.assigneeId) {
      const [taken] = await tx
        .update(conversations)
        .set({ assigneeId: actor.id, assignedAt: sql`now()` })
        .where(and(eq(conversations.id, conversationId), isNull(conversations.assigneeId)))
        .returning({ id: conversations.id });
      if (!taken) throw new UserError("A colleague picked up this conversation in the meantime.");
      await recordEvent(tx, conversationId, "assigned", actor.id, { toUserId: actor.id, via: "template" });
    }
    return storeOutbound(tx, {
      conversationId,
      channelId: channel.id,
      identityId: conversation.identityId,
      authorId: actor.id,
      kind: "template",
      body,
      payload: {
        templateId: template.id,
        name: template.name,
        language: template.language,
        parameters: placeholders.map((name) => ({ name, text: values[name] })),
      },
    });
  });
  await messageChanged(conversationId, stored.id, "message-created");
  return deliver(db, stored.id);
}

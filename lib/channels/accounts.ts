import { asc, eq, sql } from "drizzle-orm";
import { channels, conversations, teams } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit";
import { forgetAccount } from "@/lib/channels/account-cache";
import { channelAccountSchema, type ChannelAccountInput } from "@/lib/channels/accounts.validation";
import { channelConfig, publicConfig, splitConfig } from "@/lib/channels/config";
import { channelLabels } from "@/lib/channels/labels";
import { adapterFor } from "@/lib/channels/registry";
import { SendError, type Channel } from "@/lib/channels/types";
import type { Db, DbOrTx } from "@/lib/db/client";
import { webhookUrl } from "@/lib/channels/webhook-url";
import { NotFoundError, UserError } from "@/lib/errors";
import { assertCanChangeSettings, parseInput } from "@/lib/settings/guard";

/** Every account with its routed team and how many conversations it carries, for the channels page. */
export async function listChannelAccounts(db: DbOrTx) {
  const rows = await db
    .select({
      id: channels.id,
      kind: channels.kind,
      name: channels.name,
      externalId: channels.externalId,
      active: channels.active,
      teamId: channels.teamId,
      teamName: teams.name,
      hasCredentials: sql<boolean>`${channels.credentials} is not null`,
      conversations: sql<number>`(select count(*)::int from ${conversations} where ${conversations.channelId} = ${channels.id})`,
    })
    .from(channels)
    .leftJoin(teams, eq(teams.id, channels.teamId))
    .orderBy(asc(channels.kind), asc(channels.name));
  return rows.map((r) => ({ ...r, connected: r.kind === "webchat" || r.hasCredentials, supported: Boolean(adapterFor(r.kind)) }));
}

export async function getChannelAccount(db: DbOrTx, id: string) {
  const [channel] = await db.select().from(channels).where(eq(channels.id, id));
  if (!channel) throw new NotFoundError("This channel");
  return channel;
}

/** The account as the settings form may show it: never a secret's value, only whether it is set. */
export function accountForForm(channel: Channel) {
  const adapter = adapterFor(channel.kind);
  if (!adapter) return { fields: [], values: {}, secretsSet: [] as string[] };
  return { fields: adapter.fields, ...publicConfig(adapter.fields, channel) };
}

/**
 * Creates or updates an account. Secret fields left empty keep their stored value, so an admin can
 * rename an account without retyping its token. The kind's adapter validates the whole configuration.
 */
export async function saveChannelAccount(db: Db, actor: Actor, input: ChannelAccountInput): Promise<Channel> {
  await assertCanChangeSettings(db, actor);
  const form = parseInput(channelAccountSchema, input);
  const adapter = adapterFor(form.kind);
  if (!adapter) throw new UserError(`${channelLabels[form.kind]} accounts cannot be connected yet.`);
  const existing = form.id ? await getChannelAccount(db, form.id) : null;
  if (existing && existing.kind !== form.kind) throw new UserError("An account cannot change its kind; add a new one instead.");

  const typed = Object.fromEntries(Object.entries(form.config).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ""));
  const merged = { ...(existing ? channelConfig(existing) : {}), ...typed };
  const parsed = adapter.config.safeParse(merged);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[`config.${issue.path.join(".")}`] ??= []).push(issue.message);
    throw new UserError("Check the highlighted fields.", fieldErrors);
  }
  const { settings, credentials } = splitConfig(adapter.fields, parsed.data);
  const values = {
    name: form.name,
    teamId: form.teamId,
    settings,
    credentials,
    externalId: adapter.externalId?.(parsed.data) ?? null,
  };
  const saved = await db.transaction(async (tx) => {
    const [saved] = existing
      ? await tx.update(channels).set(values).where(eq(channels.id, existing.id)).returning()
      : await tx.insert(channels).values({ kind: form.kind, ...values }).returning();
    await recordAudit(tx, actor.id, existing ? "channel.update" : "channel.create", saved.name, {
      channelId: saved.id,
      kind: saved.kind,
      teamId: saved.teamId,
      // Which secrets changed, never their values.
      secretsChanged: adapter.fields.filter((f) => (f.secret || f.type === "secret") && typed[f.name]).map((f) => f.name),
    });
    return saved;
  });
  forgetAccount(saved.id);
  return saved;
}

export async function setChannelActive(db: Db, actor: Actor, id: string, active: boolean): Promise<void> {
  await assertCanChangeSettings(db, actor);
  const channel = await getChannelAccount(db, id);
  await db.transaction(async (tx) => {
    await tx.update(channels).set({ active }).where(eq(channels.id, id));
    await recordAudit(tx, actor.id, active ? "channel.activate" : "channel.deactivate", channel.name, { channelId: id });
  });
  forgetAccount(id);
}

/** Runs the provider's cheap call; the answer (or the provider's reason) in words. */
export async function testChannelConnection(db: Db, actor: Actor, id: string): Promise<{ ok: boolean; message: string }> {
  await assertCanChangeSettings(db, actor);
  const channel = await getChannelAccount(db, id);
  const adapter = adapterFor(channel.kind);
  if (!adapter?.testConnection) return { ok: true, message: `${channelLabels[channel.kind]} has no connection test; send a message to try it.` };
  try {
    return { ok: true, message: await adapter.testConnection(channel) };
  } catch (error) {
    return { ok: false, message: error instanceof SendError || error instanceof Error ? error.message : "The provider did not answer." };
  }
}

/** Tells the provider our webhook URL where it has a call for that. */
export async function registerWebhook(db: Db, actor: Actor, id: string, baseUrl: string): Promise<{ ok: boolean; message: string }> {
  await assertCanChangeSettings(db, actor);
  const channel = await getChannelAccount(db, id);
  const adapter = adapterFor(channel.kind);
  if (!adapter?.register) return { ok: true, message: "Paste the webhook URL at the provider." };
  try {
    await adapter.register(channel, webhookUrl(channel, baseUrl));
    return { ok: true, message: `${channelLabels[channel.kind]} now delivers to ${webhookUrl(channel, baseUrl)}.` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "The provider refused the webhook." };
  }
}

export function webhookDetails(channel: Channel, baseUrl: string) {
  const url = webhookUrl(channel, baseUrl);
  return adapterFor(channel.kind)?.webhookDetails?.(channel, url) ?? [{ label: "Webhook URL", value: url }];
}

"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { registerWebhook, saveChannelAccount, setChannelActive, testChannelConnection } from "@/lib/channels/accounts";
import { channelAccountSchema } from "@/lib/channels/accounts.validation";
import { publicBaseUrl } from "@/lib/env";

async function baseUrl(): Promise<string> {
  const explicit = publicBaseUrl();
  if (explicit) return explicit;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

export const saveChannelAction = action(channelAccountSchema, async (input, { user, db }) => {
  const saved = await saveChannelAccount(db, user, input);
  // Where the provider has a registration call, tell it our URL right away; a failure is reported, not fatal.
  const registered = await registerWebhook(db, user, saved.id, await baseUrl());
  return { id: saved.id, registered };
});

const byId = z.object({ id: z.uuid() });

export const setChannelActiveAction = action(byId.extend({ active: z.boolean() }), async ({ id, active }, { user, db }) => {
  await setChannelActive(db, user, id, active);
});

export const testChannelAction = action(byId, async ({ id }, { user, db }) => testChannelConnection(db, user, id));

export const registerWebhookAction = action(byId, async ({ id }, { user, db }) => registerWebhook(db, user, id, await baseUrl()));

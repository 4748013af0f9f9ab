"use server";

import { assertCan } from "@/lib/auth/permissions";
import { action } from "@/lib/actions/safe-action";
import { filterOptions } from "@/lib/conversations/filters-options";
import { loadForAction } from "@/lib/conversations/lifecycle";
import { attentionCount } from "@/lib/conversations/notify";
import { messagesAround } from "@/lib/conversations/search";
import { placeholderValues } from "@/lib/quick-replies/conversation-values";
import { listQuickReplies } from "@/lib/quick-replies/quick-replies";
import { getSettings } from "@/lib/settings";
import { z } from "zod";

// The agent workspace's reads that load on demand (filter choices, quick replies): thin, rules in lib/.

export const filterOptionsAction = action(z.object({}), async (_input, { user, db }) => {
  const settings = await getSettings(db);
  assertCan(user, "conversations.read", settings);
  return filterOptions(db, user, settings);
});

export const messagesAroundAction = action(
  z.object({ conversationId: z.uuid(), messageId: z.uuid(), before: z.coerce.date() }),
  async ({ conversationId, messageId, before }, { user, db }) => {
    await loadForAction(db, user, conversationId, "conversations.read");
    return messagesAround(db, conversationId, messageId, before);
  },
);

/** The quick replies and what their placeholders are filled with in this conversation. */
export const quickRepliesAction = action(z.object({ conversationId: z.uuid() }), async ({ conversationId }, { user, db }) => {
  await loadForAction(db, user, conversationId, "conversations.read");
  const [groups, values] = await Promise.all([listQuickReplies(db), placeholderValues(db, user, conversationId)]);
  return { groups, values };
});

/** The count the tab title and icon carry (lib/conversations/notify.ts). */
export const attentionAction = action(z.object({}), async (_input, { user, db }) => attentionCount(db, user));

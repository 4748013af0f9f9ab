"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { archive, assignTo, loadForAction, moveToTeam, pickUp, reject, release } from "@/lib/conversations/lifecycle";
import { listTeams } from "@/lib/teams";
import { addNote } from "@/lib/conversations/notes";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { addTag, removeTag } from "@/lib/conversations/tags";
import { setBarred } from "@/lib/conversations/barring";
import { getMessages } from "@/lib/conversations/queries";
import { onlineColleagues } from "@/lib/users";
import { sendTemplate, syncTemplates, templatesForConversation } from "@/lib/channels/whatsapp/templates";
import { sendTemplateSchema } from "@/lib/channels/whatsapp/templates.validation";

// Thin by design: parse, then call lib/, where the permission checks and rules live.

const id = z.uuid();
const byConversation = z.object({ conversationId: id });

export const pickUpAction = action(byConversation, async ({ conversationId }, { user, db }) => {
  await pickUp(db, user, conversationId);
});

export const releaseAction = action(byConversation, async ({ conversationId }, { user, db }) => {
  await release(db, user, conversationId);
});

export const rejectAction = action(byConversation, async ({ conversationId }, { user, db }) => {
  await reject(db, user, conversationId);
});

export const archiveAction = action(
  byConversation.extend({ tagIds: z.array(id).max(50).default([]) }),
  async ({ conversationId, tagIds }, { user, db }) => {
    await archive(db, user, conversationId, tagIds);
  },
);

export const assignAction = action(
  byConversation.extend({ toUserId: id, expectedAssigneeId: id.nullable() }),
  async ({ conversationId, toUserId, expectedAssigneeId }, { user, db }) => {
    await assignTo(db, user, conversationId, toUserId, expectedAssigneeId);
  },
);

export const colleaguesAction = action(byConversation, async ({ conversationId }, { user, db }) => {
  const conversation = await loadForAction(db, user, conversationId, "conversation.assign");
  const people = await onlineColleagues(db, conversation.teamId, conversation.assigneeId ?? undefined);
  return people.map(({ id: userId, name, role }) => ({ id: userId, name, role, isMe: userId === user.id }));
});

export const replyAction = action(
  byConversation.extend({
    body: z.string().max(100_000),
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    fileIds: z.array(id).max(10).default([]),
    location: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: z.string().trim().max(200).optional() })
      .optional(),
  }),
  async ({ conversationId, body, clientId, fileIds, location }, { user, db }) => sendReply(db, user, conversationId, { body, clientId, fileIds, location }),
);

export const retryAction = action(z.object({ messageId: id }), async ({ messageId }, { user, db }) => retryMessage(db, user, messageId));

export const addTagAction = action(
  byConversation.extend({ tagId: id.optional(), name: z.string().trim().min(1).max(40).optional() }),
  async ({ conversationId, tagId, name }, { user, db }) => {
    const tag = await addTag(db, user, conversationId, tagId ? { id: tagId } : { name: name ?? "" });
    return { id: tag.id, name: tag.name, color: tag.color };
  },
);

export const removeTagAction = action(byConversation.extend({ tagId: id }), async ({ conversationId, tagId }, { user, db }) => {
  await removeTag(db, user, conversationId, tagId);
});

export const addNoteAction = action(byConversation.extend({ body: z.string().max(10_000) }), async ({ conversationId, body }, { user, db }) => {
  const note = await addNote(db, user, conversationId, body);
  return { id: note.id };
});

export const earlierMessagesAction = action(
  byConversation.extend({ before: z.coerce.date() }),
  async ({ conversationId, before }, { user, db }) => {
    await loadForAction(db, user, conversationId, "conversations.read");
    return getMessages(db, conversationId, { before });
  },
);

export const barAction = action(
  z.object({ identityId: id.optional(), contactId: id.optional(), barred: z.boolean() }).refine((v) => Boolean(v.identityId) !== Boolean(v.contactId), {
    message: "Name one sender or one customer.",
  }),
  async ({ identityId, contactId, barred }, { user, db }) =>
    setBarred(db, user, identityId ? { identityId } : { contactId: contactId! }, barred),
);

export const templatesAction = action(byConversation, async ({ conversationId }, { user, db }) => templatesForConversation(db, user, conversationId));

export const sendTemplateAction = action(sendTemplateSchema, async ({ conversationId, templateId, parameters }, { user, db }) =>
  sendTemplate(db, user, conversationId, { templateId, parameters }),
);

export const syncTemplatesAction = action(z.object({ channelId: id }), async ({ channelId }, { user, db }) => syncTemplates(db, user, channelId));

export const moveToTeamAction = action(byConversation.extend({ teamId: id }), async ({ conversationId, teamId }, { user, db }) => {
  await moveToTeam(db, user, conversationId, teamId);
});

export const teamsAction = action(z.object({}), async (_input, { db }) =>
  (await listTeams(db)).map(({ id: teamId, name }) => ({ id: teamId, name })),
);

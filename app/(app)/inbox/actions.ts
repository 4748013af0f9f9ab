"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { archive, assignTo, loadForAction, pickUp, reject, release } from "@/lib/conversations/lifecycle";
import { addNote } from "@/lib/conversations/notes";
import { retryMessage, sendReply } from "@/lib/conversations/reply";
import { addTag, removeTag } from "@/lib/conversations/tags";
import { getMessages } from "@/lib/conversations/queries";
import { onlineColleagues } from "@/lib/users";

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
  }),
  async ({ conversationId, body, clientId }, { user, db }) => sendReply(db, user, conversationId, { body, clientId }),
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

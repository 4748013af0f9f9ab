"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import {
  createGroup,
  createReply,
  deleteGroup,
  deleteReply,
  editReply,
  renameGroup,
  reorderGroups,
  reorderReplies,
} from "@/lib/quick-replies/quick-replies";
import { editReplySchema, groupSchema, orderSchema, renameGroupSchema, replySchema } from "@/lib/quick-replies/quick-replies.validation";

// Thin by design: parse, then call lib/quick-replies, where the permission check and the rules live.

const id = z.uuid();

export const createGroupAction = action(groupSchema, async (input, { user, db }) => createGroup(db, user, input));

export const renameGroupAction = action(renameGroupSchema, async (input, { user, db }) => {
  await renameGroup(db, user, input);
});

export const deleteGroupAction = action(
  z.object({ groupId: id, expectedReplies: z.number().int().min(0) }),
  async ({ groupId, expectedReplies }, { user, db }) => {
    await deleteGroup(db, user, groupId, expectedReplies);
  },
);

export const reorderGroupsAction = action(z.object({ ids: orderSchema }), async ({ ids }, { user, db }) => {
  await reorderGroups(db, user, ids);
});

export const createReplyAction = action(replySchema, async (input, { user, db }) => createReply(db, user, input));

export const editReplyAction = action(editReplySchema, async (input, { user, db }) => {
  await editReply(db, user, input);
});

export const deleteReplyAction = action(z.object({ replyId: id }), async ({ replyId }, { user, db }) => {
  await deleteReply(db, user, replyId);
});

export const reorderRepliesAction = action(z.object({ groupId: id, ids: orderSchema }), async ({ groupId, ids }, { user, db }) => {
  await reorderReplies(db, user, groupId, ids);
});

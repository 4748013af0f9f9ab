"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { updateServiceSettings } from "@/lib/settings/service";
import { agentsCanCreateTagsSchema } from "@/lib/settings/service.validation";
import { createTag, deleteTag, mergeTags, updateTag } from "@/lib/settings/tags";
import { createTagSchema, mergeTagsSchema, updateTagSchema } from "@/lib/settings/tags.validation";

// Thin by design: parse, then call lib/settings, where the permission checks and rules live.

export const createTagAction = action(createTagSchema, async (input, { user, db }) => {
  const tag = await createTag(db, user, input);
  return { id: tag.id };
});

export const updateTagAction = action(updateTagSchema, async (input, { user, db }) => {
  await updateTag(db, user, input);
});

export const mergeTagsAction = action(mergeTagsSchema, async (input, { user, db }) => mergeTags(db, user, input));

export const deleteTagAction = action(z.object({ tagId: z.uuid() }), async ({ tagId }, { user, db }) => deleteTag(db, user, tagId));

export const setAgentsCanCreateTagsAction = action(agentsCanCreateTagsSchema, async ({ agentsCanCreateTags }, { user, db }) => {
  await updateServiceSettings(db, user, { agentsCanCreateTags });
});

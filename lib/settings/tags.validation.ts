import { z } from "zod";
import { tagColorClasses } from "@/components/conversation/tag-colors";

/** Shared by the tag forms (in the browser) and lib/settings/tags.ts (on the server). */

export const tagName = z.string().trim().min(1, "Enter a name.").max(40, "Use at most 40 characters.");
const tagColor = z.string().refine((c) => c in tagColorClasses, "Choose a colour from the palette.");

export const createTagSchema = z.object({ name: tagName, color: tagColor });
export const updateTagSchema = z.object({ tagId: z.uuid(), name: tagName, color: tagColor });
export const mergeTagsSchema = z
  .object({ sourceId: z.uuid("Choose the tag to merge."), targetId: z.uuid("Choose the tag to keep.") })
  .refine((v) => v.sourceId !== v.targetId, { path: ["targetId"], message: "Choose two different tags." });

export type CreateTagInput = z.input<typeof createTagSchema>;
export type UpdateTagInput = z.input<typeof updateTagSchema>;
export type MergeTagsInput = z.input<typeof mergeTagsSchema>;

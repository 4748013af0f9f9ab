import { z } from "zod";
import { unknownPlaceholders } from "@/lib/quick-replies/placeholders";

/** Shared by the quick-reply forms (in the browser) and lib/quick-replies (on the server). No server imports. */

export const QUICK_REPLY_MAX_LENGTH = 2000;
export const GROUP_NAME_MAX_LENGTH = 20;

/** The name is also the composer shortcut (`!name`), so it is one short word. */
export const groupNameSchema = z
  .string()
  .trim()
  .min(1, "Give the group a name.")
  .max(GROUP_NAME_MAX_LENGTH, `At most ${GROUP_NAME_MAX_LENGTH} characters: it is typed as a shortcut.`)
  .regex(/^[\p{L}\p{N}_-]*$/u, "Letters, digits, - and _ only, no spaces: agents type it after !.");

export const groupSchema = z.object({ name: groupNameSchema });
export const renameGroupSchema = z.object({ groupId: z.uuid(), name: groupNameSchema });

export const replyBodySchema = z
  .string()
  .trim()
  .min(1, "Write the reply.")
  .max(QUICK_REPLY_MAX_LENGTH, `At most ${QUICK_REPLY_MAX_LENGTH.toLocaleString("en")} characters.`)
  .superRefine((body, ctx) => {
    const unknown = unknownPlaceholders(body);
    if (unknown.length) {
      const list = unknown.map((name) => `{{${name}}}`).join(", ");
      ctx.addIssue({ code: "custom", message: `Unknown placeholder${unknown.length > 1 ? "s" : ""} ${list}: pick one from the list.` });
    }
  });

export const replySchema = z.object({ groupId: z.uuid(), body: replyBodySchema });
export const editReplySchema = z.object({ replyId: z.uuid(), body: replyBodySchema });

export type GroupInput = z.input<typeof groupSchema>;
export type ReplyInput = z.input<typeof replySchema>;

/** A new order: every id of the list, each once, first to last. */
export const orderSchema = z.array(z.uuid()).min(1).max(10_000);

"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { addAwayFile, addAwayText, deleteAwayMessage, editAwayText, reorderAwayMessages } from "@/lib/office-hours/away-messages";
import { editAwayTextSchema, newAwayTextSchema } from "@/lib/office-hours/away-messages.validation";
import { MAX_FILE_BYTES } from "@/lib/storage/files";

// Thin by design: parse, then call lib/office-hours, where the permission check and the rules live.

export const addAwayTextAction = action(newAwayTextSchema, async (input, { user, db }) => addAwayText(db, user, input));

export const editAwayTextAction = action(editAwayTextSchema, async (input, { user, db }) => {
  await editAwayText(db, user, input);
});

export const addAwayFileAction = action(
  z.object({
    channelId: z.uuid(),
    file: z
      .instanceof(File, { message: "Choose a file." })
      .refine((f) => f.size > 0, "The file is empty.")
      .refine((f) => f.size <= MAX_FILE_BYTES, "The file is larger than 25 MB."),
  }),
  async ({ channelId, file }, { user, db }) =>
    addAwayFile(db, user, channelId, { name: file.name, mimeType: file.type, data: Buffer.from(await file.arrayBuffer()) }),
);

export const deleteAwayMessageAction = action(z.object({ id: z.uuid() }), async ({ id }, { user, db }) => {
  await deleteAwayMessage(db, user, id);
});

export const reorderAwayMessagesAction = action(
  z.object({ channelId: z.uuid(), ids: z.array(z.uuid()).min(1).max(500) }),
  async ({ channelId, ids }, { user, db }) => {
    await reorderAwayMessages(db, user, channelId, ids);
  },
);

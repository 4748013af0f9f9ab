import { z } from "zod";

/** Shared by the out-of-office form (in the browser) and lib/office-hours/away-messages (on the server). */

export const AWAY_TEXT_MAX_LENGTH = 200;

export const awayTextSchema = z
  .string()
  .trim()
  .min(1, "Write the message.")
  .max(AWAY_TEXT_MAX_LENGTH, `At most ${AWAY_TEXT_MAX_LENGTH} characters.`);

export const newAwayTextSchema = z.object({ channelId: z.uuid(), body: awayTextSchema });
export const editAwayTextSchema = z.object({ messageId: z.uuid(), body: awayTextSchema });

export type AwayTextInput = z.input<typeof newAwayTextSchema>;

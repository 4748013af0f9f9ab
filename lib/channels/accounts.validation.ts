import { z } from "zod";
import { channelKindEnum } from "@/db/schema/enums";

/** The shell of the account form; the kind's own fields are validated by its adapter's `config`. */
export const channelAccountSchema = z.object({
  id: z.uuid().optional(),
  kind: z.enum(channelKindEnum.enumValues),
  name: z.string().trim().min(1, "Give the account a name your team recognises.").max(80, "At most 80 characters."),
  teamId: z.uuid().nullable(),
  config: z.record(z.string(), z.string().max(10_000)),
});

export type ChannelAccountInput = z.input<typeof channelAccountSchema>;

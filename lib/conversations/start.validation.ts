import { z } from "zod";

/**
 * What the start-a-conversation wizard sends (app/(app)/inbox/start). The same schema checks it in the
 * browser and on the server; the rules that need the database are in lib/conversations/start.ts.
 */
export const startSchema = z
  .object({
    channelId: z.uuid("Pick the channel account to write from."),
    /** A contact from the address book, or… */
    contactId: z.uuid().optional(),
    /** …a phone number or e-mail address typed in. */
    address: z.string().trim().max(200).optional(),
    /** Free text, or an approved WhatsApp template with its placeholders. */
    body: z.string().trim().max(20_000).optional(),
    templateId: z.uuid().optional(),
    parameters: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), z.string().max(4096)).default({}),
    /** The wizard's id for this send: a double click or a retried request starts one conversation. */
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  })
  .refine((v) => Boolean(v.contactId) || Boolean(v.address), { message: "Pick a contact or type a number or address.", path: ["address"] })
  .refine((v) => Boolean(v.templateId) || Boolean(v.body), { message: "Write the message.", path: ["body"] });

export type StartInput = z.input<typeof startSchema>;

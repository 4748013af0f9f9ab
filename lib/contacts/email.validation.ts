import { z } from "zod";
import { EMAIL_MAX_FILES, EMAIL_MAX_TEXT, EMAIL_MAX_TOTAL_ATTACHMENT_BYTES } from "@/lib/channels/email/limits";

export { EMAIL_MAX_FILES, EMAIL_MAX_TOTAL_ATTACHMENT_BYTES };

const address = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address."));

/** The "write an e-mail" form, shared by the browser and the route that sends it. */
export const contactEmailSchema = z.object({
  channelId: z.uuid("Pick the address to send from."),
  to: address,
  /** Comma- or semicolon-separated, as people type them. */
  cc: z
    .string()
    .max(2000)
    .transform((value, ctx) => {
      const list = value
        .split(/[,;\s]+/)
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean);
      const bad = list.filter((v) => !z.email().safeParse(v).success);
      if (bad.length) ctx.addIssue({ code: "custom", message: `Not an e-mail address: ${bad.slice(0, 3).join(", ")}` });
      if (list.length > 10) ctx.addIssue({ code: "custom", message: "At most 10 addresses in Cc." });
      return [...new Set(list)];
    }),
  subject: z.string().trim().min(1, "Write a subject.").max(200, "A subject has at most 200 characters."),
  body: z.string().trim().min(1, "Write a message.").max(EMAIL_MAX_TEXT, `A message has at most ${EMAIL_MAX_TEXT.toLocaleString("en")} characters.`),
  close: z.boolean(),
});

export type ContactEmailForm = z.input<typeof contactEmailSchema>;
export type ContactEmailInput = z.output<typeof contactEmailSchema>;

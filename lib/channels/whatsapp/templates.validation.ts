import { z } from "zod";

/** What the template dialog posts; each placeholder's value is checked against the chosen template in lib. */
export const sendTemplateSchema = z.object({
  conversationId: z.uuid(),
  templateId: z.uuid("Pick a template."),
  parameters: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/), z.string().max(4096)).default({}),
});

export type SendTemplateInput = z.input<typeof sendTemplateSchema>;

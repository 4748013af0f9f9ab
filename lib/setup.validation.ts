import { z } from "zod";

/** Shared by the set-up form (in the browser) and its action (on the server). */
export const setupSchema = z
  .object({
    companyName: z.string().trim().min(1, "Enter your company's name.").max(100),
    name: z.string().trim().min(1, "Enter your name.").max(100),
    email: z.string().trim().email("Enter a valid e-mail address.").max(254),
    password: z.string().min(10, "Use at least 10 characters.").max(200),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export type SetupInput = z.infer<typeof setupSchema>;

import { z } from "zod";
import type { FieldSpec } from "@/lib/channels/types";
import { randomToken } from "@/lib/crypto";

/** The two settings every Meta account has: the app secret (signatures) and the verify token (the GET handshake). */
export const metaAppFields: FieldSpec[] = [
  {
    name: "appSecret",
    label: "App secret",
    type: "secret",
    help: "Meta app dashboard → App settings → Basic → App secret. Used to check that webhooks really come from Meta.",
    placeholder: "32 hexadecimal characters",
  },
  {
    name: "verifyToken",
    label: "Verify token",
    type: "text",
    optional: true,
    help: "Leave empty to have one generated. Paste it, with the callback URL shown above, under Webhooks in the Meta app dashboard.",
  },
];

export const metaAppConfig = {
  appSecret: z.string().trim().min(8, "That is too short for an app secret (Meta's are 32 characters).").max(128, "That is too long for an app secret."),
  verifyToken: z
    .string()
    .trim()
    .min(8, "Use at least 8 characters.")
    .max(128, "At most 128 characters.")
    .regex(/^[A-Za-z0-9._~-]+$/, "Use letters, digits and . _ ~ - only (it travels in a URL).")
    .default(() => randomToken(18)),
};

export const digitsId = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, `The ${what} is a long number (digits only).`);

/** What the admin pastes at Meta: the callback URL and the verify token. */
export function metaWebhookDetails(verifyToken: unknown, webhookUrl: string) {
  return [
    { label: "Callback URL", value: webhookUrl },
    ...(typeof verifyToken === "string" && verifyToken ? [{ label: "Verify token", value: verifyToken }] : []),
  ];
}

import { z } from "zod";
import { channelConfig } from "@/lib/channels/config";
import type { Channel, FieldSpec } from "@/lib/channels/types";
import { randomToken } from "@/lib/crypto";

export const emailFields: FieldSpec[] = [
  {
    name: "inboundAddress",
    label: "Inbound address",
    type: "email",
    placeholder: "support@northwind.example",
    help: "The address customers write to. Replies go out from it, so your SMTP account must be allowed to send as it.",
  },
  {
    name: "fromName",
    label: "Sender name",
    type: "text",
    optional: true,
    placeholder: "Northwind Support",
    help: "Shown as the sender of your replies. Left empty, the account's name is used.",
  },
  {
    name: "smtpHost",
    label: "SMTP server",
    type: "text",
    placeholder: "smtp.postmarkapp.com",
    help: "Your mail provider's outgoing server, listed in its SMTP settings.",
  },
  { name: "smtpPort", label: "SMTP port", type: "number", placeholder: "587", help: "Usually 587 (STARTTLS) or 465 (TLS)." },
  {
    name: "smtpSecurity",
    label: "Encryption",
    type: "text",
    optional: true,
    placeholder: "auto",
    help: "auto (TLS on port 465, STARTTLS when the server offers it), tls, starttls (required) or none (only for a relay on your own network).",
  },
  { name: "smtpUser", label: "SMTP user name", type: "text", optional: true, help: "Left empty for a relay that needs no sign-in." },
  { name: "smtpPassword", label: "SMTP password", type: "secret", optional: true, help: "For Postmark, the server API token; for Gmail, an app password." },
  {
    name: "webhookUser",
    label: "Webhook user name",
    type: "text",
    optional: true,
    help: "Protects the inbound webhook. Left empty, one is generated; it is part of the webhook URL shown below.",
  },
  {
    name: "webhookPassword",
    label: "Webhook password",
    type: "secret",
    optional: true,
    help: "Left empty, a strong one is generated. Postmark sends it with every inbound mail (HTTP Basic).",
  },
];

const optionalText = z.string().trim().optional();

/** Letters and digits only, so the credentials sit in the webhook URL without any encoding. */
const urlSafe = /^[A-Za-z0-9._~-]+$/;

export const emailConfig = z.object({
  inboundAddress: z.email("Enter the address customers write to.").transform((v) => v.trim().toLowerCase()),
  fromName: z.string().trim().max(100, "At most 100 characters.").optional(),
  smtpHost: z
    .string()
    .trim()
    .min(1, "Enter your SMTP server.")
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "Enter a host name such as smtp.example.com."),
  smtpPort: z.coerce.number().int("Enter a port number.").min(1, "Enter a port number.").max(65535, "Enter a port number."),
  smtpSecurity: z
    .enum(["auto", "tls", "starttls", "none"], { error: "Write auto, tls, starttls or none." })
    .optional()
    .default("auto"),
  smtpUser: optionalText,
  smtpPassword: optionalText,
  webhookUser: z
    .string()
    .trim()
    .regex(urlSafe, "Use letters, digits, dots, dashes or underscores only.")
    .max(64, "At most 64 characters.")
    .optional()
    .transform((v) => v || `sb-${randomToken(6)}`),
  webhookPassword: z
    .string()
    .trim()
    .regex(urlSafe, "Use letters, digits, dots, dashes or underscores only.")
    .min(16, "Use at least 16 characters (or leave it empty for a generated one).")
    .max(128, "At most 128 characters.")
    .optional()
    .transform((v) => v || randomToken(24)),
});

export type EmailConfig = z.output<typeof emailConfig>;

/** The stored configuration, or null when the account was never set up (e.g. a demo channel). */
export function readEmailConfig(channel: Channel): EmailConfig | null {
  const raw = channelConfig(channel);
  // Generated webhook credentials must come from storage, never from a fresh parse.
  if (!raw.webhookUser || !raw.webhookPassword) return null;
  const parsed = emailConfig.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * The inbound webhook URL with its Basic credentials embedded, as Postmark wants it
 * (`https://user:pass@host/api/webhooks/email/<id>`); Postmark turns them into an Authorization header.
 */
export function emailWebhookUrl(webhookUrl: string, config: Pick<EmailConfig, "webhookUser" | "webhookPassword">): string {
  const url = new URL(webhookUrl);
  url.username = config.webhookUser;
  url.password = config.webhookPassword;
  return url.toString();
}

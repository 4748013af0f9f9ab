import { z } from "zod";
import { newPassword } from "@/lib/settings/profile.validation";

/** Shared by the users / seats forms (in the browser) and lib/settings/users.ts (on the server). */

export const assignableRoles = ["admin", "supervisor", "agent", "watcher"] as const;

export const roleLabels = {
  admin: "Administrator",
  supervisor: "Supervisor",
  agent: "Agent",
  watcher: "Watcher",
  disabled: "Disabled",
} as const;

export const roleDescriptions = {
  admin: "Answers conversations and changes every setting. Takes a seat.",
  supervisor: "Works every team's conversations and reads settings and statistics. Takes a seat.",
  agent: "Answers the conversations of their teams. Takes a seat.",
  watcher: "Reads everything, changes nothing. No seat.",
  disabled: "Cannot sign in. No seat.",
} as const;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum([...assignableRoles, "disabled"], "Choose a role.") });

export const seatsSchema = z.object({
  seats: z.coerce
    .number("Enter a number of seats.")
    .int("Enter a whole number of seats.")
    .min(1, "Keep at least 1 seat.")
    .max(10_000, "Use at most 10,000 seats."),
});

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address.").max(254),
  /** "auto": agent while a seat is free, else watcher — the rule for every new user. */
  role: z.enum(["auto", ...assignableRoles], "Choose a role."),
  teamIds: z.array(z.uuid()).max(50).default([]),
});

export type InviteInput = z.input<typeof inviteSchema>;

/** The invited person's own details on the accept page. */
export const acceptSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    password: newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export type AcceptInput = z.input<typeof acceptSchema>;

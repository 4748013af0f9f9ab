import { z } from "zod";

/** Shared by the team forms (in the browser) and lib/settings/teams.ts (on the server). */

export const teamName = z.string().trim().min(1, "Enter a name.").max(60, "Use at most 60 characters.");

export const createTeamSchema = z.object({ name: teamName });
export const renameTeamSchema = z.object({ teamId: z.uuid(), name: teamName });
export const membershipSchema = z.object({ teamId: z.uuid(), userId: z.uuid("Choose a person.") });
/** `teamId` null routes the account to the default team. */
export const routeSchema = z.object({ channelId: z.uuid(), teamId: z.uuid().nullable() });

export type CreateTeamInput = z.input<typeof createTeamSchema>;
export type RenameTeamInput = z.input<typeof renameTeamSchema>;
export type MembershipInput = z.input<typeof membershipSchema>;
export type RouteInput = z.input<typeof routeSchema>;

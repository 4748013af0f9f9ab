"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { addMember, createTeam, deleteTeam, removeMember, renameTeam, setRoute } from "@/lib/settings/teams";
import { createTeamSchema, membershipSchema, renameTeamSchema, routeSchema } from "@/lib/settings/teams.validation";

// Thin by design: parse, then call lib/settings/teams.ts, where the permission checks and rules live.

export const createTeamAction = action(createTeamSchema, async (input, { user, db }) => {
  const team = await createTeam(db, user, input);
  return { id: team.id };
});

export const renameTeamAction = action(renameTeamSchema, async (input, { user, db }) => {
  await renameTeam(db, user, input);
});

export const deleteTeamAction = action(z.object({ teamId: z.uuid() }), async ({ teamId }, { user, db }) => deleteTeam(db, user, teamId));

export const addMemberAction = action(membershipSchema, async (input, { user, db }) => {
  await addMember(db, user, input);
});

export const removeMemberAction = action(membershipSchema, async (input, { user, db }) => {
  await removeMember(db, user, input);
});

export const setRouteAction = action(routeSchema, async (input, { user, db }) => {
  await setRoute(db, user, input);
});

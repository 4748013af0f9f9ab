"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { addClosedDates, removeClosedDates, saveWeekSchedule } from "@/lib/office-hours/office-hours";
import { closedDatesSchema, weekScheduleSchema } from "@/lib/office-hours/office-hours.validation";

// Thin by design: parse, then call lib/office-hours, where the permission check and the rules live.

export const saveWeekScheduleAction = action(weekScheduleSchema, async (input, { user, db }) => {
  await saveWeekSchedule(db, user, input);
});

export const addClosedDatesAction = action(closedDatesSchema, async (input, { user, db }) => addClosedDates(db, user, input));

export const removeClosedDatesAction = action(z.object({ id: z.uuid() }), async ({ id }, { user, db }) => {
  await removeClosedDates(db, user, id);
});

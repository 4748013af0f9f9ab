"use server";

import { action } from "@/lib/actions/safe-action";
import { setSeats } from "@/lib/settings/users";
import { seatsSchema } from "@/lib/settings/users.validation";

export const setSeatsAction = action(seatsSchema, async (input, { user, db }) => {
  await setSeats(db, user, input);
});

"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { changePassword, removeAvatar, resetTips, updateProfile } from "@/lib/settings/profile";
import { passwordSchema, profileSchema } from "@/lib/settings/profile.validation";

// Thin by design: parse, then call lib/settings/profile.ts, where the permission checks and rules live.

export const updateProfileAction = action(profileSchema, async (input, { user, db }) => {
  const saved = await updateProfile(db, user, input);
  return { theme: saved.theme };
});

export const changePasswordAction = action(passwordSchema, async (input, { user, db }) => {
  await changePassword(db, user, input);
});

export const resetTipsAction = action(z.object({}), async (_input, { user, db }) => {
  await resetTips(db, user);
});

export const removeAvatarAction = action(z.object({}), async (_input, { user, db }) => {
  await removeAvatar(db, user);
});

import { eq } from "drizzle-orm";
import { avatars, files, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import { hit } from "@/lib/rate-limit";
import { getSettings } from "@/lib/settings";
import { parseInput } from "@/lib/settings/guard";
import { withTipsReset } from "@/lib/settings/notifications";
import {
  AVATAR_MAX_BYTES,
  passwordSchema,
  profileSchema,
  type AvatarType,
  type PasswordInput,
  type ProfileInput,
} from "@/lib/settings/profile.validation";
import { canonicalTimeZone } from "@/lib/settings/time-zones";
import { putFile } from "@/lib/storage/files";

async function assertOwnProfile(db: DbOrTx, actor: Actor) {
  assertCan(actor, "profile.change", await getSettings(db));
}

async function storedUser(db: DbOrTx, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new NotFoundError("This user");
  return user;
}

/** Name, language, time zone, theme and notification choices of the signed-in user. */
export async function updateProfile(db: Db, actor: Actor, input: ProfileInput) {
  await assertOwnProfile(db, actor);
  const values = parseInput(profileSchema, input);
  return db.transaction(async (tx) => {
    const before = await storedUser(tx, actor.id);
    const next = {
      name: values.name,
      locale: values.locale,
      timeZone: canonicalTimeZone(values.timeZone) ?? "UTC",
      theme: values.theme,
      // Dismissed tips share the column; they survive a save of the notification choices.
      notifications: { ...before.notifications, ...values.notifications },
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]));
    if (!changed.length) return before;
    const [after] = await tx.update(users).set(next).where(eq(users.id, actor.id)).returning();
    await recordAudit(tx, actor.id, "profile.update", after.name, {
      userId: actor.id,
      changed,
      ...(changed.includes("name") ? { name: { from: before.name, to: after.name } } : {}),
    });
    return after;
  });
}

/** Ten wrong current passwords in 15 minutes and changing is paused: the form must not become a guessing oracle. */
const PASSWORD_ATTEMPTS = 10;
const PASSWORD_WINDOW_SECONDS = 15 * 60;

export async function changePassword(db: Db, actor: Actor, input: PasswordInput): Promise<void> {
  await assertOwnProfile(db, actor);
  const values = parseInput(passwordSchema, input);
  const user = await storedUser(db, actor.id);
  const limit = await hit(db, `password-change:${actor.id}`, PASSWORD_ATTEMPTS, PASSWORD_WINDOW_SECONDS);
  if (!limit.ok) throw new UserError(`Too many attempts. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`);
  if (!(await verifyPassword(user.passwordHash, values.current))) {
    throw new UserError("Your current password is not right.", { current: ["This is not your current password."] });
  }
  if (values.current === values.password) {
    throw new UserError("Choose a new password.", { password: ["The new password is the same as the current one."] });
  }
  const passwordHash = await hashPassword(values.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor.id, "profile.password", user.name, { userId: actor.id });
  });
}

/** Shows every onboarding tip again. */
export async function resetTips(db: Db, actor: Actor): Promise<void> {
  await assertOwnProfile(db, actor);
  await db.transaction(async (tx) => {
    const user = await storedUser(tx, actor.id);
    await tx.update(users).set({ notifications: withTipsReset(user.notifications) }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor.id, "profile.tips-reset", user.name, { userId: actor.id });
  });
}

/** The image type from the file's first bytes: what the browser claims is not trusted. */
export function sniffImageType(data: Buffer): AvatarType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.length >= 12 && data.toString("ascii", 0, 4) === "RIFF" && data.toString("ascii", 8, 12) === "WEBP") return "image/webp";
  return null;
}

export function avatarUrl(userId: string, version: Date): string {
  // The version makes the URL change with the picture, so browsers may cache each URL for good.
  return `/api/avatars/${userId}?v=${version.getTime().toString(36)}`;
}

/** Replaces the signed-in user's picture. */
export async function setAvatar(db: Db, actor: Actor, data: Buffer): Promise<string> {
  await assertOwnProfile(db, actor);
  if (!data.length) throw new UserError("Choose a picture.", { avatar: ["Choose a picture."] });
  if (data.length > AVATAR_MAX_BYTES) throw new UserError("The picture is larger than 1 MB.", { avatar: ["Use a picture of at most 1 MB."] });
  const mimeType = sniffImageType(data);
  if (!mimeType) throw new UserError("Use a PNG, JPEG or WebP picture.", { avatar: ["Use a PNG, JPEG or WebP picture."] });
  return db.transaction(async (tx) => {
    const user = await storedUser(tx, actor.id);
    const [previous] = await tx.select({ fileId: avatars.fileId }).from(avatars).where(eq(avatars.userId, actor.id));
    const file = await putFile(tx, { name: `avatar-${actor.id}.${mimeType.split("/")[1]}`, mimeType, data });
    const now = new Date();
    await tx
      .insert(avatars)
      .values({ userId: actor.id, fileId: file.id, updatedAt: now })
      .onConflictDoUpdate({ target: avatars.userId, set: { fileId: file.id, updatedAt: now } });
    if (previous) await tx.delete(files).where(eq(files.id, previous.fileId));
    const url = avatarUrl(actor.id, now);
    await tx.update(users).set({ avatarUrl: url }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor.id, "profile.avatar", user.name, { userId: actor.id, size: data.length, mimeType });
    return url;
  });
}

export async function removeAvatar(db: Db, actor: Actor): Promise<void> {
  await assertOwnProfile(db, actor);
  await db.transaction(async (tx) => {
    const user = await storedUser(tx, actor.id);
    const [previous] = await tx.delete(avatars).where(eq(avatars.userId, actor.id)).returning({ fileId: avatars.fileId });
    if (previous) await tx.delete(files).where(eq(files.id, previous.fileId));
    await tx.update(users).set({ avatarUrl: null }).where(eq(users.id, actor.id));
    if (previous || user.avatarUrl) await recordAudit(tx, actor.id, "profile.avatar-remove", user.name, { userId: actor.id });
  });
}

/** A user's picture with what the route needs for its caching headers; null when they have none. */
export async function readAvatar(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ data: files.data, mimeType: files.mimeType, sha256: files.sha256, updatedAt: avatars.updatedAt })
    .from(avatars)
    .innerJoin(files, eq(files.id, avatars.fileId))
    .where(eq(avatars.userId, userId));
  return row ?? null;
}

import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, files, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { UserError } from "@/lib/errors";
import { notificationPrefs } from "@/lib/settings/notifications";
import { changePassword, readAvatar, removeAvatar, resetTips, setAvatar, sniffImageType, updateProfile } from "@/lib/settings/profile";
import { makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

const profile = {
  name: "Robin Profile",
  locale: "nl",
  timeZone: "america/new_york",
  theme: "dark" as const,
  notifications: { newConversation: false, assignedToMe: true, customerReplied: true, sound: true },
};

async function fieldErrors(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).fieldErrors ?? {};
}

const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(100)]);

describe("my profile", () => {
  it("saves name, language, a canonical time zone, theme and notifications, keeping dismissed tips", async () => {
    for (const role of ["agent", "watcher", "supervisor", "admin"] as const) {
      const user = await makeUser(db(), role);
      await db().update(users).set({ notifications: { "tip:inbox": true } }).where(eq(users.id, user.id));
      const saved = await updateProfile(db(), user, profile);
      expect(saved).toMatchObject({ name: "Robin Profile", locale: "nl", timeZone: "America/New_York", theme: "dark" });
      expect(saved.notifications).toMatchObject({ "tip:inbox": true, newConversation: false, sound: true });
      expect(notificationPrefs(saved.notifications)).toEqual(profile.notifications);
    }
  });

  it("refuses a bad time zone, an empty name and an unknown language, in their fields", async () => {
    const user = await makeUser(db(), "agent");
    expect((await fieldErrors(updateProfile(db(), user, { ...profile, timeZone: "Mars/Olympus_Mons" }))).timeZone?.[0]).toMatch(/time zone/);
    expect((await fieldErrors(updateProfile(db(), user, { ...profile, name: "   " }))).name?.[0]).toBe("Enter your name.");
    expect((await fieldErrors(updateProfile(db(), user, { ...profile, locale: "xx" }))).locale).toBeDefined();
  });

  it("changes the password only with the right current one, typed twice, and records it without the password", async () => {
    const user = await makeUser(db(), "agent");
    await db().update(users).set({ passwordHash: await hashPassword("the old password") }).where(eq(users.id, user.id));
    expect((await fieldErrors(changePassword(db(), user, { current: "wrong password", password: "a brand new one", confirm: "a brand new one" }))).current?.[0]).toMatch(/not your current/);
    expect((await fieldErrors(changePassword(db(), user, { current: "the old password", password: "a brand new one", confirm: "a brand new 1" }))).confirm?.[0]).toMatch(/do not match/);
    expect((await fieldErrors(changePassword(db(), user, { current: "the old password", password: "short", confirm: "short" }))).password?.[0]).toMatch(/10 characters/);
    await changePassword(db(), user, { current: "the old password", password: "a brand new one", confirm: "a brand new one" });
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row.passwordHash, "a brand new one")).toBe(true);
    const entries = await db().select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(entries.map((e) => e.action)).toContain("profile.password");
    expect(JSON.stringify(entries)).not.toContain("brand new");
  });

  it("resets the onboarding tips", async () => {
    const user = await makeUser(db(), "agent");
    await db().update(users).set({ notifications: { tipsDismissed: true, "tip:composer": true, sound: true } }).where(eq(users.id, user.id));
    await resetTips(db(), user);
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.notifications).toEqual({ sound: true });
  });

  it("stores a picture of at most 1 MB in PNG, JPEG or WebP, judged by its bytes", async () => {
    const user = await makeUser(db(), "agent");
    expect(sniffImageType(Buffer.from("ffd8ffe000104a464946", "hex"))).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("RIFF\0\0\0\0WEBPVP8 ", "ascii"))).toBe("image/webp");
    expect(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect((await fieldErrors(setAvatar(db(), user, Buffer.from("GIF89a....")))).avatar?.[0]).toMatch(/PNG, JPEG or WebP/);
    const big = Buffer.concat([png, Buffer.alloc(1024 * 1024)]);
    expect((await fieldErrors(setAvatar(db(), user, big))).avatar?.[0]).toMatch(/1 MB/);

    const url = await setAvatar(db(), user, png);
    expect(url).toMatch(new RegExp(`^/api/avatars/${user.id}\\?v=`));
    expect((await readAvatar(db(), user.id))?.mimeType).toBe("image/png");
    await setAvatar(db(), user, png);
    // The replaced picture's file is deleted with it.
    expect(await db().select({ id: files.id }).from(files).where(like(files.name, `avatar-${user.id}%`))).toHaveLength(1);
    await removeAvatar(db(), user);
    expect(await readAvatar(db(), user.id)).toBeNull();
    const [row] = await db().select().from(users).where(eq(users.id, user.id));
    expect(row.avatarUrl).toBeNull();
  });
});

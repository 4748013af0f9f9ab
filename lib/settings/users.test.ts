import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, conversationEvents, conversations, users } from "@/db/schema";
import { pickUp } from "@/lib/conversations/lifecycle";
import { UserError } from "@/lib/errors";
import { changeRole, disableUser, listUsers, setSeats } from "@/lib/settings/users";
import { createUser, seatsInUse } from "@/lib/users";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

async function roleOf(id: string) {
  const [row] = await db().select({ role: users.role }).from(users).where(eq(users.id, id));
  return row.role;
}

describe("users, roles and seats", () => {
  it("a new user becomes agent while seats are free and watcher otherwise", async () => {
    const used = await seatsInUse(db());
    await updateSettings(db(), { seats: used + 1 });
    const first = await createUser(db(), { email: "seat-first@example.test", name: "First" });
    const second = await createUser(db(), { email: "seat-second@example.test", name: "Second" });
    expect(first.role).toBe("agent");
    expect(second.role).toBe("watcher");
    await updateSettings(db(), { seats: 1000 });
  });

  it("refuses a role change that would take a seat that is not free, and allows one that frees a seat", async () => {
    const admin = await makeUser(db(), "admin");
    const watcher = await makeUser(db(), "watcher");
    const agent = await makeUser(db(), "agent");
    await updateSettings(db(), { seats: await seatsInUse(db()) });
    const refusal = changeRole(db(), admin, { userId: watcher.id, role: "agent" });
    await expect(refusal).rejects.toThrow(/seats are in use/);
    expect(await roleOf(watcher.id)).toBe("watcher");
    // Agent → supervisor keeps the same seat; agent → watcher frees one, which the watcher may then take.
    await changeRole(db(), admin, { userId: agent.id, role: "supervisor" });
    await changeRole(db(), admin, { userId: agent.id, role: "watcher" });
    await changeRole(db(), admin, { userId: watcher.id, role: "agent" });
    expect(await roleOf(watcher.id)).toBe("agent");
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.role"), eq(auditLog.actorId, admin.id), sql`${auditLog.data}->>'userId' = ${watcher.id}`));
    expect(entry.data).toMatchObject({ from: "watcher", to: "agent" });
    await updateSettings(db(), { seats: 1000 });
  });

  it("never leaves the service without an administrator", async () => {
    const onlyAdminDb = db();
    await onlyAdminDb.update(users).set({ role: "watcher" }).where(eq(users.role, "admin"));
    const admin = await makeUser(onlyAdminDb, "admin");
    await expect(changeRole(onlyAdminDb, admin, { userId: admin.id, role: "agent" })).rejects.toThrow(/only administrator/);
    await expect(disableUser(onlyAdminDb, admin, admin.id)).rejects.toThrow(/your own account/);
  });

  it("refuses a seat count below the seats in use, with a field error", async () => {
    const admin = await makeUser(db(), "admin");
    const used = await seatsInUse(db());
    const error = await setSeats(db(), admin, { seats: used - 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).fieldErrors?.seats?.[0]).toMatch(`${used} seats are in use`);
    await expect(setSeats(db(), admin, { seats: 0 })).rejects.toThrow(UserError);
    await expect(setSeats(db(), admin, { seats: "many" })).rejects.toThrow(UserError);
    await setSeats(db(), admin, { seats: used });
    await setSeats(db(), admin, { seats: 1000 });
  });

  it("disabling a user sends their open conversations back to New with a released event, and leaves closed ones", async () => {
    const admin = await makeUser(db(), "admin");
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent", { online: true });
    const open: string[] = [];
    for (const visitor of ["visitor-disable-0000001", "visitor-disable-0000002"]) {
      const outcome = await customerWrites(db(), channel, visitor, "Hello");
      if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
      await pickUp(db(), agent, outcome.conversationId);
      open.push(outcome.conversationId);
    }
    const closedOutcome = await customerWrites(db(), channel, "visitor-disable-0000003", "Old one");
    if (closedOutcome.type !== "message" || closedOutcome.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, closedOutcome.conversationId);
    await db().update(conversations).set({ status: "closed", closedReason: "archived" }).where(eq(conversations.id, closedOutcome.conversationId));

    const before = (await listUsers(db(), { q: agent.email })).find((u) => u.id === agent.id);
    expect(before).toMatchObject({ role: "agent", online: true, takesSeat: true, openConversations: 2 });
    expect(before?.teams.length).toBe(1);

    await disableUser(db(), admin, agent.id);

    expect(await roleOf(agent.id)).toBe("disabled");
    for (const id of open) {
      const [c] = await db().select().from(conversations).where(eq(conversations.id, id));
      expect(c).toMatchObject({ status: "new", assigneeId: null, assignedAt: null });
      const events = await db().select().from(conversationEvents).where(and(eq(conversationEvents.conversationId, id), eq(conversationEvents.type, "released")));
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({ fromUserId: agent.id, reason: "disabled" });
    }
    const [closed] = await db().select().from(conversations).where(eq(conversations.id, closedOutcome.conversationId));
    expect(closed.assigneeId).toBe(agent.id);
    const listed = (await listUsers(db(), { q: agent.name })).find((u) => u.id === agent.id);
    expect(listed).toMatchObject({ role: "disabled", online: false, takesSeat: false, openConversations: 0 });
  });

  it("searches by name and e-mail, wildcards taken literally", async () => {
    await makeUser(db(), "agent", { name: "Zoë 100% Searchable" });
    expect((await listUsers(db(), { q: "100%" })).map((u) => u.name)).toEqual(["Zoë 100% Searchable"]);
    expect(await listUsers(db(), { q: "1_0" })).toEqual([]);
    expect((await listUsers(db(), { q: "AGENT-" })).length).toBeGreaterThan(0);
  });
});

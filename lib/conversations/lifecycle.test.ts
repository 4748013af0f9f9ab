import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, conversationEvents, conversations, messages } from "@/db/schema";
import { archive, assignTo, closeInactive, moveToTeam, pickUp, reject, release } from "@/lib/conversations/lifecycle";
import { sendReply } from "@/lib/conversations/reply";
import { ensureDefaultTeam } from "@/lib/teams";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

async function conversationOf(id: string) {
  const [row] = await db().select().from(conversations).where(eq(conversations.id, id));
  return row;
}

async function eventTypes(conversationId: string) {
  const rows = await db()
    .select({ type: conversationEvents.type })
    .from(conversationEvents)
    .where(eq(conversationEvents.conversationId, conversationId))
    .orderBy(conversationEvents.id);
  return rows.map((r) => r.type);
}

describe("conversation life cycle", () => {
  it("new → open on pick-up → waiting after a reply → open when the customer writes → closed on archive", async () => {
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const first = await customerWrites(db(), channel, "visitor-life-cycle-0001", "Hello?");
    if (first.result !== "stored") throw new Error("not stored");
    expect((await conversationOf(first.conversationId)).status).toBe("new");

    await pickUp(db(), agent, first.conversationId);
    expect((await conversationOf(first.conversationId)).status).toBe("open");

    await sendReply(db(), agent, first.conversationId, { body: "Hi, how can I help?" });
    const afterReply = await conversationOf(first.conversationId);
    expect(afterReply.status).toBe("waiting");
    expect(afterReply.waitingSince).toBeNull();
    expect(afterReply.firstResponseAt).not.toBeNull();

    const second = await customerWrites(db(), channel, "visitor-life-cycle-0001", "My order is late");
    expect(second.result === "stored" && second.conversationId).toBe(first.conversationId);
    expect((await conversationOf(first.conversationId)).status).toBe("open");

    await archive(db(), agent, first.conversationId);
    const closed = await conversationOf(first.conversationId);
    expect(closed.status).toBe("closed");
    expect(closed.closedReason).toBe("archived");
    expect(await eventTypes(first.conversationId)).toEqual(["created", "assigned", "archived"]);
  });

  it("a customer writing inside the reopen window reopens the conversation, back to its agent", async () => {
    await updateSettings(db(), { reopenWindowHours: 24 });
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const first = await customerWrites(db(), channel, "visitor-reopen-inside-01", "Question");
    if (first.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, first.conversationId);
    await archive(db(), agent, first.conversationId);

    const again = await customerWrites(db(), channel, "visitor-reopen-inside-01", "One more thing");
    expect(again.result === "stored" && again.conversationId).toBe(first.conversationId);
    expect(again.type === "message" && again.result === "stored" && again.reopened).toBe(true);
    const reopened = await conversationOf(first.conversationId);
    expect(reopened.status).toBe("open");
    expect(reopened.assigneeId).toBe(agent.id);
    expect(await eventTypes(first.conversationId)).toContain("reopened");
  });

  it("after the reopen window a new conversation starts", async () => {
    await updateSettings(db(), { reopenWindowHours: 24 });
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const first = await customerWrites(db(), channel, "visitor-reopen-outside1", "Question");
    if (first.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, first.conversationId);
    await archive(db(), agent, first.conversationId);
    await db()
      .update(conversations)
      .set({ closedAt: sql`now() - interval '25 hours'` })
      .where(eq(conversations.id, first.conversationId));

    const later = await customerWrites(db(), channel, "visitor-reopen-outside1", "Hello again");
    if (later.type !== "message" || later.result !== "stored") throw new Error("not stored");
    expect(later.conversationId).not.toBe(first.conversationId);
    expect(later.created).toBe(true);
    expect((await conversationOf(later.conversationId)).status).toBe("new");
    expect((await conversationOf(first.conversationId)).status).toBe("closed");
  });

  it("keeps at most one conversation per contact that is not closed, across the contact's identities", async () => {
    const webchat = await makeChannel(db());
    const other = await makeChannel(db());
    const a = await customerWrites(db(), webchat, "visitor-one-open-00001", "On the website");
    if (a.result !== "stored") throw new Error("not stored");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "visitor-one-open-00001"));
    // A second identity of the same contact (as a merge or a relate would make).
    await db().insert(contactIdentities).values({ contactId: identity.contactId, channelId: other.id, externalId: "second-identity-1" });
    const b = await customerWrites(db(), other, "second-identity-1", "Now from elsewhere");
    expect(b.result === "stored" && b.conversationId).toBe(a.conversationId);
    const open = await db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.contactId, identity.contactId), sql`${conversations.status} <> 'closed'`));
    expect(open).toHaveLength(1);
    // The reply goes back where the customer last wrote.
    expect(open[0].channelId).toBe(other.id);
    // And the database itself refuses a second active conversation.
    const team = await ensureDefaultTeam(db());
    await expect(
      db().insert(conversations).values({ contactId: identity.contactId, teamId: team.id, channelId: webchat.id, status: "new" }),
    ).rejects.toThrow();
  });

  it("when two agents pick up the same conversation at once exactly one gets it and the other is told who", async () => {
    const channel = await makeChannel(db());
    const alice = await makeUser(db(), "agent", { name: "Alice Race" });
    const bob = await makeUser(db(), "agent", { name: "Bob Race" });
    const inbound = await customerWrites(db(), channel, "visitor-concurrent-0001", "Anyone?");
    if (inbound.result !== "stored") throw new Error("not stored");
    const results = await Promise.allSettled([pickUp(db(), alice, inbound.conversationId), pickUp(db(), bob, inbound.conversationId)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (await conversationOf(inbound.conversationId)).assigneeId === alice.id ? "Alice Race" : "Bob Race";
    expect(String(lost[0].reason.message)).toBe(`${winner} has already picked up this conversation.`);
    expect((await eventTypes(inbound.conversationId)).filter((t) => t === "assigned")).toHaveLength(1);
  });

  it("release returns a conversation to New; reject closes one from New only", async () => {
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const one = await customerWrites(db(), channel, "visitor-release-000001", "hi");
    if (one.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, one.conversationId);
    await release(db(), agent, one.conversationId);
    const released = await conversationOf(one.conversationId);
    expect(released.status).toBe("new");
    expect(released.assigneeId).toBeNull();

    await reject(db(), agent, one.conversationId);
    const rejected = await conversationOf(one.conversationId);
    expect(rejected.status).toBe("closed");
    expect(rejected.closedReason).toBe("rejected");

    const two = await customerWrites(db(), channel, "visitor-release-000002", "hi");
    if (two.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, two.conversationId);
    await expect(reject(db(), agent, two.conversationId)).rejects.toThrow("Only conversations in New can be rejected.");
  });

  it("assigns only to colleagues who are online, and a transfer is recorded", async () => {
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent", { online: true });
    const online = await makeUser(db(), "agent", { online: true, name: "Olive Online" });
    const offline = await makeUser(db(), "agent", { name: "Otto Offline" });
    const c = await customerWrites(db(), channel, "visitor-transfer-00001", "hi");
    if (c.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, c.conversationId);
    await expect(assignTo(db(), agent, c.conversationId, offline.id, agent.id)).rejects.toThrow("Otto Offline is not online right now.");
    await assignTo(db(), agent, c.conversationId, online.id, agent.id);
    expect((await conversationOf(c.conversationId)).assigneeId).toBe(online.id);
    expect(await eventTypes(c.conversationId)).toEqual(["created", "assigned", "transferred"]);
    // The previous owner's stale view cannot hand it over again.
    await expect(assignTo(db(), agent, c.conversationId, agent.id, agent.id)).rejects.toThrow();
  });

  it("closes conversations without messages for the inactivity period", async () => {
    await updateSettings(db(), { inactivityCloseHours: 48 });
    const channel = await makeChannel(db());
    const stale = await customerWrites(db(), channel, "visitor-inactive-00001", "hi");
    const fresh = await customerWrites(db(), channel, "visitor-inactive-00002", "hi");
    if (stale.result !== "stored" || fresh.result !== "stored") throw new Error("not stored");
    await db()
      .update(conversations)
      .set({ lastMessageAt: sql`now() - interval '49 hours'` })
      .where(eq(conversations.id, stale.conversationId));
    const closed = await closeInactive(db());
    expect(closed).toContain(stale.conversationId);
    expect(closed).not.toContain(fresh.conversationId);
    expect((await conversationOf(stale.conversationId)).closedReason).toBe("inactive");
    expect(await closeInactive(db())).not.toContain(stale.conversationId);
  });

  it("a double submit of the same reply stores one message", async () => {
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const c = await customerWrites(db(), channel, "visitor-double-enter-01", "hi");
    if (c.result !== "stored") throw new Error("not stored");
    const first = await sendReply(db(), agent, c.conversationId, { body: "Hello", clientId: "client-abc-123" });
    const second = await sendReply(db(), agent, c.conversationId, { body: "Hello", clientId: "client-abc-123" });
    expect(second.messageId).toBe(first.messageId);
    const outbound = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, c.conversationId), eq(messages.direction, "out")));
    expect(outbound).toHaveLength(1);
    expect(outbound[0].status).toBe("sent");
  });

  it("moves a conversation to another team's queue: back to New, unassigned, visible to that team", async () => {
    const { teams } = await import("@/db/schema");
    const { listConversations } = await import("@/lib/conversations/queries");
    const { getSettings } = await import("@/lib/settings");
    const [billing] = await db().insert(teams).values({ name: `Billing ${Date.now()}` }).returning();
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const billingAgent = await makeUser(db(), "agent", { teamIds: [billing.id] });
    const c = await customerWrites(db(), channel, "visitor-move-team-0001", "Question about my invoice");
    if (c.result !== "stored") throw new Error("not stored");
    await pickUp(db(), agent, c.conversationId);
    await moveToTeam(db(), agent, c.conversationId, billing.id);
    const moved = await conversationOf(c.conversationId);
    expect([moved.teamId, moved.assigneeId, moved.status]).toEqual([billing.id, null, "new"]);
    const queue = await listConversations(db(), billingAgent, await getSettings(db()), { view: "new", teamId: billing.id });
    expect(queue.rows.map((r) => r.id)).toContain(c.conversationId);
    expect(await eventTypes(c.conversationId)).toContain("transferred");
    await expect(moveToTeam(db(), agent, c.conversationId, billing.id)).rejects.toThrow();
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contactIdentities, conversations, messages } from "@/db/schema";
import { setBarred } from "@/lib/conversations/barring";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";

const db = setupTestDb();

describe("barring", () => {
  it("drops a barred sender's inbound, closes their conversation as barred, and unbarring restores the flow", async () => {
    const channel = await makeChannel(db(), "whatsapp");
    const agent = await makeUser(db(), "agent");
    const first = await customerWrites(db(), channel, "31600000001", "buy followers now");
    if (first.result !== "stored") throw new Error("not stored");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "31600000001"));

    const barred = await setBarred(db(), agent, { identityId: identity.id }, true);
    expect(barred.closed).toEqual([first.conversationId]);
    const [closed] = await db().select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect([closed.status, closed.closedReason]).toEqual(["closed", "barred"]);

    const dropped = await customerWrites(db(), channel, "31600000001", "still here");
    expect(dropped.result).toBe("dropped");
    expect(await db().select().from(messages).where(eq(messages.body, "still here"))).toHaveLength(0);
    const [afterDrop] = await db().select().from(contactIdentities).where(eq(contactIdentities.id, identity.id));
    expect(afterDrop.droppedCount).toBe(1);

    await setBarred(db(), agent, { identityId: identity.id }, false);
    const back = await customerWrites(db(), channel, "31600000001", "sorry, a real question");
    expect(back.result).toBe("stored");
    // A barred conversation is never reopened: a new one starts.
    expect(back.result === "stored" && back.conversationId).not.toBe(first.conversationId);
  });

  it("bars every identity of a customer at once, and is refused to watchers", async () => {
    const a = await makeChannel(db(), "telegram");
    const b = await makeChannel(db(), "sms");
    const agent = await makeUser(db(), "agent");
    const watcher = await makeUser(db(), "watcher");
    await customerWrites(db(), a, "tg-42", "hi");
    const [identity] = await db().select().from(contactIdentities).where(eq(contactIdentities.externalId, "tg-42"));
    await db().insert(contactIdentities).values({ contactId: identity.contactId, channelId: b.id, externalId: "+15550000042" });
    await expect(setBarred(db(), watcher, { contactId: identity.contactId }, true)).rejects.toThrow();
    const result = await setBarred(db(), agent, { contactId: identity.contactId }, true);
    expect(result.identities).toBe(2);
    expect((await customerWrites(db(), b, "+15550000042", "other channel")).result).toBe("dropped");
  });
});

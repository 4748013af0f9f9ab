import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { awayRepliesSent, conversations, messages, teams } from "@/db/schema";
import { handleWebhook, type Defer } from "@/lib/channels/webhook";
import { issueVisitorToken } from "@/lib/channels/webchat/token";
import { visitorThread } from "@/lib/channels/webchat/visitor";
import type { Channel } from "@/lib/channels/types";
import { addAwayText } from "@/lib/office-hours/away-messages";
import { saveWeekSchedule } from "@/lib/office-hours/office-hours";
import { weekScheduleSchema } from "@/lib/office-hours/office-hours.validation";
import { subscribe } from "@/lib/realtime/hub";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeChannel, makeUser } from "@/test/factories";

const db = setupTestDb();

// Only Date is faked: the team's clock moves, the database and the event loop run as usual.
beforeAll(() => vi.useFakeTimers({ toFake: ["Date"] }));
afterAll(() => vi.useRealTimers());

let admin: CurrentUser;
let seq = 0;

async function teamWithOfficeHours(name: string) {
  const [team] = await db().insert(teams).values({ name, timeZone: "Europe/Amsterdam" }).returning();
  const weekday = { ranges: [{ start: "09:00", end: "17:00" }] };
  const input = weekScheduleSchema.parse({
    teamId: team.id,
    timeZone: "Europe/Amsterdam",
    days: [weekday, weekday, weekday, weekday, weekday, { ranges: [] }, { ranges: [] }],
  });
  await saveWeekSchedule(db(), admin, input);
  return team;
}

/** A visitor writes through the real webhook path; the after-response work is awaited like `after()` would run it. */
async function visitorWrites(channel: Channel, visitor: { visitorId: string; token: string }, text: string) {
  const deferred: Promise<unknown>[] = [];
  const defer: Defer = (task) => void deferred.push(task());
  const body = { visitorId: visitor.visitorId, clientMessageId: `msg-${String(++seq).padStart(8, "0")}`, text };
  const req = new Request(`http://localhost/api/webhooks/webchat/${channel.id}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${visitor.token}` },
    body: JSON.stringify(body),
  });
  const { response, outcomes } = await handleWebhook(db(), req, "webchat", channel.id, defer);
  expect(response.status).toBe(200);
  await Promise.all(deferred);
  const outcome = outcomes[0];
  if (outcome.type !== "message" || outcome.result !== "stored") throw new Error("not stored");
  return outcome.conversationId;
}

async function automaticReplies(conversationId: string) {
  return db()
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "out")))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

describe("out of office", () => {
  beforeAll(async () => {
    admin = await makeUser(db(), "admin");
  });

  it("answers once per closed period, in order, through the web chat, and never inside office hours", async () => {
    const team = await teamWithOfficeHours("Night shift test");
    const channel = await makeChannel(db(), "webchat", { teamId: team.id });
    await addAwayText(db(), admin, { channelId: channel.id, body: "Thanks for writing! We are closed right now." });
    await addAwayText(db(), admin, { channelId: channel.id, body: "We are back Monday to Friday from 9:00 to 17:00 🙂" });
    const visitor = issueVisitorToken(channel.id);
    const published: unknown[] = [];
    const unsubscribe = subscribe([`visitor-${visitor.visitorId}`], (m) => published.push(m));

    // Friday 6 June 2025, 20:30 in Amsterdam: closed until Monday 09:00.
    vi.setSystemTime(new Date("2025-06-06T18:30:00Z"));
    const conversationId = await visitorWrites(channel, visitor, "Hello, is my order on its way?");
    let replies = await automaticReplies(conversationId);
    expect(replies.map((m) => [m.body, m.authorId, m.status, m.payload])).toEqual([
      ["Thanks for writing! We are closed right now.", null, "sent", { automatic: "away" }],
      ["We are back Monday to Friday from 9:00 to 17:00 🙂", null, "sent", { automatic: "away" }],
    ]);
    expect(published).toHaveLength(2);
    // The visitor reads them in their own thread, in order. (Only their order among themselves is checked:
    // the faked clock puts the customer's message in 2025 while the database stamps the replies now.)
    const thread = await visitorThread(db(), channel.id, visitor.visitorId);
    expect(thread.filter((m) => m.direction === "out").map((m) => m.body)).toEqual([
      "Thanks for writing! We are closed right now.",
      "We are back Monday to Friday from 9:00 to 17:00 🙂",
    ]);
    // An automatic reply answers nobody: still new, still waiting, no first response.
    const [conversation] = await db().select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation.status).toBe("new");
    expect(conversation.waitingSince).not.toBeNull();
    expect(conversation.firstResponseAt).toBeNull();
    expect(conversation.assigneeId).toBeNull();

    // Saturday morning, same closed period: nothing more.
    vi.setSystemTime(new Date("2025-06-07T08:00:00Z"));
    await visitorWrites(channel, visitor, "Hello? Anyone?");
    // Monday 10:00, open: nothing.
    vi.setSystemTime(new Date("2025-06-09T08:00:00Z"));
    await visitorWrites(channel, visitor, "Good morning!");
    replies = await automaticReplies(conversationId);
    expect(replies).toHaveLength(2);

    // Monday 20:00, the next closed period: the away messages once more.
    vi.setSystemTime(new Date("2025-06-09T18:00:00Z"));
    await visitorWrites(channel, visitor, "One more question");
    await visitorWrites(channel, visitor, "And another");
    replies = await automaticReplies(conversationId);
    expect(replies).toHaveLength(4);
    const periods = await db().select().from(awayRepliesSent).where(eq(awayRepliesSent.conversationId, conversationId));
    expect(periods.map((p) => p.periodEndsAt.toISOString()).sort()).toEqual(["2025-06-09T07:00:00.000Z", "2025-06-10T07:00:00.000Z"]);
    unsubscribe();
  });

  it("sends one set when two messages of a closed period are handled at the same time", async () => {
    const team = await teamWithOfficeHours("Race test");
    const channel = await makeChannel(db(), "webchat", { teamId: team.id });
    await addAwayText(db(), admin, { channelId: channel.id, body: "Closed for now." });
    const visitor = issueVisitorToken(channel.id);
    vi.setSystemTime(new Date("2025-06-08T12:00:00Z")); // Sunday
    const first = await visitorWrites(channel, visitor, "first");
    await db().delete(awayRepliesSent).where(eq(awayRepliesSent.conversationId, first));
    await db().delete(messages).where(and(eq(messages.conversationId, first), eq(messages.direction, "out")));
    const [a, b] = await Promise.all([visitorWrites(channel, visitor, "second"), visitorWrites(channel, visitor, "third")]);
    expect(a).toBe(first);
    expect(b).toBe(first);
    expect(await automaticReplies(first)).toHaveLength(1);
  });

  it("sends nothing for a channel without away messages, and nothing for an always-open team", async () => {
    const closedTeam = await teamWithOfficeHours("Silent test");
    const silent = await makeChannel(db(), "webchat", { teamId: closedTeam.id });
    const [alwaysOpen] = await db().insert(teams).values({ name: "Always open test", timeZone: "Asia/Kolkata" }).returning();
    const open = await makeChannel(db(), "webchat", { teamId: alwaysOpen.id });
    await addAwayText(db(), admin, { channelId: open.id, body: "We are away." });
    vi.setSystemTime(new Date("2025-06-08T02:00:00Z")); // Sunday night
    expect(await automaticReplies(await visitorWrites(silent, issueVisitorToken(silent.id), "hi"))).toHaveLength(0);
    expect(await automaticReplies(await visitorWrites(open, issueVisitorToken(open.id), "hi"))).toHaveLength(0);
  });
});

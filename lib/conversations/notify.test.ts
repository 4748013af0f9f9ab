import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { teams } from "@/db/schema";
import { afterIngest } from "@/lib/conversations/after-ingest";
import { assignTo, pickUp } from "@/lib/conversations/lifecycle";
import { attentionCount, type PersonalNotice } from "@/lib/conversations/notify";
import { subscribe, type RealtimeMessage } from "@/lib/realtime/hub";
import { userTopic } from "@/lib/realtime/topics";
import type { CurrentUser } from "@/lib/users";
import { customerWrites, makeChannel, makeUser } from "@/test/factories";
import { setupTestDb } from "@/test/db";

const db = setupTestDb();

describe("personal notices for desktop notifications", () => {
  let agent: CurrentUser;
  let colleague: CurrentUser;
  let outsider: CurrentUser;
  let teamId: string;
  const heard: RealtimeMessage[] = [];
  let stop: (() => void) | undefined;

  beforeAll(async () => {
    [{ id: teamId }] = await db().insert(teams).values({ name: "Notices" }).returning({ id: teams.id });
    agent = await makeUser(db(), "agent", { teamIds: [teamId], online: true });
    colleague = await makeUser(db(), "agent", { teamIds: [teamId], online: true });
    outsider = await makeUser(db(), "agent");
  });
  afterEach(() => {
    stop?.();
    heard.length = 0;
  });
  const listen = (...users: CurrentUser[]) => {
    stop = subscribe(
      users.map((u) => userTopic(u.id)),
      (m) => heard.push(m),
    );
  };
  const noticesFor = (user: CurrentUser) => heard.filter((m) => m.topic === userTopic(user.id) && m.event === "notice").map((m) => m.payload as PersonalNotice);

  it("tells the team about a new conversation, and nobody else", async () => {
    const channel = await makeChannel(db(), "webchat", { teamId });
    listen(agent, colleague, outsider);
    const outcome = await customerWrites(db(), channel, "visitor-notice-0001", "Hello, anyone there?", { profileName: "Nina Notice" });
    await afterIngest(db(), [outcome]);
    expect(noticesFor(agent)).toEqual([expect.objectContaining({ kind: "newConversation", customer: "Nina Notice", preview: "Hello, anyone there?" })]);
    expect(noticesFor(colleague)).toHaveLength(1);
    expect(noticesFor(outsider)).toHaveLength(0);
  });

  it("tells the agent when their customer writes again, and when a colleague hands them a conversation", async () => {
    const channel = await makeChannel(db(), "webchat", { teamId });
    const first = await customerWrites(db(), channel, "visitor-notice-0002", "First");
    if (first.type !== "message" || first.result !== "stored") throw new Error("not stored");
    await pickUp(db(), colleague, first.conversationId);
    listen(agent, colleague);
    const again = await customerWrites(db(), channel, "visitor-notice-0002", "Second");
    await afterIngest(db(), [again]);
    expect(noticesFor(colleague)).toEqual([expect.objectContaining({ kind: "customerReplied", conversationId: first.conversationId })]);
    expect(noticesFor(agent)).toHaveLength(0);

    await assignTo(db(), colleague, first.conversationId, agent.id, colleague.id);
    expect(noticesFor(agent)).toEqual([expect.objectContaining({ kind: "assignedToMe", conversationId: first.conversationId })]);
  });

  it("counts what needs the person: New in their teams and their conversations waiting for an answer", async () => {
    const before = await attentionCount(db(), agent);
    const channel = await makeChannel(db(), "webchat", { teamId });
    await customerWrites(db(), channel, "visitor-notice-0003", "Waiting in New");
    expect(await attentionCount(db(), agent)).toBe(before + 1);
    expect(await attentionCount(db(), outsider)).toBe(0);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { contacts, conversations, channels, teams } from "@/db/schema";
import type { ServiceSettings } from "@/lib/auth/permissions";
import { issueVisitorToken } from "@/lib/channels/webchat/token";
import { canSubscribeAll, canSubscribeUser, canSubscribeVisitor } from "@/lib/realtime/access";
import {
  conversationTopic,
  inboxTopic,
  parseTopic,
  pusherChannelName,
  topicFromPusherChannel,
  userTopic,
  visitorTopic,
} from "@/lib/realtime/topics";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { createUser, loadCurrentUser, type CurrentUser } from "@/lib/users";
import type { Role } from "@/lib/auth/permissions";
import { setupTestDb } from "@/test/db";

process.env.AUTH_SECRET ??= "realtime-test-secret";

const someId = "0b0f7a43-3f0c-4c6f-9a57-6a1f4d0c1a11";

describe("topic names", () => {
  it("parses the four kinds and nothing else", () => {
    expect(parseTopic(inboxTopic)).toEqual({ kind: "inbox" });
    expect(parseTopic(conversationTopic(someId))).toEqual({ kind: "conversation", id: someId });
    expect(parseTopic(userTopic(someId))).toEqual({ kind: "user", id: someId });
    expect(parseTopic(visitorTopic("AbCdEfGhIjKlMnOpQrSt_-"))).toEqual({ kind: "visitor", id: "AbCdEfGhIjKlMnOpQrSt_-" });
    for (const bad of ["", "inbox-1", "conversation-", "conversation-42", "user-x;drop", "visitor-a.b", "private-inbox", "team-1"]) {
      expect(parseTopic(bad)).toBeNull();
    }
  });

  it("maps to private Pusher channels and back", () => {
    expect(pusherChannelName(inboxTopic)).toBe("private-inbox");
    expect(topicFromPusherChannel("private-inbox")).toBe("inbox");
    expect(topicFromPusherChannel(`private-${conversationTopic(someId)}`)).toBe(conversationTopic(someId));
    expect(topicFromPusherChannel("inbox")).toBeNull();
    expect(topicFromPusherChannel("presence-inbox")).toBeNull();
    expect(topicFromPusherChannel("private-whatever")).toBeNull();
  });
});

describe("who may follow a topic", () => {
  const db = setupTestDb();
  let settings: ServiceSettings;
  let teamB: string;
  let conversationInB: string;
  let conversationAssigned: string;
  const people = {} as Record<"admin" | "agentA" | "agentB" | "watcher" | "disabled", CurrentUser>;

  async function person(role: Role, teamIds: string[]): Promise<CurrentUser> {
    const user = await createUser(db(), { email: `${role}-${teamIds.join("")}-${Math.random()}@example.test`, name: role, role, teamIds });
    return (await loadCurrentUser(db(), user.id))!;
  }

  beforeAll(async () => {
    settings = await getSettings(db());
    await ensureDefaultTeam(db());
    [{ id: teamB }] = await db().insert(teams).values({ name: "Billing" }).returning();
    people.admin = await person("admin", []);
    people.agentA = await person("agent", []);
    people.agentB = await person("agent", [teamB]);
    people.watcher = await person("watcher", []);
    people.disabled = await person("disabled", []);
    const [channel] = await db().insert(channels).values({ kind: "webchat", name: "Site" }).returning();
    const [c1, c2] = await db().insert(contacts).values([{ name: "Ann" }, { name: "Bob" }]).returning();
    [{ id: conversationInB }] = await db()
      .insert(conversations)
      .values({ contactId: c1.id, teamId: teamB, channelId: channel.id })
      .returning();
    [{ id: conversationAssigned }] = await db()
      .insert(conversations)
      .values({ contactId: c2.id, teamId: teamB, channelId: channel.id, assigneeId: people.agentA.id, status: "open" })
      .returning();
  });

  it("inbox: every role that reads conversations", async () => {
    for (const who of [people.admin, people.agentA, people.watcher]) {
      expect(await canSubscribeUser(db(), who, settings, inboxTopic)).toBe(true);
    }
    expect(await canSubscribeUser(db(), people.disabled, settings, inboxTopic)).toBe(false);
  });

  it("user-<id>: only that user", async () => {
    expect(await canSubscribeUser(db(), people.agentA, settings, userTopic(people.agentA.id))).toBe(true);
    expect(await canSubscribeUser(db(), people.admin, settings, userTopic(people.agentA.id))).toBe(false);
  });

  it("conversation-<id>: whoever may see the conversation", async () => {
    const topic = conversationTopic(conversationInB);
    expect(await canSubscribeUser(db(), people.admin, settings, topic)).toBe(true);
    expect(await canSubscribeUser(db(), people.watcher, settings, topic)).toBe(true);
    expect(await canSubscribeUser(db(), people.agentB, settings, topic)).toBe(true);
    expect(await canSubscribeUser(db(), people.agentA, settings, topic)).toBe(false);
    expect(await canSubscribeUser(db(), people.agentA, { ...settings, agentsCanSeeAll: true }, topic)).toBe(true);
    // Assigned to them, though in another team.
    expect(await canSubscribeUser(db(), people.agentA, settings, conversationTopic(conversationAssigned))).toBe(true);
    expect(await canSubscribeUser(db(), people.admin, settings, conversationTopic(someId))).toBe(false);
    expect(await canSubscribeUser(db(), people.admin, settings, "conversation-not-a-uuid")).toBe(false);
  });

  it("visitor topics: never for users; for a visitor only their own, on the token's channel", async () => {
    const channelId = someId;
    const { visitorId, token } = issueVisitorToken(channelId);
    expect(await canSubscribeUser(db(), people.admin, settings, visitorTopic(visitorId))).toBe(false);
    expect(canSubscribeVisitor(channelId, token, visitorTopic(visitorId))).toBe(true);
    expect(canSubscribeVisitor(channelId, token, visitorTopic(issueVisitorToken(channelId).visitorId))).toBe(false);
    expect(canSubscribeVisitor(conversationInB, token, visitorTopic(visitorId))).toBe(false);
    expect(canSubscribeVisitor(channelId, `${token}x`, visitorTopic(visitorId))).toBe(false);
    expect(canSubscribeVisitor(channelId, null, visitorTopic(visitorId))).toBe(false);
    expect(canSubscribeVisitor(channelId, token, inboxTopic)).toBe(false);
  });

  it("a set of topics is allowed only when every one is", async () => {
    const subscriber = { kind: "user" as const, db: db(), user: people.agentA, settings };
    expect(await canSubscribeAll(subscriber, [inboxTopic, userTopic(people.agentA.id)])).toBe(true);
    expect(await canSubscribeAll(subscriber, [inboxTopic, conversationTopic(conversationInB)])).toBe(false);
  });
});

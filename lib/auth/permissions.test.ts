import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages, notes } from "@/db/schema";
import { allActions, can, type Action, type Actor, type Role, type ServiceSettings } from "@/lib/auth/permissions";
import { archive, assignTo, pickUp, reject, release } from "@/lib/conversations/lifecycle";
import { addNote } from "@/lib/conversations/notes";
import { listConversations } from "@/lib/conversations/queries";
import { sendReply } from "@/lib/conversations/reply";
import { addTag } from "@/lib/conversations/tags";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { setupTestDb } from "@/test/db";
import { customerWrites, makeChannel, makeUser, updateSettings } from "@/test/factories";

const db = setupTestDb();

const settings = (overrides: Partial<ServiceSettings> = {}): ServiceSettings => ({
  id: 1,
  companyName: "Test",
  seats: 10,
  planStartedAt: new Date(),
  agentsCanCreateTags: true,
  agentsCanMerge: false,
  agentsCanSeeAll: false,
  agentsCanExport: false,
  inactivityCloseHours: 72,
  reopenWindowHours: 24,
  retentionDays: null,
  defaultRegion: "US",
  responseTargetMinutes: 60,
  ...overrides,
});

const actor = (role: Role, teamIds = ["team-a"]): Actor => ({ id: `user-${role}`, role, teamIds });

// The table of DESIGN.md, written out independently of lib/auth/permissions.ts.
const Y = true;
const N = false;
const expected: Record<Action, Record<Role, boolean>> = {
  "conversations.read": { admin: Y, supervisor: Y, agent: Y, watcher: Y, disabled: N },
  "conversation.pickup": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.reply": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.start": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.tag": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.note": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.archive": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.assign": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.release": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.reject": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.export": { admin: Y, supervisor: Y, agent: N, watcher: Y, disabled: N },
  "tag.create": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "conversation.bar": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "contacts.read": { admin: Y, supervisor: Y, agent: Y, watcher: Y, disabled: N },
  "contacts.import": { admin: Y, supervisor: Y, agent: N, watcher: N, disabled: N },
  "contacts.export": { admin: Y, supervisor: Y, agent: N, watcher: Y, disabled: N },
  "contact.edit": { admin: Y, supervisor: Y, agent: Y, watcher: N, disabled: N },
  "contact.merge": { admin: Y, supervisor: Y, agent: N, watcher: N, disabled: N },
  "contact.block": { admin: Y, supervisor: Y, agent: N, watcher: N, disabled: N },
  "contact.delete": { admin: Y, supervisor: Y, agent: N, watcher: N, disabled: N },
  "contact.download": { admin: Y, supervisor: Y, agent: N, watcher: N, disabled: N },
  "statistics.read": { admin: Y, supervisor: Y, agent: N, watcher: Y, disabled: N },
  "statistics.export": { admin: Y, supervisor: Y, agent: N, watcher: Y, disabled: N },
  "settings.read": { admin: Y, supervisor: Y, agent: N, watcher: Y, disabled: N },
  "settings.change": { admin: Y, supervisor: N, agent: N, watcher: N, disabled: N },
  "audit.read": { admin: Y, supervisor: N, agent: N, watcher: N, disabled: N },
  "profile.change": { admin: Y, supervisor: Y, agent: Y, watcher: Y, disabled: N },
};
const roles: Role[] = ["admin", "supervisor", "agent", "watcher", "disabled"];

describe("the permission table", () => {
  it("covers every action", () => {
    expect(new Set(allActions)).toEqual(new Set(Object.keys(expected)));
  });

  for (const action of Object.keys(expected) as Action[]) {
    for (const role of roles) {
      it(`${role} ${expected[action][role] ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action, settings())).toBe(expected[action][role]);
      });
    }
  }

  it("follows the service settings for agents", () => {
    expect(can(actor("agent"), "tag.create", settings({ agentsCanCreateTags: false }))).toBe(false);
    expect(can(actor("agent"), "contact.merge", settings({ agentsCanMerge: true }))).toBe(true);
    expect(can(actor("agent"), "conversation.export", settings({ agentsCanExport: true }))).toBe(true);
  });

  it("limits agents to their own teams unless they may see all", () => {
    const elsewhere = { teamId: "team-b", assigneeId: null, status: "new" };
    const mine = { teamId: "team-b", assigneeId: "user-agent", status: "open" };
    expect(can(actor("agent"), "conversations.read", settings(), elsewhere)).toBe(false);
    expect(can(actor("agent"), "conversations.read", settings(), mine)).toBe(true);
    expect(can(actor("agent"), "conversations.read", settings({ agentsCanSeeAll: true }), elsewhere)).toBe(true);
    expect(can(actor("supervisor", []), "conversations.read", settings(), elsewhere)).toBe(true);
    expect(can(actor("watcher", []), "conversations.read", settings(), elsewhere)).toBe(true);
  });

  it("lets an agent answer, hand over and archive only their own or unassigned conversations", () => {
    const colleagues = { teamId: "team-a", assigneeId: "someone-else", status: "open" };
    for (const action of ["conversation.reply", "conversation.assign", "conversation.release", "conversation.archive"] as const) {
      expect(can(actor("agent"), action, settings(), colleagues)).toBe(false);
      expect(can(actor("supervisor"), action, settings(), colleagues)).toBe(true);
      expect(can(actor("agent"), action, settings(), { ...colleagues, assigneeId: null })).toBe(true);
    }
    expect(can(actor("agent"), "conversation.note", settings(), colleagues)).toBe(true);
  });
});

describe("enforcement on the server", () => {
  it("refuses every conversation action of a watcher and stores nothing", async () => {
    const channel = await makeChannel(db());
    const watcher = await makeUser(db(), "watcher");
    const c = await customerWrites(db(), channel, "visitor-watcher-refused", "Hello");
    if (c.result !== "stored") throw new Error("not stored");
    await expect(sendReply(db(), watcher, c.conversationId, { body: "I should not be able to say this" })).rejects.toThrow(
      "Your role does not allow this.",
    );
    await expect(pickUp(db(), watcher, c.conversationId)).rejects.toThrow();
    await expect(addNote(db(), watcher, c.conversationId, "note")).rejects.toThrow();
    await expect(addTag(db(), watcher, c.conversationId, { name: "sneaky" })).rejects.toThrow();
    await expect(archive(db(), watcher, c.conversationId)).rejects.toThrow();
    await expect(reject(db(), watcher, c.conversationId)).rejects.toThrow();
    const stored = await db().select().from(messages).where(eq(messages.conversationId, c.conversationId));
    expect(stored.map((m) => m.direction)).toEqual(["in"]);
    expect(await db().select().from(notes).where(eq(notes.conversationId, c.conversationId))).toHaveLength(0);
  });

  it("hides other teams' conversations from agents, in lists and in actions", async () => {
    const defaultTeam = await ensureDefaultTeam(db());
    const [sales] = await db()
      .insert((await import("@/db/schema")).teams)
      .values({ name: `Sales ${Date.now()}` })
      .returning();
    const salesChannel = await makeChannel(db(), "webchat", { teamId: sales.id });
    const outsider = await makeUser(db(), "agent");
    const insider = await makeUser(db(), "agent", { teamIds: [sales.id] });
    const c = await customerWrites(db(), salesChannel, "visitor-team-scope-001", "For sales");
    if (c.result !== "stored") throw new Error("not stored");
    const s = await getSettings(db());
    const outsiderView = await listConversations(db(), outsider, s, { view: "all" });
    const insiderView = await listConversations(db(), insider, s, { view: "new" });
    expect(outsiderView.rows.map((r) => r.id)).not.toContain(c.conversationId);
    expect(insiderView.rows.map((r) => r.id)).toContain(c.conversationId);
    await expect(pickUp(db(), outsider, c.conversationId)).rejects.toThrow("team you are not in");
    expect(outsider.teamIds).toEqual([defaultTeam.id]);
  });

  it("refuses to create a tag inline when agents may not create tags, but allows existing ones", async () => {
    await updateSettings(db(), { agentsCanCreateTags: false });
    const channel = await makeChannel(db());
    const agent = await makeUser(db(), "agent");
    const admin = await makeUser(db(), "admin");
    const c = await customerWrites(db(), channel, "visitor-tag-create-001", "Hi");
    if (c.result !== "stored") throw new Error("not stored");
    await expect(addTag(db(), agent, c.conversationId, { name: "brand-new-tag" })).rejects.toThrow("Creating tags is switched off");
    const created = await addTag(db(), admin, c.conversationId, { name: "brand-new-tag" });
    await addTag(db(), agent, c.conversationId, { name: "Brand-New-Tag" });
    expect(created.name).toBe("brand-new-tag");
    await updateSettings(db(), { agentsCanCreateTags: true });
  });

  it("refuses an agent's actions on a colleague's conversation", async () => {
    const channel = await makeChannel(db());
    const owner = await makeUser(db(), "agent", { online: true });
    const other = await makeUser(db(), "agent", { online: true });
    const c = await customerWrites(db(), channel, "visitor-colleague-0001", "Hi");
    if (c.result !== "stored") throw new Error("not stored");
    await pickUp(db(), owner, c.conversationId);
    await expect(sendReply(db(), other, c.conversationId, { body: "butting in" })).rejects.toThrow("assigned to a colleague");
    await expect(release(db(), other, c.conversationId)).rejects.toThrow("assigned to a colleague");
    await expect(assignTo(db(), other, c.conversationId, other.id, owner.id)).rejects.toThrow("assigned to a colleague");
  });
});

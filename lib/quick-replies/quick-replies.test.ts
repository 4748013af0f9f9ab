import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, quickReplies } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/permissions";
import { UserError } from "@/lib/errors";
import { fill, parts, unknownPlaceholders } from "@/lib/quick-replies/placeholders";
import {
  createGroup,
  createReply,
  deleteGroup,
  deleteReply,
  editReply,
  listQuickReplies,
  renameGroup,
  reorderGroups,
  reorderReplies,
} from "@/lib/quick-replies/quick-replies";
import { groupSchema, replySchema } from "@/lib/quick-replies/quick-replies.validation";
import type { CurrentUser } from "@/lib/users";
import { setupTestDb } from "@/test/db";
import { makeUser } from "@/test/factories";

const db = setupTestDb();
const GROUP = "00000000-0000-4000-8000-000000000001";

let admin: CurrentUser;
beforeAll(async () => {
  admin = await makeUser(db(), "admin");
});

function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("placeholders", () => {
  const values = { customer_first: "Maria", customer_name: "Maria Jansen", agent_first: "Niek", conversation_number: 1042, company: "" };

  it("fills known placeholders and keeps line breaks, emoji and links as written", () => {
    const text = "Hi {{customer_first}} 👋\n\nI'm {{ agent_first }} — see https://example.test/returns?x={{conversation_number}}";
    expect(fill(text, values)).toEqual({
      text: "Hi Maria 👋\n\nI'm Niek — see https://example.test/returns?x=1042",
      missing: [],
    });
  });

  it("leaves placeholders without a value in place and lists each once", () => {
    const result = fill("{{customer_last}}, {{customer_last}} at {{company}} ({{mood}})", values);
    expect(result.text).toBe("{{customer_last}}, {{customer_last}} at {{company}} ({{mood}})");
    expect(result.missing).toEqual(["customer_last", "company", "mood"]);
    expect(parts("Dear {{customer_first}}!", values)).toEqual([
      { kind: "text", text: "Dear " },
      { kind: "value", name: "customer_first", text: "Maria" },
      { kind: "text", text: "!" },
    ]);
  });

  it("names unknown placeholders, and leaves single braces alone", () => {
    expect(unknownPlaceholders("{{customer_first}} {{first_name}} {{ Agent_First }} {single} {{first_name}}")).toEqual(["first_name", "Agent_First"]);
    expect(unknownPlaceholders("no placeholders {here}")).toEqual([]);
  });
});

describe("quick replies: validation", () => {
  it("refuses over-long replies and unknown placeholders, keeps emoji and line breaks", () => {
    expect(errors(replySchema.safeParse({ groupId: GROUP, body: "x".repeat(2001) }))).toEqual({ body: "At most 2,000 characters." });
    expect(errors(replySchema.safeParse({ groupId: GROUP, body: "Hi {{customer_firstname}}, {{agent}}" }))).toEqual({
      body: "Unknown placeholders {{customer_firstname}}, {{agent}}: pick one from the list.",
    });
    expect(errors(replySchema.safeParse({ groupId: GROUP, body: "  \n " }))).toEqual({ body: "Write the reply." });
    const ok = replySchema.parse({ groupId: GROUP, body: "Thanks! 🎉\n\nRegards,\n{{agent_first}}\n" });
    expect(ok.body).toBe("Thanks! 🎉\n\nRegards,\n{{agent_first}}");
    expect(replySchema.safeParse({ groupId: GROUP, body: "x".repeat(2000) }).success).toBe(true);
  });

  it("keeps group names to one short word, as they are typed after !", () => {
    expect(groupSchema.parse({ name: " returns " }).name).toBe("returns");
    expect(groupSchema.safeParse({ name: "WA2" }).success).toBe(true);
    expect(groupSchema.safeParse({ name: "bestellingen_NL" }).success).toBe(true);
    expect(errors(groupSchema.safeParse({ name: "two words" }))).toEqual({ name: "Letters, digits, - and _ only, no spaces: agents type it after !." });
    expect(errors(groupSchema.safeParse({ name: "x".repeat(21) }))).toEqual({ name: "At most 20 characters: it is typed as a shortcut." });
    expect(errors(groupSchema.safeParse({ name: "" }))).toEqual({ name: "Give the group a name." });
  });
});

describe("quick replies: groups and replies", () => {
  it("creates, renames, reorders and deletes groups, with unique names whatever the case", async () => {
    const order = await createGroup(db(), admin, { name: "order" });
    const returns = await createGroup(db(), admin, { name: "returns" });
    const greet = await createGroup(db(), admin, { name: "greet" });
    const taken = createGroup(db(), admin, { name: "Order" });
    await expect(taken).rejects.toBeInstanceOf(UserError);
    await expect(taken).rejects.toMatchObject({ fieldErrors: { name: ["!Order is taken: pick another name."] } });
    await expect(renameGroup(db(), admin, { groupId: greet.id, name: "RETURNS" })).rejects.toMatchObject({
      fieldErrors: { name: ["!RETURNS is taken: pick another name."] },
    });

    await renameGroup(db(), admin, { groupId: greet.id, name: "hello" });
    await reorderGroups(db(), admin, [greet.id, order.id, returns.id]);
    expect((await listQuickReplies(db())).map((g) => g.name)).toEqual(["hello", "order", "returns"]);
    await expect(reorderGroups(db(), admin, [greet.id, order.id])).rejects.toThrow("changed in the meantime");

    await createReply(db(), admin, { groupId: returns.id, body: "Send it back within 30 days." });
    await createReply(db(), admin, { groupId: returns.id, body: "Here is your label, {{customer_first}}." });
    // The admin confirmed "1 reply" but there are 2: refused, nothing deleted.
    await expect(deleteGroup(db(), admin, returns.id, 1)).rejects.toThrow("now holds 2 replies");
    await deleteGroup(db(), admin, returns.id, 2);
    expect((await listQuickReplies(db())).map((g) => g.name)).toEqual(["hello", "order"]);
    expect(await db().select().from(quickReplies).where(eq(quickReplies.groupId, returns.id))).toEqual([]);

    const actions = (await db().select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    for (const a of ["quick-reply-group.create", "quick-reply-group.rename", "quick-reply-group.reorder", "quick-reply-group.delete"]) {
      expect(actions).toContain(a);
    }
  });

  it("keeps any number of replies per group in order: add, edit, reorder, delete", async () => {
    const group = await createGroup(db(), admin, { name: "many" });
    const created = [];
    for (let i = 0; i < 30; i++) created.push(await createReply(db(), admin, { groupId: group.id, body: `Reply ${i}` }));
    const reversed = created.map((r) => r.id).reverse();
    await reorderReplies(db(), admin, group.id, reversed);
    await editReply(db(), admin, { replyId: created[29].id, body: "Last became first\nwith a second line 🙂" });
    await deleteReply(db(), admin, created[0].id);
    const [listed] = (await listQuickReplies(db())).filter((g) => g.id === group.id);
    expect(listed.replies).toHaveLength(29);
    expect(listed.replies[0].body).toBe("Last became first\nwith a second line 🙂");
    expect(listed.replies[28].body).toBe("Reply 1");
    expect(listed.replies.map((r) => r.position)).toEqual([...Array(30).keys()].slice(0, 29));
  });
});

describe("quick replies: permissions", () => {
  it("refuses every change to supervisors, agents and watchers, who may still read them", async () => {
    const group = await createGroup(db(), admin, { name: "guarded" });
    const reply = await createReply(db(), admin, { groupId: group.id, body: "Guarded" });
    const changes = [
      (u: CurrentUser) => createGroup(db(), u, { name: "intruder" }),
      (u: CurrentUser) => renameGroup(db(), u, { groupId: group.id, name: "renamed" }),
      (u: CurrentUser) => reorderGroups(db(), u, [group.id]),
      (u: CurrentUser) => deleteGroup(db(), u, group.id, 1),
      (u: CurrentUser) => createReply(db(), u, { groupId: group.id, body: "Nope" }),
      (u: CurrentUser) => editReply(db(), u, { replyId: reply.id, body: "Nope" }),
      (u: CurrentUser) => reorderReplies(db(), u, group.id, [reply.id]),
      (u: CurrentUser) => deleteReply(db(), u, reply.id),
    ];
    for (const role of ["supervisor", "agent", "watcher"] as const) {
      const user = await makeUser(db(), role);
      for (const change of changes) await expect(change(user)).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [guarded] = (await listQuickReplies(db())).filter((g) => g.id === group.id);
    expect(guarded).toMatchObject({ name: "guarded", replies: [{ body: "Guarded" }] });
  });
});

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts, mulberry32, seed, type SeedSummary } from "@/db/seed";
import type { Db } from "@/lib/db/client";
import { rows } from "@/lib/db/rows";
import { findUserByEmail } from "@/lib/users";
import { createTestDb } from "@/test/db";

// A fixed clock, so the figures below do not depend on the day the suite runs.
const now = new Date("2026-03-18T10:30:00Z");

type Handle = Awaited<ReturnType<typeof createTestDb>>;

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await rows<T>(db, query);
  return row;
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  return Number((await one<{ n: number | string }>(db, query)).n);
}

describe("seed", () => {
  let handle: Handle;
  let summary: SeedSummary;
  let db: Db;

  beforeAll(async () => {
    handle = await createTestDb();
    db = handle.db;
    summary = await seed(db, { now });
  }, 60_000);

  afterAll(async () => {
    await handle?.drop();
  });

  it("reports what it wrote, in the expected ranges", async () => {
    expect(summary.users).toBe(6);
    expect(summary.teams).toBe(3);
    expect(summary.channels).toBe(8);
    expect(summary.contacts).toBeGreaterThanOrEqual(140);
    expect(summary.contacts).toBeLessThanOrEqual(170);
    expect(summary.conversations).toBeGreaterThanOrEqual(270);
    expect(summary.conversations).toBeLessThanOrEqual(330);
    expect(summary.messages).toBeGreaterThanOrEqual(summary.conversations * 2);
    expect(summary.messages).toBeLessThanOrEqual(summary.conversations * 14);

    expect(await count(db, sql`select count(*) as n from users`)).toBe(summary.users);
    expect(await count(db, sql`select count(*) as n from teams`)).toBe(summary.teams);
    expect(await count(db, sql`select count(*) as n from channels`)).toBe(summary.channels);
    expect(await count(db, sql`select count(*) as n from contacts`)).toBe(summary.contacts);
    expect(await count(db, sql`select count(*) as n from conversations`)).toBe(summary.conversations);
    expect(await count(db, sql`select count(*) as n from messages`)).toBe(summary.messages);
  });

  it("names the company and keeps one default team", async () => {
    const settings = await one<{ company_name: string; seats: number }>(db, sql`select company_name, seats from settings`);
    expect(settings).toEqual({ company_name: "Northwind Outfitters", seats: 10 });
    const teams = await rows<{ name: string; is_default: boolean; time_zone: string }>(db, sql`select name, is_default, time_zone from teams order by name`);
    expect(teams.map((t) => t.name)).toEqual(["Billing", "Sales", "Support"]);
    expect(teams.filter((t) => t.is_default).map((t) => t.name)).toEqual(["Support"]);
    expect(new Set(teams.map((t) => t.time_zone))).toEqual(new Set(["Europe/Amsterdam"]));
  });

  it("creates the demo accounts with their roles and teams", async () => {
    for (const account of demoAccounts) {
      const user = await findUserByEmail(db, account.email);
      expect(user, account.email).not.toBeNull();
      expect(user?.role).toBe(account.role);
      expect(user?.name).toBe(account.name);
    }
    const memberships = await rows<{ email: string; teams: string }>(
      db,
      sql`select u.email, string_agg(t.name, ',' order by t.name) as teams
          from users u join team_members m on m.user_id = u.id join teams t on t.id = m.team_id
          group by u.email`,
    );
    const teamsOf = Object.fromEntries(memberships.map((m) => [m.email, m.teams]));
    expect(teamsOf["supervisor@northwind.test"]).toBe("Billing,Sales,Support");
    expect(teamsOf["agent@northwind.test"]).toBe("Billing,Support");
    expect(teamsOf["agent2@northwind.test"]).toBe("Sales,Support");
    expect(teamsOf["watcher@northwind.test"]).toBe("Support");
  });

  it("covers every status, closing reason and channel kind", async () => {
    const statuses = await rows<{ status: string; n: number | string }>(db, sql`select status, count(*) as n from conversations group by status`);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    expect(byStatus.new).toBeGreaterThanOrEqual(20);
    expect(byStatus.new).toBeLessThanOrEqual(30);
    expect(byStatus.open).toBeGreaterThanOrEqual(25);
    expect(byStatus.open).toBeLessThanOrEqual(35);
    expect(byStatus.waiting).toBeGreaterThanOrEqual(20);
    expect(byStatus.waiting).toBeLessThanOrEqual(30);
    expect(byStatus.closed).toBeGreaterThan(150);

    const reasons = await rows<{ closed_reason: string }>(db, sql`select distinct closed_reason from conversations where closed_reason is not null`);
    expect(new Set(reasons.map((r) => r.closed_reason))).toEqual(new Set(["archived", "rejected", "inactive", "barred"]));

    const kinds = await rows<{ kind: string }>(db, sql`select distinct ch.kind from conversations c join channels ch on ch.id = c.channel_id`);
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["webchat", "whatsapp", "messenger", "instagram", "telegram", "sms", "viber", "email"]));
  });

  it("gives every contact at most one conversation that is not closed", async () => {
    expect(await count(db, sql`select count(*) as n from (select contact_id from conversations where status <> 'closed' group by contact_id having count(*) > 1) x`)).toBe(0);
  });

  it("keeps the denormalised conversation fields consistent with the messages", async () => {
    const mismatches = await rows<{ id: string }>(
      db,
      sql`select c.id
          from conversations c
          join lateral (
            select count(*) as n, max(m.created_at) as last_at, min(m.created_at) as first_at,
                   max(m.created_at) filter (where m.direction = 'in') as last_in,
                   min(m.created_at) filter (where m.direction = 'out' and m.status <> 'failed') as first_out
            from messages m where m.conversation_id = c.id
          ) m on true
          where c.message_count <> m.n
             or c.last_message_at <> m.last_at
             or c.created_at <> m.first_at
             or c.last_inbound_at is distinct from m.last_in
             or c.first_response_at is distinct from m.first_out`,
    );
    expect(mismatches).toEqual([]);

    const previews = await count(
      db,
      sql`select count(*) as n from conversations c
          where (c.last_message_preview, c.last_message_direction) is distinct from (
            select (left(m.body, 140), m.direction) from messages m where m.conversation_id = c.id order by m.created_at desc limit 1)`,
    );
    expect(previews).toBe(0);
  });

  it("waits on the customer exactly when the last message is theirs and the conversation is open", async () => {
    expect(
      await count(
        db,
        sql`select count(*) as n from conversations
            where (waiting_since is not null) <> (status <> 'closed' and last_message_direction = 'in')`,
      ),
    ).toBe(0);
    // waitingSince is the first inbound message after our last reply.
    expect(
      await count(
        db,
        sql`select count(*) as n from conversations c
            where c.waiting_since is not null and c.waiting_since <> (
              select min(m.created_at) from messages m
              where m.conversation_id = c.id and m.direction = 'in'
                and m.created_at > coalesce((select max(o.created_at) from messages o
                                             where o.conversation_id = c.id and o.direction = 'out' and o.status <> 'failed'), '-infinity'))`,
      ),
    ).toBe(0);
  });

  it("closes conversations completely and leaves New unassigned", async () => {
    expect(
      await count(db, sql`select count(*) as n from conversations where (status = 'closed') <> (closed_at is not null and closed_reason is not null)`),
    ).toBe(0);
    expect(
      await count(db, sql`select count(*) as n from conversations where status <> 'closed' and (status = 'new') <> (assignee_id is null)`),
    ).toBe(0);
    // Non-closed conversations are younger than the 72-hour inactivity close, so the job leaves them alone.
    expect(
      await count(db, sql`select count(*) as n from conversations where status <> 'closed' and last_message_at < ${now.toISOString()}::timestamptz - interval '72 hours'`),
    ).toBe(0);
    expect(await count(db, sql`select count(*) as n from conversations where created_at < ${now.toISOString()}::timestamptz - interval '90 days'`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from conversations where closed_at > ${now.toISOString()}::timestamptz`)).toBe(0);
  });

  it("routes conversations to their channel's team and gives VIPs priority", async () => {
    expect(
      await count(
        db,
        sql`select count(*) as n from conversations c join channels ch on ch.id = c.channel_id
            where c.team_id <> coalesce(ch.team_id, (select id from teams where is_default))`,
      ),
    ).toBe(0);
    expect(await count(db, sql`select count(*) as n from conversations c join contacts p on p.id = c.contact_id where (c.priority = 1) <> p.vip`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from conversations where priority = 1 and status <> 'closed'`)).toBeGreaterThan(0);
  });

  it("gives the demo agent a queue of their own and a full New view", async () => {
    const alex = await findUserByEmail(db, "agent@northwind.test");
    const mine = await count(db, sql`select count(*) as n from conversations where assignee_id = ${alex?.id} and status in ('open', 'waiting')`);
    expect(mine).toBeGreaterThanOrEqual(6);
    expect(mine).toBeLessThanOrEqual(12);
    const supportNew = await count(db, sql`select count(*) as n from conversations c join teams t on t.id = c.team_id where t.name = 'Support' and c.status = 'new'`);
    expect(supportNew).toBeGreaterThanOrEqual(8);
  });

  it("writes messages as channels would", async () => {
    // Inbound: received, from an identity; outbound: by an agent; failures carry the provider's error.
    expect(await count(db, sql`select count(*) as n from messages where direction = 'in' and (status <> 'received' or identity_id is null or author_id is not null)`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from messages where direction = 'out' and (author_id is null or status = 'received')`)).toBe(0);
    expect(await count(db, sql`select count(*) as n from messages m join conversations c on c.id = m.conversation_id where m.channel_id <> c.channel_id`)).toBe(0);
    const failed = await rows<{ error_code: string; provider_message_id: string | null }>(db, sql`select error_code, provider_message_id from messages where status = 'failed'`);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const f of failed) {
      expect(f.error_code).toBeTruthy();
      expect(f.provider_message_id).toBeNull();
    }
    expect(await count(db, sql`select count(*) as n from messages where status <> 'failed' and provider_message_id is null`)).toBe(0);
  });

  it("stores identities in each provider's format", async () => {
    const bad = await rows<{ kind: string; external_id: string }>(
      db,
      sql`select ch.kind, i.external_id from contact_identities i join channels ch on ch.id = i.channel_id
          where (ch.kind in ('whatsapp', 'viber') and i.external_id !~ '^[0-9]{8,15}$')
             or (ch.kind = 'sms' and i.external_id !~ '^\\+[0-9]{8,15}$')
             or (ch.kind in ('telegram', 'messenger', 'instagram') and (i.external_id !~ '^[0-9]+$' or i.handle not like '@%'))
             or (ch.kind = 'email' and i.external_id !~ '^[^@ ]+@[^@ ]+$')
             or (ch.kind = 'webchat' and i.external_id !~ '^[A-Za-z0-9_-]{22}$')
             or i.last_inbound_at is null`,
    );
    expect(bad).toEqual([]);
    // Every identity was written from: it has at least one conversation.
    expect(await count(db, sql`select count(*) as n from contact_identities i where not exists (select 1 from conversations c where c.identity_id = i.id)`)).toBe(0);
  });

  it("keeps markup in names as plain text", async () => {
    const names = await rows<{ name: string }>(db, sql`select name from contacts where name like '%<%'`);
    expect(names.map((n) => n.name).sort()).toEqual(['<img src=x onerror=alert(1)> Mallory', '<script>alert("x")</script>'].sort());
  });

  it("records a timeline that starts with 'created' and stays in order", async () => {
    expect(
      await count(
        db,
        sql`select count(*) as n from conversations c
            where (select e.type from conversation_events e where e.conversation_id = c.id order by e.created_at, e.id limit 1) <> 'created'
               or (select min(e.created_at) from conversation_events e where e.conversation_id = c.id) <> c.created_at`,
      ),
    ).toBe(0);
    expect(await count(db, sql`select count(*) as n from conversation_events where created_at > ${now.toISOString()}::timestamptz`)).toBe(0);
    const types = await rows<{ type: string }>(db, sql`select distinct type from conversation_events`);
    expect(new Set(types.map((t) => t.type))).toEqual(
      new Set(["created", "assigned", "transferred", "released", "rejected", "archived", "closed", "reopened", "tagged", "noted", "first_response"]),
    );
    // Every closed conversation has its closing event at closedAt.
    expect(
      await count(
        db,
        sql`select count(*) as n from conversations c where c.status = 'closed' and not exists (
              select 1 from conversation_events e where e.conversation_id = c.id and e.created_at = c.closed_at
                and e.type in ('archived', 'rejected', 'closed') and e.data->>'reason' = c.closed_reason::text)`,
      ),
    ).toBe(0);
    // Tags on ~60% of conversations, each with its 'tagged' event.
    const tagged = await count(db, sql`select count(distinct conversation_id) as n from conversation_tags`);
    expect(tagged / summary.conversations).toBeGreaterThan(0.45);
    expect(tagged / summary.conversations).toBeLessThan(0.75);
    expect(await count(db, sql`select count(*) as n from conversation_tags`)).toBe(await count(db, sql`select count(*) as n from conversation_events where type = 'tagged'`));
  });

  it("refuses to seed a database that already has users", async () => {
    await expect(seed(db, { now })).rejects.toThrow(/empty database/);
  });
});

describe("seed determinism", () => {
  it("produces the same data from the same random function", async () => {
    const fingerprint = async (): Promise<string> => {
      const handle = await createTestDb();
      try {
        await seed(handle.db, { now, random: mulberry32(7), scale: 0.2 });
        const row = await one<{ f: string }>(
          handle.db,
          sql`select md5(
                (select string_agg(coalesce(name, '') || '|' || coalesce(email, '') || '|' || coalesce(phone, ''), ',' order by id) from contacts) ||
                (select string_agg(id::text || number || status || created_at::text, ',' order by id) from conversations) ||
                (select string_agg(id::text || body || created_at::text, ',' order by id) from messages)) as f`,
        );
        return row.f;
      } finally {
        await handle.drop();
      }
    };
    expect(await fingerprint()).toBe(await fingerprint());
  }, 60_000);
});

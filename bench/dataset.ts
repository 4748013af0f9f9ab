import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { ensureDefaultTeam } from "@/lib/teams";
import { createUser } from "@/lib/users";
import { channels, teams } from "@/db/schema";
import { getSettings } from "@/lib/settings";

export type Dataset = { supervisorId: string; agentIds: string[]; teamIds: string[]; bigConversationId: string; bigConversationNumber: number };

const kinds = ["webchat", "whatsapp", "messenger", "instagram", "telegram", "sms", "viber", "email"] as const;

/**
 * A large, plausible data set built in SQL (generate_series), so 100k conversations and 1M messages
 * take a minute, not an hour: 3 teams, 8 channels, 10 agents, one conversation per contact, ~2% new,
 * ~8% open or waiting, the rest closed over 90 days; plus one conversation of 1,000 messages.
 */
export async function buildDataset(db: Db, options: { conversations: number; messagesPer: number }): Promise<Dataset> {
  await getSettings(db);
  const support = await ensureDefaultTeam(db);
  const others = await db.insert(teams).values([{ name: "Sales" }, { name: "Billing" }]).returning();
  const teamIds = [support.id, ...others.map((t) => t.id)];
  const agents = [];
  for (let i = 0; i < 10; i++) {
    agents.push(await createUser(db, { email: `bench-agent-${i}@bench.test`, name: `Bench Agent ${i}`, role: "agent", password: "switchboard", teamIds }));
  }
  const agentIds = agents.map((a) => a.id);
  const supervisor = await createUser(db, { email: "bench-supervisor@bench.test", name: "Bench Supervisor", role: "supervisor", password: "switchboard", teamIds });
  await db.insert(channels).values(kinds.map((kind, i) => ({ kind, name: `Bench ${kind}`, teamId: teamIds[i % 3] })));

  const n = options.conversations;
  await db.execute(sql`
    insert into contacts (id, name, created_at)
    select gen_random_uuid(), 'Customer ' || g, now() - interval '120 days'
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    with numbered as (select id, row_number() over () as rn from contacts where name like 'Customer %'),
         ch as (select id, row_number() over (order by created_at, id) - 1 as idx from channels)
    insert into contact_identities (contact_id, channel_id, external_id, handle)
    select n.id, ch.id, 'ext-' || n.rn, '+1555' || lpad(n.rn::text, 7, '0')
    from numbered n join ch on ch.idx = n.rn % 8`);
  await db.execute(sql`
    with src as (
      select ci.contact_id, ci.id as identity_id, ci.channel_id, c.team_id, random() as r,
             now() - (random() * interval '90 days') as last_at
      from contact_identities ci join channels c on c.id = ci.channel_id)
    insert into conversations (contact_id, team_id, channel_id, identity_id, status, closed_reason, assignee_id,
                               created_at, last_message_at, last_inbound_at, waiting_since, closed_at,
                               last_message_preview, last_message_direction, message_count)
    select contact_id, team_id, channel_id, identity_id,
           (case when r < 0.02 then 'new' when r < 0.07 then 'open' when r < 0.10 then 'waiting' else 'closed' end)::conversation_status,
           (case when r >= 0.10 then 'archived' end)::closed_reason,
           case when r >= 0.02 then (${sql.raw(`array['${agentIds.join("','")}']::uuid[]`)})[1 + floor(random() * 10)::int] end,
           last_at - interval '2 hours', last_at, last_at,
           case when r < 0.07 then last_at end,
           case when r >= 0.10 then last_at + interval '10 minutes' end,
           'The last thing that was said in this conversation', 'in', ${options.messagesPer}
    from src`);
  await db.execute(sql`
    insert into messages (conversation_id, channel_id, identity_id, direction, author_id, body, status, provider_message_id, created_at)
    select c.id, c.channel_id, c.identity_id,
           (case when g % 2 = 0 then 'in' else 'out' end)::direction,
           case when g % 2 = 1 then c.assignee_id end,
           'Message ' || g || ' about order NW-' || (100000 + g) || ': where is my parcel, can I exchange the size, thanks!',
           (case when g % 2 = 0 then 'received' else 'read' end)::delivery_status,
           'bench-' || c.number || '-' || g,
           c.last_message_at - ((${options.messagesPer} - g) * interval '3 minutes')
    from conversations c cross join generate_series(1, ${options.messagesPer}) g`);

  // One long conversation: 1,000 messages.
  const [big] = (await db.execute(sql`
    select id, number from conversations where status = 'open' order by number limit 1`)) as unknown as { id: string; number: number }[];
  await db.execute(sql`
    insert into messages (conversation_id, channel_id, identity_id, direction, author_id, body, status, provider_message_id, created_at)
    select c.id, c.channel_id, c.identity_id, (case when g % 2 = 0 then 'in' else 'out' end)::direction,
           case when g % 2 = 1 then c.assignee_id end, 'Long thread message ' || g, 'read', 'bench-big-' || g,
           now() - ((1000 - g) * interval '1 minute')
    from conversations c cross join generate_series(1, 1000) g where c.id = ${big.id}`);
  await db.execute(sql`update conversations set message_count = message_count + 1000 where id = ${big.id}`);
  await db.execute(sql`analyze`);
  return { supervisorId: supervisor.id, agentIds, teamIds, bigConversationId: big.id, bigConversationNumber: Number(big.number) };
}

/**
 * What the statistics read besides conversations and messages, for bench/statistics.ts: first-response
 * times, the event history (created, assigned, first response, closings, some reopenings), a few tags per
 * conversation and some conversations reopened. Kept apart from buildDataset so the other benches are
 * unchanged. Assumes buildDataset ran first.
 */
export async function addStatisticsData(db: Db): Promise<void> {
  await db.execute(sql`
    update conversations c set first_response_at = m.first_out
    from (select conversation_id, min(created_at) as first_out from messages where direction = 'out' group by conversation_id) m
    where m.conversation_id = c.id and c.status <> 'new'`);
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select id, 'created', null, jsonb_build_object('channelId', channel_id), created_at from conversations`);
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select id, 'assigned', assignee_id, jsonb_build_object('toUserId', assignee_id), created_at + interval '5 minutes'
    from conversations where assignee_id is not null`);
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select id, 'first_response', assignee_id, '{}', first_response_at from conversations where first_response_at is not null`);
  // Every tenth closed conversation was archived once before and reopened by the customer.
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select id, t.type::conversation_event_type, case when t.type = 'archived' then assignee_id end,
           jsonb_build_object('reason', 'archived'), created_at + t.after
    from conversations, (values ('archived', interval '30 minutes'), ('reopened', interval '40 minutes')) t(type, after)
    where status = 'closed' and number % 10 = 0`);
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select id, 'archived', assignee_id, jsonb_build_object('reason', 'archived'), closed_at from conversations where status = 'closed'`);
  await db.execute(sql`
    insert into tags (name, color)
    select 'Bench tag ' || g, (array['slate','blue','green','amber','red','violet'])[1 + g % 6] from generate_series(1, 12) g`);
  await db.execute(sql`
    with t as (select id, row_number() over (order by name) - 1 as idx from tags where name like 'Bench tag %')
    insert into conversation_tags (conversation_id, tag_id, added_by_id, created_at)
    select c.id, t.id, c.assignee_id, coalesce(c.closed_at, c.last_message_at) - interval '1 minute'
    from conversations c join t on t.idx in (c.number % 12, (c.number / 12) % 12)
    where c.number % 3 <> 0
    on conflict do nothing`);
  await db.execute(sql`
    insert into conversation_events (conversation_id, type, actor_id, data, created_at)
    select ct.conversation_id, 'tagged', ct.added_by_id, jsonb_build_object('tagId', ct.tag_id, 'name', t.name), ct.created_at
    from conversation_tags ct join tags t on t.id = ct.tag_id`);
  await db.execute(sql`analyze`);
}

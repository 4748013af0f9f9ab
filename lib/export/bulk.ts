import { PassThrough, Readable } from "node:stream";
import { or, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import ExcelJS from "exceljs";
import type postgres from "postgres";
import { conversations } from "@/db/schema";
import type { ServiceSettings } from "@/lib/auth/permissions";
import { channelLabels } from "@/lib/channels/labels";
import type { ChannelKind } from "@/lib/channels/types";
import type { ConversationFilters } from "@/lib/conversations/filters";
import { filterWhere } from "@/lib/conversations/filters-sql";
import { messageText, outboundSender } from "@/lib/conversations/message-words";
import { viewBranches } from "@/lib/conversations/queries";
import { viewLabels, type View } from "@/lib/conversations/views";
import type { DbOrTx } from "@/lib/db/client";
import { rows as readRows } from "@/lib/db/rows";
import { localStamp, safeCell, type ExportCell } from "@/lib/export/cells";
import { BOM, csvLines } from "@/lib/export/csv";
import { customerLabel } from "@/lib/format";
import type { CurrentUser } from "@/lib/users";

/*
 * Many conversations out at once: the inbox view the user is on (what they may see, filters applied) as
 * CSV or Excel, one row per conversation or per message. The file is streamed: conversations are read
 * 500 at a time — through a server-side cursor on Postgres, by keyset pages on the embedded database —
 * and each batch is written and handed to the response before the next is read, so 100,000 rows go out
 * with the memory of one batch. A pull-based stream means a slow download slows the reading too.
 */

export type BulkRows = "conversations" | "messages";
export type BulkRequest = { view: View; rows: BulkRows; format: "csv" | "xlsx"; filters?: ConversationFilters };

const BATCH = 500;

type ConversationRow = {
  id: string;
  number: number;
  contact_name: string | null;
  handle: string | null;
  email: string | null;
  phone: string | null;
  channel_kind: ChannelKind;
  channel_name: string;
  team: string;
  agent: string | null;
  status: string;
  closed_reason: string | null;
  created_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  last_message_at: string;
  message_count: number;
  tags: string | null;
  preview: string | null;
};

type MessageRow = { conversation_id: string; created_at: string; direction: "in" | "out"; author: string | null; channel_kind: ChannelKind; channel_name: string; body: string; status: string; attachments: number; marks: Record<string, unknown> | null };

function conversationQuery(where: SQL, after: number | null, limit: number | null): SQL {
  return sql`select c.id, c.number, ct.name as contact_name, ci.handle, ct.email, ct.phone, ch.kind as channel_kind, ch.name as channel_name,
                    t.name as team, u.name as agent, c.status, c.closed_reason, c.created_at, c.first_response_at, c.closed_at, c.last_message_at,
                    c.message_count, c.last_message_preview as preview,
                    (select string_agg(tg.name, ', ' order by tg.name) from conversation_tags x join tags tg on tg.id = x.tag_id where x.conversation_id = c.id) as tags
             from (select * from ${conversations} where ${where} ${after === null ? sql`` : sql`and ${conversations.number} > ${after}`}
                   order by ${conversations.number} ${limit === null ? sql`` : sql`limit ${limit}`}) c
             join contacts ct on ct.id = c.contact_id
             join channels ch on ch.id = c.channel_id
             join teams t on t.id = c.team_id
             left join contact_identities ci on ci.id = c.identity_id
             left join users u on u.id = c.assignee_id
             order by c.number`;
}

/** The matching conversations in number order, a batch at a time. */
async function* conversationBatches(db: DbOrTx, where: SQL): AsyncGenerator<ConversationRow[]> {
  const client = (db as { $client?: unknown }).$client as postgres.Sql | undefined;
  if (client && typeof client.unsafe === "function") {
    const query = new PgDialect().sqlToQuery(conversationQuery(where, null, null));
    yield* client.unsafe<ConversationRow[]>(query.sql, query.params as postgres.ParameterOrJSON<never>[]).cursor(BATCH);
    return;
  }
  let after: number | null = null;
  for (;;) {
    const batch: ConversationRow[] = await readRows<ConversationRow>(db, conversationQuery(where, after, BATCH));
    if (!batch.length) return;
    yield batch;
    if (batch.length < BATCH) return;
    after = Number(batch[batch.length - 1].number);
  }
}

const statusWords: Record<string, string> = { new: "New", open: "Open", waiting: "Waiting for customer", closed: "Closed" };

export function bulkHeader(rows: BulkRows, timeZone: string): string[] {
  return rows === "conversations"
    ? ["Conversation", "Customer", "E-mail", "Phone", "Channel", "Account", "Team", "Agent", "Status", `Started (${timeZone})`, `First response (${timeZone})`, `Closed (${timeZone})`, `Last message (${timeZone})`, "Messages", "Tags", "Last message"]
    : ["Conversation", "Customer", `Time (${timeZone})`, "Direction", "From", "Channel", "Account", "Delivery status", "Attachments", "Text"];
}

const date = (value: string | null) => (value ? new Date(value) : null);

function conversationCells(c: ConversationRow, timeZone: string): ExportCell[] {
  const status = c.status === "closed" && c.closed_reason ? `Closed (${c.closed_reason})` : (statusWords[c.status] ?? c.status);
  return [
    Number(c.number),
    customerLabel(c.contact_name, c.handle),
    c.email,
    c.phone,
    channelLabels[c.channel_kind],
    c.channel_name,
    c.team,
    c.agent,
    status,
    localStamp(date(c.created_at), timeZone),
    localStamp(date(c.first_response_at), timeZone),
    localStamp(date(c.closed_at), timeZone),
    localStamp(date(c.last_message_at), timeZone),
    Number(c.message_count),
    c.tags,
    c.preview,
  ];
}

/** The rows of one batch of conversations: the conversations themselves, or their messages. */
async function batchRows(db: DbOrTx, batch: ConversationRow[], request: BulkRequest, timeZone: string): Promise<ExportCell[][]> {
  if (request.rows === "conversations") return batch.map((c) => conversationCells(c, timeZone));
  const ids = batch.map((c) => c.id);
  const found = await readRows<MessageRow>(
    db,
    sql`select m.conversation_id, m.created_at, m.direction, u.name as author, ch.kind as channel_kind, ch.name as channel_name, m.body, m.status,
               jsonb_array_length(m.attachments) as attachments,
               -- Only the marks lib/conversations/message-words reads, not a whole e-mail's headers.
               jsonb_build_object('automatic', m.payload->'automatic', 'sentFrom', m.payload->'sentFrom', 'unsent', m.payload->'unsent') as marks
        from messages m join channels ch on ch.id = m.channel_id left join users u on u.id = m.author_id
        where m.conversation_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
        order by m.conversation_id, m.created_at, m.id`,
  );
  const byConversation = new Map<string, MessageRow[]>();
  for (const m of found) byConversation.set(m.conversation_id, [...(byConversation.get(m.conversation_id) ?? []), m]);
  return batch.flatMap((c) => {
    const customer = customerLabel(c.contact_name, c.handle);
    return (byConversation.get(c.id) ?? []).map((m): ExportCell[] => [
      Number(c.number),
      customer,
      localStamp(date(m.created_at), timeZone),
      m.direction === "in" ? "From the customer" : "To the customer",
      m.direction === "in" ? customer : outboundSender(m.author, m.marks),
      channelLabels[m.channel_kind],
      m.channel_name,
      m.status,
      Number(m.attachments),
      messageText(m.body, m.marks),
    ]);
  });
}

/** The export as a stream of bytes, ready to be a response body. */
export function bulkExportStream(db: DbOrTx, actor: CurrentUser, settings: ServiceSettings, request: BulkRequest): ReadableStream<Uint8Array> {
  // The same conditions as the inbox list: the view, within what the actor may see, with its filters.
  const filters = request.filters ?? {};
  const branches = viewBranches(request.view, actor, settings, filters.team, filterWhere(filters, { timeZone: actor.timeZone, region: settings.defaultRegion }));
  const where = or(...branches) ?? sql`false`;
  const header = bulkHeader(request.rows, actor.timeZone);
  const batches = conversationBatches(db, where);
  return request.format === "csv" ? csvStream(db, batches, request, actor.timeZone, header) : xlsxStream(db, batches, request, actor.timeZone, header);
}

function csvStream(db: DbOrTx, batches: AsyncGenerator<ConversationRow[]>, request: BulkRequest, timeZone: string, header: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${BOM}${csvLines([header])}\r\n`));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      const lines = await batchRows(db, next.value, request, timeZone);
      if (lines.length) controller.enqueue(encoder.encode(`${csvLines(lines)}\r\n`));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

function xlsxStream(db: DbOrTx, batches: AsyncGenerator<ConversationRow[]>, request: BulkRequest, timeZone: string, header: string[]): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  // Shared strings would keep every text in memory until the end; inline strings stream.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Switchboard";
  const sheet = workbook.addWorksheet(request.rows === "conversations" ? "Conversations" : "Messages", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(12, Math.min(40, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    try {
      for await (const batch of batches) {
        for (const row of await batchRows(db, batch, request, timeZone)) sheet.addRow(row.map(safeCell)).commit();
        // Wait for the download to take what is buffered before reading more.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** "inbox-all-conversations-2026-03-30" — the view, what a row is, and the day. */
export function bulkFileName(request: BulkRequest, timeZone: string): string {
  const day = localStamp(new Date(), timeZone).slice(0, 10);
  return `inbox-${viewLabels[request.view].toLowerCase().replace(/\s+/g, "-")}-${request.rows}-${day}.${request.format}`;
}

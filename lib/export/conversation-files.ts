import ExcelJS from "exceljs";
import { safeCell, localStamp } from "@/lib/export/cells";
import { csvFile } from "@/lib/export/csv";
import { timeline, type ConversationExport } from "@/lib/export/conversation";

/** One row per message or note, notes marked as internal. */
export function conversationCsv(data: ConversationExport, timeZone: string): string {
  const header = ["Conversation", "Type", `Time (${timeZone})`, "From", "Direction", "Channel", "Text", "Attachments", "Delivery status"];
  const rows = timeline(data).map((item) =>
    item.type === "note"
      ? [data.number, "Internal note", localStamp(item.at, timeZone), item.author, "Internal (not seen by the customer)", "", item.body, "", ""]
      : [
          data.number,
          "Message",
          localStamp(item.at, timeZone),
          item.author,
          item.direction === "in" ? "From the customer" : "To the customer",
          item.channel,
          item.body,
          item.attachments.map((a) => a.name).join("; "),
          item.error ? `${item.status}: ${item.error}` : item.status,
        ],
  );
  return csvFile(header, rows);
}

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], widths: number[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  sheet.getColumn(header.length).alignment = { wrapText: true, vertical: "top" };
  return sheet;
}

/** A workbook with the conversation's details, its messages and its internal notes, one sheet each. */
export async function conversationWorkbook(data: ConversationExport, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Switchboard";
  const details = workbook.addWorksheet("Conversation");
  details.columns = [{ width: 22 }, { width: 60 }];
  const facts: [string, string | number][] = [
    ["Conversation", data.number],
    ["Customer", data.customer],
    ["E-mail", data.contact.email ?? ""],
    ["Phone / handle", data.contact.phone ?? data.contact.handle ?? ""],
    ["Channel", `${data.channel.label} (${data.channel.name})`],
    ["Team", data.team],
    ["Agent", data.agent ?? "Not assigned"],
    ["Status", data.status],
    [`Started (${timeZone})`, localStamp(data.createdAt, timeZone)],
    [`First response (${timeZone})`, localStamp(data.firstResponseAt, timeZone)],
    [`Closed (${timeZone})`, localStamp(data.closedAt, timeZone)],
    ["Tags", data.tags.join(", ")],
  ];
  for (const [label, value] of facts) details.addRow([label, safeCell(value)]).getCell(1).font = { bold: true };

  addSheet(
    workbook,
    "Messages",
    [`Time (${timeZone})`, "From", "Direction", "Channel", "Delivery status", "Attachments", "Text"],
    data.messages.map((m) => [
      localStamp(m.at, timeZone),
      m.author,
      m.direction === "in" ? "From the customer" : "To the customer",
      m.channel,
      m.error ? `${m.status}: ${m.error}` : m.status,
      m.attachments.map((a) => a.name).join("; "),
      m.body,
    ]),
    [18, 24, 18, 26, 16, 24, 80],
  );
  addSheet(
    workbook,
    "Notes",
    [`Time (${timeZone})`, "Author", "Internal note (not seen by the customer)"],
    data.notes.map((n) => [localStamp(n.at, timeZone), n.author, n.body]),
    [18, 24, 80],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

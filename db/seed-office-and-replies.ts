/**
 * Demo office hours, closed dates, away messages and quick replies for Northwind Outfitters, kept apart
 * from db/seed.ts's conversation history. Deterministic: depends only on `now` (for the coming holidays).
 */
import { awayMessages, officeHolidays, officeHours, quickReplies, quickReplyGroups } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

type Range = [weekday: number, start: string, end: string];

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): Range[] => days.map((d) => [d, start, end]);

const hoursByTeam: Record<string, Range[]> = {
  // Long days and a Saturday morning: the team customers reach first.
  support: [...weekdays("08:00", "18:00"), [6, "10:00", "14:00"]],
  // A lunch break: two ranges a day.
  sales: [...weekdays("09:00", "12:30"), ...weekdays("13:30", "17:30")],
  billing: [...weekdays("09:00", "17:00", [1, 2, 3, 4]), [5, "09:00", "15:00"]],
};

const awayByChannel: Record<string, string[]> = {
  webchat: [
    "Thanks for your message! Our team is offline right now, but we read every chat.",
    "We're here Mon–Fri 8:00–18:00 and Sat 10:00–14:00 (Amsterdam time). Track your order any time at https://northwind.test/orders",
  ],
  whatsapp: ["Thanks for your message! We're closed now and will answer first thing when we're back (Mon–Fri 8:00–18:00, Sat 10:00–14:00)."],
  email: ["Thank you for writing to Northwind Outfitters. Our office is closed; we answer e-mail within one working day."],
};

const groups: { name: string; replies: string[] }[] = [
  {
    name: "greet",
    replies: [
      "Hi {{customer_first}}, thanks for contacting {{company}}! How can I help you today?",
      "Good to hear from you again, {{customer_first}} 👋 What can I do for you?",
    ],
  },
  {
    name: "order",
    replies: [
      "Could you give me your order number? You'll find it in the confirmation e-mail (it starts with NW-).",
      "Your order has left our warehouse 📦 You can follow it here: https://northwind.test/orders",
      "I'm sorry your order is late, {{customer_first}}. I've asked the carrier for an update and will get back to you today.",
    ],
  },
  {
    name: "returns",
    replies: [
      "You can return anything within 30 days, free of charge. Start your return at https://northwind.test/returns",
      "Your return label is on its way to your inbox, {{customer_first}}.\n\nPack the item in its original box and drop it at any post office.",
      "We've received your return. The refund will be on your account within 5 working days.",
    ],
  },
  {
    name: "close",
    replies: [
      "Happy to have been of help, {{customer_first}}! Have a nice day.\n\nKind regards,\n{{agent_first}} from {{company}}",
      "Is there anything else I can do for you? If not, I'll close this conversation (ref. #{{conversation_number}}).",
    ],
  },
];

/** The next `month`-`day` on or after `now`, as YYYY-MM-DD. */
function upcoming(now: number, month: number, day: number): string {
  const today = new Date(now);
  const year = today.getUTCFullYear();
  const thisYear = Date.UTC(year, month - 1, day);
  const date = new Date(thisYear >= Date.UTC(year, today.getUTCMonth(), today.getUTCDate()) ? thisYear : Date.UTC(year + 1, month - 1, day));
  return date.toISOString().slice(0, 10);
}

export async function seedOfficeHoursAndReplies(
  db: DbOrTx,
  world: { now: number; teamIds: Record<string, string>; channelIds: Record<string, string> },
): Promise<void> {
  const hourRows = Object.entries(hoursByTeam).flatMap(([team, ranges]) =>
    ranges.map(([weekday, start, end]) => ({ teamId: world.teamIds[team], weekday, startMinute: minutes(start), endMinute: minutes(end) })),
  );
  await db.insert(officeHours).values(hourRows);

  const christmas = upcoming(world.now, 12, 25);
  await db.insert(officeHolidays).values(
    Object.values(world.teamIds).flatMap((teamId) => [
      { teamId, startsOn: christmas, endsOn: upcoming(Date.parse(christmas), 12, 26), label: "Christmas" },
      { teamId, startsOn: upcoming(world.now, 4, 27), endsOn: upcoming(world.now, 4, 27), label: "King's Day" },
    ]),
  );

  await db.insert(awayMessages).values(
    Object.entries(awayByChannel).flatMap(([kind, texts]) => texts.map((body, position) => ({ channelId: world.channelIds[kind], position, body }))),
  );

  const groupRows = await db
    .insert(quickReplyGroups)
    .values(groups.map((g, position) => ({ name: g.name, position })))
    .returning({ id: quickReplyGroups.id, name: quickReplyGroups.name });
  await db.insert(quickReplies).values(
    groups.flatMap((g) => {
      const groupId = groupRows.find((r) => r.name === g.name)?.id ?? "";
      return g.replies.map((body, position) => ({ groupId, position, body }));
    }),
  );
}

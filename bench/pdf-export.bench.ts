// Run by bench/statistics.ts (react-pdf is ESM only, which vitest loads and tsx cannot): a conversation of
// 1,000 messages and a few notes, on the embedded database, exported to PDF. Budget: under 3 s.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, bench } from "vitest";
import { renderConversationPdf } from "@/components/export/conversation-pdf";
import { conversations, messages, notes } from "@/db/schema";
import { openPglite, setDbHandle, type DbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { loadConversationExport } from "@/lib/export/conversation";
import { getSettings } from "@/lib/settings";
import { makeChannel, makeUser, customerWrites } from "@/test/factories";
import type { CurrentUser } from "@/lib/users";

let handle: DbHandle;
let viewer: CurrentUser;
let number: number;

beforeAll(async () => {
  handle = openPglite();
  await runMigrations(handle);
  setDbHandle(handle);
  const db = handle.db;
  const channel = await makeChannel(db, "whatsapp");
  const agent = await makeUser(db, "agent", { name: "Alex Agent" });
  viewer = { ...(await makeUser(db, "watcher")), timeZone: "Europe/Amsterdam" };
  const first = await customerWrites(db, channel, "+31600000000", "Hello 👋");
  if (first.result !== "stored") throw new Error("not stored");
  const start = Date.now() - 1000 * 60_000;
  const rows = Array.from({ length: 999 }, (_, i) => ({
    conversationId: first.conversationId,
    channelId: channel.id,
    direction: i % 2 ? ("out" as const) : ("in" as const),
    authorId: i % 2 ? agent.id : null,
    body: `Message ${i + 2}: where is order NW-${100000 + i}? Can I exchange the size, thanks! ${i % 50 === 0 ? "🙏 مرحبا 你好" : ""}`,
    status: i % 2 ? ("read" as const) : ("received" as const),
    createdAt: new Date(start + i * 60_000),
  }));
  for (let i = 0; i < rows.length; i += 250) await db.insert(messages).values(rows.slice(i, i + 250));
  await db.insert(notes).values(Array.from({ length: 10 }, (_, i) => ({ conversationId: first.conversationId, authorId: agent.id, body: `Note ${i}`, createdAt: new Date(start + i * 90 * 60_000) })));
  [{ number }] = await db.select({ number: conversations.number }).from(conversations).where(eq(conversations.id, first.conversationId));
});

afterAll(async () => {
  setDbHandle(undefined);
  await handle.close();
});

bench(
  "conversation of 1,000 messages to PDF (read + render)",
  async () => {
    const data = await loadConversationExport(handle.db, viewer, await getSettings(handle.db), number);
    if (!data || data.messages.length !== 1000) throw new Error(`unexpected conversation: ${data?.messages.length}`);
    await renderConversationPdf(data, { timeZone: viewer.timeZone, exportedBy: "Bench" });
  },
  { iterations: 5, warmupIterations: 1, time: 0 },
);

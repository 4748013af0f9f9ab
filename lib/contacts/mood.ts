import { and, eq, sql, type SQL } from "drizzle-orm";
import Sentiment from "sentiment";
import { detect } from "tinyld";
import { conversations, messages } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { batcher, perDatabase } from "@/lib/db/batcher";

export const sentiments = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof sentiments)[number];

/** How many of the customer's latest messages the mood is read from. */
export const RECENT = 5;
/** The kinds of message whose text the mood is read from. */
export const MOOD_KINDS = ["text", "media"] as const;

/** A conversation's current reading and the customer's latest texts (newest first) it is read again from. */
export type MoodInput = { language: string | null; sentiment: SentimentLabel | null; recent: string[] };

/**
 * AFINN-165 (the `sentiment` package) scores English words and emoji. The languages our customers
 * write most besides English get a small lexicon of the words that carry a complaint or a thank-you,
 * on AFINN's scale (-5…5); other languages get no sentiment rather than a wrong "neutral".
 */
const lexicons: Record<string, Record<string, number>> = {
  nl: {
    dank: 2, bedankt: 2, super: 3, top: 2, fijn: 2, geweldig: 3, blij: 3, tevreden: 2, perfect: 3, mooi: 2, goed: 2, snel: 1, prima: 2,
    slecht: -3, boos: -3, teleurgesteld: -3, kapot: -2, nooit: -1, probleem: -2, klacht: -2, waardeloos: -4, belachelijk: -3,
    schandalig: -4, helaas: -1, traag: -2, fout: -2, verkeerd: -2, oplichting: -4, ontevreden: -3, terugbetaling: -1,
  },
  de: {
    danke: 2, super: 3, toll: 3, prima: 2, zufrieden: 2, perfekt: 3, gut: 2, schnell: 1, freue: 2, klasse: 3,
    schlecht: -3, kaputt: -2, enttäuscht: -3, ärgerlich: -3, wütend: -4, problem: -2, beschwerde: -2, nie: -1, leider: -1,
    unzufrieden: -3, falsch: -2, frechheit: -4, katastrophe: -4, betrug: -4, langsam: -2, defekt: -2,
  },
  es: {
    gracias: 2, genial: 3, perfecto: 3, excelente: 3, contento: 2, contenta: 2, bien: 2, rápido: 1, encantado: 3, encantada: 3,
    mal: -2, malo: -3, roto: -2, rota: -2, decepcionado: -3, decepcionada: -3, enfadado: -3, enfadada: -3, problema: -2,
    queja: -2, nunca: -1, terrible: -3, fatal: -3, estafa: -4, lento: -2, equivocado: -2, vergüenza: -3,
  },
  fr: {
    merci: 2, super: 3, parfait: 3, génial: 3, content: 2, contente: 2, bien: 2, rapide: 1, excellent: 3, ravi: 3, ravie: 3,
    mauvais: -3, cassé: -2, cassée: -2, déçu: -3, déçue: -3, fâché: -3, problème: -2, plainte: -2, jamais: -1, nul: -3,
    inacceptable: -4, arnaque: -4, lent: -2, erreur: -2, honte: -3,
  },
};

/** Thumbs are missing from AFINN's emoji list. */
const emojiExtras = { "👍": 2, "👎": -2 };

const analyzer = new Sentiment();
for (const [code, labels] of Object.entries(lexicons)) analyzer.registerLanguage(code, { labels });
const scored = new Set(["en", ...Object.keys(lexicons)]);

export type Mood = { language: string | null; sentiment: SentimentLabel | null };

const letterCount = (text: string) => text.replace(/[^\p{L}]/gu, "").length;

/** A message with this many letters tells its language on its own. */
const CONFIRMING_LETTERS = 24;

/**
 * The language of the recent messages. Detection is most of this module's cost and runs for every
 * message, so a newest message long enough to tell, in the language the conversation already has,
 * confirms it without reading the others again.
 */
function detectLanguage(recent: string[], text: string, known: string | null | undefined): string | null {
  const newest = recent[0];
  if (known && newest && newest.length < text.length && letterCount(newest) >= CONFIRMING_LETTERS && detect(newest) === known) return known;
  return detect(text) || null;
}

/**
 * Language and mood of a customer's recent messages (newest first), given the language the conversation
 * was last read in, if any. Pure and fast enough for every message.
 */
export function readMood(recent: string[], knownLanguage?: string | null): Mood {
  const text = recent.join("\n").slice(0, 4000);
  const letters = letterCount(text);
  // A few letters ("ok", "👍") say nothing about the language.
  const language = letters >= 8 ? detectLanguage(recent, text, knownLanguage) : null;
  const lang = language && scored.has(language) ? language : letters < 8 ? "en" : null;
  if (!lang) return { language, sentiment: null };
  // Emoji carry mood in chat; spaced out so "👍👍" reads as two.
  const spaced = text.toLowerCase().replace(/(\p{Extended_Pictographic})/gu, " $1 ");
  const { score, comparative } = analyzer.analyze(spaced, { language: lang, extras: emojiExtras });
  if (score === 0) return { language, sentiment: letters ? "neutral" : null };
  const sentiment: SentimentLabel =
    score <= -2 || comparative <= -0.15 ? "negative" : score >= 2 || comparative >= 0.15 ? "positive" : "neutral";
  return { language, sentiment };
}

/**
 * Re-reads a conversation's language and mood from the customer's latest messages. Runs after the
 * webhook has answered (lib/conversations/after-ingest.ts); a message too short to tell keeps the
 * language found before.
 */
export async function updateConversationMood(db: DbOrTx, conversationId: string, known?: MoodInput): Promise<Mood & { changed: boolean }> {
  const before = known ?? (await readMoodInput(db, conversationId));
  if (!before) return { language: null, sentiment: null, changed: false };
  const mood = readMood(before.recent.filter(Boolean), before.language);
  const language = mood.language ?? before.language;
  const changed = language !== before.language || mood.sentiment !== before.sentiment;
  if (changed) await moodWriter(db).add({ id: conversationId, language, sentiment: mood.sentiment });
  return { language, sentiment: mood.sentiment, changed };
}

type MoodWrite = { id: string; language: string | null; sentiment: SentimentLabel | null };
/** Every new conversation gets its first reading: those of messages arriving together are written together. */
const moodWriter = perDatabase((db: DbOrTx) =>
  batcher<MoodWrite, void>(
    async (writes) => {
      // The last reading of a conversation wins. Rows are locked in id order, as ingest locks them.
      const latest = [...new Map(writes.map((w) => [w.id, w])).values()];
      await db.execute(sql`
        with reading as (select * from jsonb_to_recordset(${JSON.stringify(latest)}::jsonb) as r(id uuid, language text, sentiment text)),
        locked as (select c.id from ${conversations} c join reading on reading.id = c.id order by c.id for update of c)
        update ${conversations} c set language = reading.language, sentiment = reading.sentiment
        from locked join reading on reading.id = locked.id
        where c.id = locked.id`);
      return writes.map(() => undefined);
    },
    { maxBatch: 200, maxInFlight: 1 },
  ),
);

async function readMoodInput(db: DbOrTx, conversationId: string): Promise<MoodInput | undefined> {
  const [row] = await db
    .select({
      language: conversations.language,
      sentiment: conversations.sentiment,
      // Written out: inside a selected expression drizzle leaves columns unqualified.
      recent: sql<string[]>`array(
        select m.body from ${messages} m
        where m.conversation_id = conversations.id and m.direction = 'in' and m.kind in (${sql.join(MOOD_KINDS.map((k) => sql`${k}::message_kind`), sql`, `)})
        order by m.created_at desc limit ${RECENT})`,
    })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return row;
}

/** The inbox filters on mood: a condition to add to any conversation query. */
export function moodWhere(filter: { language?: string; sentiment?: SentimentLabel }): SQL | undefined {
  return and(
    filter.language ? eq(conversations.language, filter.language) : undefined,
    filter.sentiment ? eq(conversations.sentiment, filter.sentiment) : undefined,
  );
}

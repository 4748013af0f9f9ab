/**
 * Demo data: "Northwind Outfitters", a small outdoor-gear web shop, with three teams, six users, one
 * channel of every kind, ~150 contacts and ~300 conversations over the last 90 days, so every screen
 * (inbox views, contacts, search, statistics) has something real to show.
 *
 * Everything is generated in memory first and then written with a handful of batched inserts inside one
 * transaction: a half-seeded database is worse than none, and per-row queries would make the seed slow.
 * The output depends only on `random` and `now` (ids included), so tests and screenshots are repeatable;
 * only the argon2 salts of the password hashes differ between runs.
 */
import { eq, inArray } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import {
  channels,
  contactIdentities,
  contacts,
  conversationEvents,
  conversationTags,
  conversations,
  messages,
  notes,
  settings,
  tags,
  teams,
  users,
  type channelKindEnum,
  type closedReasonEnum,
  type conversationStatusEnum,
  type deliveryStatusEnum,
  type eventTypeEnum,
} from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import type { Db, DbOrTx } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";
import { ensureDefaultTeam } from "@/lib/teams";
import { createUser, hasAnyUser } from "@/lib/users";
import { seedOfficeHoursAndReplies } from "@/db/seed-office-and-replies";
import { seedTemplates } from "@/db/seed-templates";
import { seedContactDetails } from "@/db/seed-contacts";

// ---------------------------------------------------------------------------------------------------------
// Public surface

export type SeedSummary = { users: number; teams: number; channels: number; contacts: number; conversations: number; messages: number };
export type SeedOptions = {
  /** The moment "now" for the generated history; defaults to the wall clock. */
  now?: Date;
  /** A uniform [0, 1) generator; defaults to mulberry32(42). */
  random?: () => number;
  /** Multiplies the number of contacts and conversations (1 → ~150 contacts, ~300 conversations). */
  scale?: number;
};

export type DemoAccount = { email: string; password: string; role: Role; name: string };

export const DEMO_PASSWORD = "switchboard";

/** The accounts the seed creates, for the README, the sign-in page hint and tests. */
export const demoAccounts: readonly DemoAccount[] = [
  { email: "admin@northwind.test", password: DEMO_PASSWORD, role: "admin", name: "Ada Admin" },
  { email: "supervisor@northwind.test", password: DEMO_PASSWORD, role: "supervisor", name: "Sam Supervisor" },
  { email: "agent@northwind.test", password: DEMO_PASSWORD, role: "agent", name: "Alex Agent" },
  { email: "agent2@northwind.test", password: DEMO_PASSWORD, role: "agent", name: "Jamie Agent" },
  { email: "watcher@northwind.test", password: DEMO_PASSWORD, role: "watcher", name: "Wendy Watcher" },
  { email: "disabled@northwind.test", password: DEMO_PASSWORD, role: "disabled", name: "Dan Disabled" },
];

/** A small, fast, seedable PRNG (public domain); good enough for demo data, not for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Types

type ChannelKind = (typeof channelKindEnum.enumValues)[number];
type Status = (typeof conversationStatusEnum.enumValues)[number];
type ActiveStatus = Exclude<Status, "closed">;
type ClosedReason = (typeof closedReasonEnum.enumValues)[number];
type DeliveryStatus = (typeof deliveryStatusEnum.enumValues)[number];
type EventType = (typeof eventTypeEnum.enumValues)[number];
type Direction = "in" | "out";

type ContactRow = typeof contacts.$inferInsert & { id: string };
type IdentityRow = typeof contactIdentities.$inferInsert & { id: string };
type ConversationRow = typeof conversations.$inferInsert & { id: string; createdAt: Date };
type MessageRow = typeof messages.$inferInsert;
type EventRow = typeof conversationEvents.$inferInsert & { createdAt: Date };
type NoteRow = typeof notes.$inferInsert;
type ConversationTagRow = typeof conversationTags.$inferInsert;

type TeamKey = "support" | "sales" | "billing";
type StaffKey = "ada" | "sam" | "alex" | "jamie" | "wendy" | "dan";
type Staff = { key: StaffKey; id: string; firstName: string };
type ScriptLang = "en" | "nl" | "de" | "es";
type TagName = (typeof tagSpecs)[number]["name"];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------------------
// Random helpers

class Rng {
  constructor(private readonly source: () => number) {}

  next(): number {
    return this.source();
  }
  float(min: number, max: number): number {
    return min + (max - min) * this.source();
  }
  /** Inclusive on both ends. */
  int(min: number, max: number): number {
    return Math.floor(this.float(min, max + 1));
  }
  /** Mostly near `min`, now and then up to `max`: response times and gaps look like that. */
  skewed(min: number, max: number, power = 2.5): number {
    return Math.round(min + (max - min) * this.source() ** power);
  }
  chance(p: number): boolean {
    return this.source() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.source() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.source() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.source() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.source() * 10);
    return s;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.source() * 256);
    return b;
  }
  /** A v4-shaped uuid from the PRNG, so the ids are as repeatable as the rest. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** Draws values until one is new: external ids must be unique per channel, phones and e-mails per contact. */
function unique(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const value = make();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  // The fictional phone ranges are small (US 555-01xx, UK 07700 900xxx): a huge `scale` runs out of them.
  throw new Error(`seed: ran out of unique values after ${used.size}; use a smaller scale`);
}

function ascii(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** At most 140 characters, never cutting an emoji's surrogate pair in half. */
function preview(body: string): string {
  return Array.from(body).slice(0, 140).join("");
}

// ---------------------------------------------------------------------------------------------------------
// The company

const teamSpecs: { key: TeamKey; name: string }[] = [
  { key: "support", name: "Support" },
  { key: "sales", name: "Sales" },
  { key: "billing", name: "Billing" },
];
const TEAM_TIME_ZONE = "Europe/Amsterdam";

const staffSpecs: { key: StaffKey; email: string; teams: TeamKey[] }[] = [
  { key: "ada", email: "admin@northwind.test", teams: [] },
  { key: "sam", email: "supervisor@northwind.test", teams: ["sales", "billing"] },
  { key: "alex", email: "agent@northwind.test", teams: ["billing"] },
  { key: "jamie", email: "agent2@northwind.test", teams: ["sales"] },
  { key: "wendy", email: "watcher@northwind.test", teams: [] },
  { key: "dan", email: "disabled@northwind.test", teams: [] },
];

const channelSpecs: { kind: ChannelKind; name: string; externalId: string; team: TeamKey | null; settings: Record<string, unknown> }[] = [
  { kind: "webchat", name: "Website chat", externalId: "northwind.test", team: "support", settings: { color: "#4f46e5", greeting: "Hi! How can we help?" } },
  { kind: "whatsapp", name: "WhatsApp +31 20 123 4567", externalId: "104857320198765", team: "support", settings: {} },
  { kind: "messenger", name: "Messenger — Northwind", externalId: "112233445566778", team: "sales", settings: {} },
  { kind: "instagram", name: "Instagram @northwind", externalId: "17841405822304914", team: "sales", settings: {} },
  { kind: "telegram", name: "Telegram @NorthwindBot", externalId: "6420917385", team: "support", settings: {} },
  { kind: "sms", name: "SMS +1 415 555 0100", externalId: "+14155550100", team: "billing", settings: {} },
  { kind: "viber", name: "Viber Northwind", externalId: "northwindoutfitters", team: null, settings: {} },
  { kind: "email", name: "support@northwind.test", externalId: "support@northwind.test", team: "billing", settings: {} },
];

const tagSpecs = [
  { name: "order", color: "blue" },
  { name: "return", color: "orange" },
  { name: "refund", color: "amber" },
  { name: "delivery", color: "teal" },
  { name: "invoice", color: "indigo" },
  { name: "warranty", color: "violet" },
  { name: "complaint", color: "red" },
  { name: "vip", color: "pink" },
  { name: "spam", color: "slate" },
  { name: "feedback", color: "green" },
] as const;

/** Who picks up what: agents mostly, the supervisor and admin now and then; Dan only before he left. */
function assigneePool(team: TeamKey, at: number, now: number): [StaffKey, number][] {
  const danStillHere = at < now - 50 * DAY;
  const pools: Record<TeamKey, [StaffKey, number][]> = {
    support: [["alex", 4], ["jamie", 3], ["sam", 2], ["ada", 1], ["dan", danStillHere ? 3 : 0]],
    sales: [["jamie", 5], ["sam", 2]],
    billing: [["alex", 4], ["sam", 2]],
  };
  return pools[team].filter(([, w]) => w > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Customers

type Origin = {
  weight: number;
  country: string;
  language: string;
  scriptLang: ScriptLang;
  first: readonly string[];
  last: readonly string[];
  cities: readonly (readonly [string, string])[];
  domains: readonly string[];
  phone: (rng: Rng) => string;
  /** Some customers write their name in their own script; the channel profile then has a Latin spelling. */
  native?: { chance: number; names: readonly (readonly [string, string, string, string])[]; format: (first: string, last: string) => string };
};

// Only reserved example domains (RFC 2606/6761): a demo install must never mail a real person.
const commonDomains = ["example.com", "example.net", "example.org", "mail.example", "inbox.test"];

const origins: readonly Origin[] = [
  {
    weight: 22, country: "NL", language: "nl", scriptLang: "nl",
    first: ["Sanne", "Daan", "Lotte", "Bram", "Fleur", "Joris", "Anouk", "Thijs", "Eva", "Ruben", "Femke", "Sem", "Maartje", "Pieter", "Iris", "Wouter"],
    last: ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vermeulen", "van Dijk", "Hendriks", "Dekker"],
    cities: [["Amsterdam", "1015 CJ"], ["Utrecht", "3511 AB"], ["Rotterdam", "3011 AD"], ["Den Haag", "2511 BT"], ["Eindhoven", "5611 AZ"], ["Groningen", "9711 LM"], ["Nijmegen", "6511 KL"]],
    domains: ["ziggo.example", "kpnmail.example", ...commonDomains],
    phone: (r) => `+316${r.digits(8)}`,
  },
  {
    weight: 13, country: "DE", language: "de", scriptLang: "de",
    first: ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie", "Maximilian", "Sophie", "Paul", "Hannah", "Jürgen", "Käthe", "Tobias", "Svenja"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Wagner", "Groß", "Krüger"],
    cities: [["Berlin", "10115"], ["München", "80331"], ["Hamburg", "20095"], ["Köln", "50667"], ["Leipzig", "04109"], ["Freiburg", "79098"]],
    domains: ["web.example", "gmx.example", ...commonDomains],
    phone: (r) => `+4915${r.pick(["1", "2", "7"])}${r.digits(8)}`,
  },
  {
    weight: 11, country: "ES", language: "es", scriptLang: "es",
    first: ["Lucía", "Mateo", "Sofía", "Hugo", "Martina", "Pablo", "Carmen", "Javier", "Elena", "Álvaro", "Nerea", "Iñigo"],
    last: ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Muñoz", "Ibáñez"],
    cities: [["Madrid", "28013"], ["Barcelona", "08002"], ["Valencia", "46001"], ["Sevilla", "41004"], ["Bilbao", "48005"], ["Granada", "18009"]],
    domains: ["correo.example", ...commonDomains],
    phone: (r) => `+346${r.digits(8)}`,
  },
  {
    weight: 8, country: "AE", language: "ar", scriptLang: "en",
    first: ["Omar", "Layla", "Youssef", "Fatima", "Ahmed", "Nour", "Karim", "Amira", "Hassan", "Mariam"],
    last: ["Al-Farsi", "Haddad", "El Amrani", "Mansour", "Khalil", "Nasser", "Saleh", "Benali"],
    cities: [["Dubai", ""], ["Abu Dhabi", ""], ["Sharjah", ""]],
    domains: commonDomains,
    phone: (r) => `+9715${r.pick(["0", "2", "5", "6"])}${r.digits(7)}`,
    native: {
      chance: 0.3,
      names: [["ليلى", "حداد", "Layla", "Haddad"], ["عمر", "منصور", "Omar", "Mansour"], ["مريم", "خليل", "Mariam", "Khalil"], ["يوسف", "صالح", "Youssef", "Saleh"]],
      format: (first, last) => `${first} ${last}`,
    },
  },
  {
    weight: 7, country: "CN", language: "zh", scriptLang: "en",
    first: ["Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Hao", "Xin", "Yu", "Jun"],
    last: ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
    cities: [["Shanghai", "200000"], ["Beijing", "100000"], ["Shenzhen", "518000"], ["Hangzhou", "310000"]],
    domains: commonDomains,
    phone: (r) => `+861${r.pick(["3", "5", "8"])}${r.digits(9)}`,
    native: {
      chance: 0.4,
      names: [["芳", "王", "Fang", "Wang"], ["伟", "张", "Wei", "Zhang"], ["静", "刘", "Jing", "Liu"], ["磊", "陈", "Lei", "Chen"], ["敏", "李", "Min", "Li"]],
      format: (first, last) => `${last}${first}`,
    },
  },
  {
    weight: 9, country: "IN", language: "en", scriptLang: "en",
    first: ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Kavya", "Arjun", "Sneha", "Ishaan", "Meera"],
    last: ["Sharma", "Patel", "Gupta", "Iyer", "Singh", "Reddy", "Nair", "Kulkarni", "Banerjee", "Menon"],
    cities: [["Mumbai", "400001"], ["Bengaluru", "560001"], ["Pune", "411001"], ["New Delhi", "110001"], ["Chennai", "600001"]],
    domains: commonDomains,
    phone: (r) => `+91${r.pick(["7", "8", "9"])}${r.digits(9)}`,
  },
  {
    weight: 9, country: "BR", language: "pt", scriptLang: "en",
    first: ["João", "Ana", "Gabriel", "Beatriz", "Lucas", "Camila", "Rafael", "Larissa", "Thiago", "Juliana"],
    last: ["Silva", "Souza", "Oliveira", "Santos", "Pereira", "Rodrigues", "Almeida", "Costa", "Carvalho", "Ribeiro"],
    cities: [["São Paulo", "01310-100"], ["Rio de Janeiro", "20040-020"], ["Belo Horizonte", "30130-010"], ["Curitiba", "80010-000"], ["Porto Alegre", "90010-150"]],
    domains: commonDomains,
    phone: (r) => `+55${r.pick(["11", "21", "31", "41", "51"])}9${r.digits(8)}`,
  },
  {
    weight: 13, country: "US", language: "en", scriptLang: "en",
    first: ["Emily", "Michael", "Olivia", "James", "Ava", "Ethan", "Madison", "Tyler", "Chloe", "Noah", "Hannah", "Jacob"],
    last: ["Johnson", "Smith", "Brown", "Williams", "Davis", "Miller", "Wilson", "Moore", "Taylor", "Anderson", "Clark", "Nguyen"],
    cities: [["Denver", "80202"], ["Seattle", "98101"], ["Portland", "97204"], ["Boulder", "80302"], ["Austin", "78701"], ["Salt Lake City", "84101"]],
    domains: commonDomains,
    // 555-01xx is the range reserved for fiction.
    phone: (r) => `+1${r.pick(["303", "206", "503", "720", "512", "801"])}55501${r.digits(2)}`,
  },
  {
    weight: 6, country: "GB", language: "en", scriptLang: "en",
    first: ["Oliver", "Amelia", "Harry", "Isla", "George", "Poppy", "Freddie", "Imogen"],
    last: ["Thompson", "Evans", "Walker", "Wright", "Hughes", "Roberts", "Edwards", "Hall"],
    cities: [["London", "EC1A 1BB"], ["Manchester", "M1 1AE"], ["Bristol", "BS1 4DJ"], ["Edinburgh", "EH1 1YZ"]],
    domains: commonDomains,
    // Ofcom's drama range.
    phone: (r) => `+447700900${r.digits(3)}`,
  },
  {
    weight: 5, country: "FR", language: "fr", scriptLang: "en",
    first: ["Camille", "Louis", "Chloé", "Léa", "Hugo", "Manon", "Théo"],
    last: ["Dubois", "Martin", "Bernard", "Lefèvre", "Moreau", "Girard"],
    cities: [["Lyon", "69001"], ["Paris", "75004"], ["Grenoble", "38000"], ["Annecy", "74000"]],
    domains: commonDomains,
    phone: (r) => `+336${r.digits(8)}`,
  },
];

const companies = ["Bergsport Vereniging De Kim", "Alpine Guides GmbH", "Trail Runners Club", "Scouting Utrecht-Noord", "Peak Adventures Ltd", "Club Montaña Sierra", "Fjällräv Outdoor School"];

type IdentityPlan = { row: IdentityRow; kind: ChannelKind; team: TeamKey; uses: number };
type ContactPlan = {
  row: ContactRow;
  firstName: string | null;
  scriptLang: ScriptLang;
  vip: boolean;
  spammer: boolean;
  /** Pinned to the front of the Support queue: the XSS test contacts must show up in New. */
  pinned: boolean;
  identities: IdentityPlan[];
};

type ContactFacts = {
  first: string | null;
  last: string | null;
  /** Latin spelling, for usernames and e-mail addresses. */
  latinFirst: string;
  latinLast: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
};

const primaryKindWeights: [ChannelKind, number][] = [
  ["whatsapp", 28], ["webchat", 16], ["email", 14], ["messenger", 10], ["instagram", 10], ["telegram", 9], ["sms", 7], ["viber", 6],
];

function feasibleKinds(facts: ContactFacts): [ChannelKind, number][] {
  return primaryKindWeights.filter(([kind]) => {
    // A customer without a name only reaches us where channels report none: SMS, e-mail, anonymous web chat.
    if (facts.displayName === null && !["sms", "email", "webchat"].includes(kind)) return false;
    if (kind === "whatsapp" || kind === "sms" || kind === "viber") return facts.phone !== null;
    if (kind === "email") return facts.email !== null;
    return true;
  });
}

function username(rng: Rng, facts: ContactFacts, used: Set<string>): string {
  const f = ascii(facts.latinFirst);
  const l = ascii(facts.latinLast);
  return unique(used, () =>
    rng.weighted<() => string>([
      [() => `${f}${l}`, 2],
      [() => `${f}.${l}`, 2],
      [() => `${f}_${l}${rng.digits(2)}`, 2],
      [() => `${f}${rng.digits(4)}`, 1],
      [() => `${f}.outdoors`, 1],
    ])(),
  );
}

/** What the provider reports: WhatsApp users pick their own profile name, so it rarely equals the edited name. */
function whatsappProfileName(rng: Rng, facts: ContactFacts): string | null {
  if (!facts.first) return null;
  const last = facts.last ?? "";
  return rng.weighted<string>([
    [facts.first, 3],
    [`${facts.first} ${last}`.trim(), 3],
    [`${facts.first} ${last.charAt(0)}.`.trim(), 1],
    [`${facts.first} ${rng.pick(["🌿", "☀️", "🏔️", "🚵", "🌊"])}`, 1],
    [`${facts.first} ${last}`.trim().toLowerCase(), 1],
  ]);
}

type Registry = { externalIds: Map<ChannelKind, Set<string>>; usernames: Set<string> };

function makeIdentity(rng: Rng, kind: ChannelKind, facts: ContactFacts, reg: Registry): Pick<IdentityRow, "externalId" | "handle" | "profileName"> {
  const used = reg.externalIds.get(kind) ?? new Set<string>();
  reg.externalIds.set(kind, used);
  const phone = facts.phone ?? "";
  switch (kind) {
    case "whatsapp":
      used.add(phone.slice(1));
      return { externalId: phone.slice(1), handle: phone, profileName: whatsappProfileName(rng, facts) };
    case "sms":
      // SMS carries no name at all.
      used.add(phone);
      return { externalId: phone, handle: phone, profileName: null };
    case "viber":
      used.add(phone.slice(1));
      return { externalId: phone.slice(1), handle: phone, profileName: facts.first };
    case "telegram":
      return {
        externalId: unique(used, () => String(rng.int(100_000_000, 7_999_999_999))),
        handle: `@${username(rng, facts, reg.usernames)}`,
        profileName: rng.chance(0.6) ? facts.displayName : facts.first,
      };
    case "messenger":
      return {
        externalId: unique(used, () => `${rng.pick(["2", "3", "6", "7"])}${rng.digits(15)}`),
        handle: `@${username(rng, facts, reg.usernames)}`,
        profileName: facts.displayName,
      };
    case "instagram":
      return {
        externalId: unique(used, () => `17841${rng.digits(12)}`),
        handle: `@${username(rng, facts, reg.usernames)}`,
        profileName: rng.chance(0.7) ? facts.displayName : null,
      };
    case "email": {
      const address = (facts.email ?? "").toLowerCase();
      used.add(address);
      return { externalId: address, handle: address, profileName: facts.displayName };
    }
    case "webchat": {
      // As the widget does it: 16 random bytes, base64url; the handle is what the adapter shows.
      const visitorId = unique(used, () => rng.bytes(16).toString("base64url"));
      return {
        externalId: visitorId,
        handle: `Visitor ${visitorId.slice(0, 6)}`,
        profileName: facts.first && rng.chance(0.5) ? rng.pick([facts.first, facts.first.toLowerCase(), facts.displayName ?? facts.first]) : null,
      };
    }
  }
}

type ContactCtx = {
  rng: Rng;
  reg: Registry;
  phones: Set<string>;
  emails: Set<string>;
  teamOfKind: (kind: ChannelKind) => TeamKey;
  channelIdOfKind: (kind: ChannelKind) => string;
};

function planIdentities(ctx: ContactCtx, contactId: string, facts: ContactFacts, kinds: ChannelKind[]): IdentityPlan[] {
  return kinds.map((kind) => ({
    kind,
    team: ctx.teamOfKind(kind),
    uses: 0,
    row: { id: ctx.rng.uuid(), contactId, channelId: ctx.channelIdOfKind(kind), ...makeIdentity(ctx.rng, kind, facts, ctx.reg) },
  }));
}

function makeCustomer(ctx: ContactCtx, nameless: boolean): ContactPlan {
  const { rng } = ctx;
  const origin = rng.weighted(origins.map((o) => [o, o.weight] as const));
  let first: string | null = rng.pick(origin.first);
  let last: string | null = rng.pick(origin.last);
  let latinFirst = first;
  let latinLast = last;
  let displayName: string | null = `${first} ${last}`;
  if (origin.native && rng.chance(origin.native.chance)) {
    const [nf, nl, lf, ll] = rng.pick(origin.native.names);
    [first, last, latinFirst, latinLast] = [nf, nl, lf, ll];
    displayName = origin.native.format(nf, nl);
  }
  if (nameless) [first, last, displayName] = [null, null, null];

  const email =
    nameless || rng.chance(0.75)
      ? unique(ctx.emails, () => {
          const f = ascii(latinFirst);
          const l = ascii(latinLast);
          const local = rng.weighted<string>([
            [`${f}.${l}`, 4],
            [`${f}${l.charAt(0)}${rng.digits(2)}`, 2],
            [`${f.charAt(0)}.${l}`, 2],
            [`${l}${f}${rng.int(1960, 2005)}`, 1],
          ]);
          return `${local}@${rng.pick(origin.domains)}`;
        })
      : null;
  const phone = nameless || rng.chance(0.8) ? unique(ctx.phones, () => origin.phone(rng)) : null;
  const facts: ContactFacts = { first, last, latinFirst, latinLast, displayName, email: nameless && rng.chance(0.5) ? null : email, phone };
  if (nameless && !facts.email && rng.chance(0.3)) facts.phone = null; // an anonymous web-chat visitor

  const feasible = feasibleKinds(facts);
  const primary = rng.weighted(feasible);
  const kinds: ChannelKind[] = [primary];
  const others = feasible.filter(([k]) => k !== primary);
  if (others.length && rng.chance(0.35)) kinds.push(rng.weighted(others));

  const [city, postalCode] = rng.pick(origin.cities);
  const id = rng.uuid();
  const known = !nameless;
  const company = known && rng.chance(0.08) ? rng.pick(companies) : null;
  return {
    row: {
      id,
      name: displayName,
      firstName: first,
      lastName: last,
      email: facts.email,
      phone: facts.phone,
      language: known ? origin.language : null,
      city: known && rng.chance(0.7) ? city : null,
      country: known ? origin.country : null,
      postalCode: known && postalCode && rng.chance(0.4) ? postalCode : null,
      company,
    },
    firstName: first,
    scriptLang: origin.scriptLang,
    vip: false,
    spammer: false,
    pinned: false,
    identities: planIdentities(ctx, id, facts, kinds),
  };
}

/** Contacts whose names are markup: the UI must show them as text, never run them. */
function makeHostileContacts(ctx: ContactCtx): ContactPlan[] {
  const mallory = ctx.rng.uuid();
  const script = ctx.rng.uuid();
  const malloryName = "<img src=x onerror=alert(1)> Mallory";
  const scriptName = '<script>alert("x")</script>';
  const malloryFacts: ContactFacts = {
    first: "Mallory", last: null, latinFirst: "mallory", latinLast: "test",
    displayName: malloryName, email: "mallory@example.com", phone: null,
  };
  const scriptFacts: ContactFacts = {
    first: null, last: null, latinFirst: "xss", latinLast: "test", displayName: scriptName, email: null, phone: null,
  };
  const base = { scriptLang: "en" as const, vip: false, spammer: false, pinned: true };
  return [
    {
      ...base,
      row: { id: mallory, name: malloryName, firstName: "Mallory", email: malloryFacts.email, language: "en" },
      firstName: "Mallory",
      identities: planIdentities(ctx, mallory, malloryFacts, ["webchat"]).map((i) => ({ ...i, row: { ...i.row, profileName: malloryName } })),
    },
    {
      ...base,
      row: { id: script, name: scriptName },
      firstName: null,
      identities: planIdentities(ctx, script, scriptFacts, ["telegram"]).map((i) => ({ ...i, row: { ...i.row, profileName: scriptName } })),
    },
  ];
}

/** Two senders of junk whose identities an agent barred. */
function makeSpammers(ctx: ContactCtx): ContactPlan[] {
  const crypto = ctx.rng.uuid();
  const sms = ctx.rng.uuid();
  const cryptoFacts: ContactFacts = {
    first: null, last: null, latinFirst: "crypto", latinLast: "profits", displayName: "Crypto Profits 💰", email: null, phone: null,
  };
  const smsPhone = unique(ctx.phones, () => `+447700900${ctx.rng.digits(3)}`);
  const smsFacts: ContactFacts = { first: null, last: null, latinFirst: "x", latinLast: "x", displayName: null, email: null, phone: smsPhone };
  const base = { scriptLang: "en" as const, vip: false, spammer: true, pinned: false, firstName: null };
  const barred = (plans: IdentityPlan[]) =>
    plans.map((i) => ({ ...i, row: { ...i.row, barred: true, droppedCount: ctx.rng.int(1, 6) } }));
  return [
    {
      ...base,
      row: { id: crypto, name: cryptoFacts.displayName, blocked: true },
      identities: barred(planIdentities(ctx, crypto, cryptoFacts, ["telegram"])).map((i) => ({ ...i, row: { ...i.row, profileName: cryptoFacts.displayName } })),
    },
    { ...base, row: { id: sms, phone: smsPhone }, identities: barred(planIdentities(ctx, sms, smsFacts, ["sms"])) },
  ];
}

const vipNotes = [
  "Wholesale customer: orders team kits for their hiking club every spring.",
  "Long-time customer since 2017, always polite. Happy to make exceptions.",
  "Runs a mountain-guide business; refers a lot of clients to us.",
  "Ambassador programme member — free express shipping on all orders.",
];

function planContacts(ctx: ContactCtx, total: number): ContactPlan[] {
  const specials = [...makeHostileContacts(ctx), ...makeSpammers(ctx)];
  const customers: ContactPlan[] = [];
  for (let i = specials.length; i < total; i++) customers.push(makeCustomer(ctx, ctx.rng.chance(0.08)));
  // About 5% VIP, only among customers we know by name.
  const named = customers.filter((c) => c.row.name);
  for (const c of ctx.rng.shuffle(named).slice(0, Math.max(1, Math.round(total * 0.05)))) {
    c.vip = true;
    c.row.vip = true;
    c.row.notes = ctx.rng.pick(vipNotes);
  }
  return [...specials, ...customers];
}

// ---------------------------------------------------------------------------------------------------------
// What customers write about

type Category = "footwear" | "clothing" | "gear" | "tent";
type Product = { name: string; price: number; category: Category; sizes: readonly string[] };

const shoeSizes = ["38", "39", "40", "41", "42", "43", "44", "45", "46"];
const letterSizes = ["XS", "S", "M", "L", "XL", "XXL"];
const products: readonly Product[] = [
  { name: "Ridgeline 45L backpack", price: 139, category: "gear", sizes: ["S/M", "M/L"] },
  { name: "Alpine Pro hiking boots", price: 189, category: "footwear", sizes: shoeSizes },
  { name: "Trail Runner shoes", price: 129, category: "footwear", sizes: shoeSizes },
  { name: "Trailhead 2 tent", price: 249, category: "tent", sizes: [] },
  { name: "Fjord 3 tent", price: 349, category: "tent", sizes: [] },
  { name: "Summit down jacket", price: 229, category: "clothing", sizes: letterSizes },
  { name: "Cascade rain shell", price: 159, category: "clothing", sizes: letterSizes },
  { name: "Merino base layer", price: 69, category: "clothing", sizes: letterSizes },
  { name: "Glacier −10 °C sleeping bag", price: 179, category: "gear", sizes: ["Regular", "Long"] },
  { name: "Fjell trekking poles", price: 89, category: "gear", sizes: [] },
  { name: "Basecamp stove", price: 59, category: "gear", sizes: [] },
];

/** Who writes, what, and optionally the least time since the previous message ("Still nothing today"). */
type Line = readonly ["c" | "a", string, number?];
type Script = {
  id: string;
  lang: ScriptLang;
  tags: readonly TagName[];
  subject: string;
  /** Topics a team gets more of (billing questions reach the billing channels more often). */
  team?: TeamKey;
  categories?: readonly Category[];
  complaint?: boolean;
  lines: readonly Line[];
};

// Placeholders: {first} (only right after a greeting word), {agent}, {order}, {product}, {size}, {size2},
// {tracking}, {tracking2}, {invoice}, {amount}, {date}, {company}, {email}.
const scripts: readonly Script[] = [
  {
    id: "late-delivery", lang: "en", tags: ["delivery", "order"], subject: "Where is my order {order}?", complaint: true,
    lines: [
      ["c", "Hi, I ordered the {product} last week (order {order}) and it still hasn't arrived. Can you check?"],
      ["c", "The tracking page hasn't changed since Monday"],
      ["a", "Hi {first}, thanks for reaching out! I'm {agent} from Northwind. Let me look up order {order} for you."],
      ["a", "I can see the parcel is with the carrier, tracking number {tracking}. It looks like it got stuck at the sorting centre."],
      ["c", "Ok... I need it before Saturday, we're going hiking in the Ardennes 🥾"],
      ["a", "Understood. I've asked the carrier to prioritise it and they expect to deliver on {date}. If it isn't there by Friday noon, I'll send a replacement by express at no cost."],
      ["c", "That would be great, thanks"],
      ["c", "Still nothing today 😕", 20 * HOUR],
      ["a", "I'm sorry about this. I've just shipped a replacement by express — new tracking number {tracking2}. You'll have it tomorrow before 12:00."],
      ["c", "Got it! Thank you so much"],
      ["a", "Great to hear! If the original parcel turns up, just refuse it and it will come back to us.\n\nHave a wonderful trip! 🌲"],
      ["c", "Will do 👍"],
    ],
  },
  {
    id: "exchange-size", lang: "en", tags: ["return", "order"], subject: "Exchange for order {order}", categories: ["footwear"],
    lines: [
      ["c", "Hello! The {product} I received are too small. Can I exchange them for size {size2}?"],
      ["a", "Hi {first}! Of course — exchanges are free within 30 days. Do you still have the original box?"],
      ["c", "Yes, everything is still in the box, I only tried them on inside"],
      ["a", "Perfect. I've created a return for order {order}; the prepaid label is on its way to your e-mail.\n\nDrop the parcel at any PostNL or DHL point. As soon as it's scanned, we ship size {size2}."],
      ["c", "Got the label, thanks. Is size {size2} in stock?"],
      ["a", "Yes, and I've reserved a pair for you so it won't sell out in the meantime."],
      ["c", "Dropped it off this morning", 14 * HOUR],
      ["a", "Thanks! I can see the scan — your new pair ships today. Tracking: {tracking}"],
      ["c", "Arrived and they fit perfectly!", 40 * HOUR],
      ["a", "Wonderful, enjoy them! 🙌"],
    ],
  },
  {
    id: "sizing-advice", lang: "en", tags: ["order"], subject: "Sizing question: {product}", team: "sales", categories: ["clothing"],
    lines: [
      ["c", "Hi, quick question about the {product}. I'm usually between M and L, which size would you recommend?"],
      ["a", "Hi {first}! The {product} runs slightly small, so if you're in between we recommend sizing up to L."],
      ["c", "And is there room for a fleece underneath?"],
      ["a", "Yes — with L there's room for a mid-layer fleece. If you want a thick down layer below it, XL may be better."],
      ["c", "Great, I'll go with L then. Do you ship outside the EU?"],
      ["a", "We do: the UK, the US, Canada and Switzerland. Outside the EU delivery takes 5–8 working days; duties are included in the price."],
      ["c", "Ordered 🙂"],
      ["a", "Thanks for your order! Let us know if you need anything else."],
    ],
  },
  {
    id: "refund-missing", lang: "en", tags: ["refund", "return"], subject: "Refund for {order} still missing", team: "billing", complaint: true,
    lines: [
      ["c", "I returned my {product} three weeks ago and still haven't got my refund. Order {order}."],
      ["c", "This is the second time I'm asking!!"],
      ["a", "Hi {first}, I'm sorry for the wait. Let me check what happened with the refund for {order}."],
      ["a", "The return arrived on time, but the refund wasn't processed — that's our mistake. I've now issued the refund of {amount}."],
      ["c", "When will I see the money?"],
      ["a", "It usually takes 3–5 working days for your bank to show it. You'll get a confirmation e-mail today."],
      ["c", "Ok. Please make sure it doesn't happen again."],
      ["a", "Understood, and sorry again. I've added a €10 voucher to your account for the trouble."],
      ["c", "Thanks, that's appreciated"],
    ],
  },
  {
    id: "company-invoice", lang: "en", tags: ["invoice"], subject: "Invoice with VAT for order {order}", team: "billing",
    lines: [
      ["c", "Hello, could you send me an invoice with our company details for order {order}? We need the VAT on it."],
      ["a", "Hi {first}, happy to help. Could you send me the company name, address and VAT number?"],
      ["c", "{company}\nKeizersgracht 123\n1015 CJ Amsterdam\nVAT NL123456789B01"],
      ["a", "Thanks! Here's invoice {invoice} for {amount}: https://northwind.test/invoices/{invoice}.pdf"],
      ["c", "Sorry, the VAT number is wrong, it should end in B02"],
      ["a", "No problem, I've corrected it. The updated invoice is at the same link."],
      ["c", "Perfect, thank you"],
    ],
  },
  {
    id: "double-charge", lang: "en", tags: ["invoice", "refund"], subject: "Charged twice for {order}", team: "billing", complaint: true,
    lines: [
      ["c", "Hi, I was charged twice for order {order}! {amount} two times on my credit card."],
      ["a", "Hi {first}, I'm sorry about that. Could you tell me the last 4 digits of the card and the dates of both charges?"],
      ["c", "Card ending 4821, both on the same day"],
      ["a", "Thanks. One of the two is only a pre-authorisation: it disappears from your statement automatically within 7 days. You won't be charged twice."],
      ["c", "Are you sure? It says 'processed' in my banking app"],
      ["a", "I checked with our payment provider: the second transaction is a reservation that was released today. If it still shows after 7 days, send me a screenshot and I'll refund it straight away."],
      ["c", "Ok I'll wait and see"],
    ],
  },
  {
    id: "zipper-warranty", lang: "en", tags: ["warranty"], subject: "Warranty claim: {product}", categories: ["clothing", "gear"],
    lines: [
      ["c", "The zipper on my {product} broke after 4 months. Is this covered by the warranty?"],
      ["a", "Hi {first}, sorry to hear that! All our gear has a 2-year warranty on manufacturing defects. Could you send a photo of the zipper and your order number?"],
      ["c", "Order {order}. I've e-mailed the photo to support@northwind.test"],
      ["a", "Got it, thanks. That's clearly a defect. We can repair it (about 2 weeks) or replace the {product} — what do you prefer?"],
      ["c", "Replacement please, I'm going on a trip next month"],
      ["a", "Done! A new {product} ships tomorrow. You can keep the broken one or drop it in a textile recycling bin."],
      ["c", "Wow, that's great service. Thanks {agent}!"],
      ["a", "My pleasure. Happy trails! ⛰️"],
    ],
  },
  {
    id: "restock", lang: "en", tags: ["order"], subject: "When is {product} back in stock?", team: "sales", categories: ["footwear", "clothing"],
    lines: [
      ["c", "Hey! When will the {product} be back in stock in size {size}?"],
      ["a", "Hi {first}! We expect a new delivery on {date}. Shall I let you know as soon as it's back?"],
      ["c", "Yes please"],
      ["a", "Done — you're on the list. You'll get a message here and an e-mail."],
      ["c", "Can I pre-order it?"],
      ["a", "Unfortunately pre-orders aren't possible, but I'll reserve one for you for 48 hours after it arrives."],
      ["c", "Amazing, thx"],
    ],
  },
  {
    id: "broken-pole", lang: "en", tags: ["return", "delivery"], subject: "Damaged tent, order {order}", categories: ["tent"], complaint: true,
    lines: [
      ["c", "My {product} arrived with a broken pole 😡\nOrder {order}\nThe box was damaged too"],
      ["a", "Hi {first}, I'm really sorry! Could you send me a photo of the pole and the box? Then I'll sort it out right away."],
      ["c", "Sent the photos by e-mail"],
      ["a", "Thank you. I'm sending you a replacement pole set today by express — you don't need to return anything."],
      ["c", "Will it arrive before the weekend?"],
      ["a", "Yes, it will be delivered on {date}. Tracking: {tracking}"],
      ["c", "ok thanks"],
    ],
  },
  {
    id: "address-change", lang: "en", tags: ["order", "delivery"], subject: "Wrong address on order {order}",
    lines: [
      ["c", "Hi, I made a mistake in the delivery address for order {order}. Can you still change it?"],
      ["a", "Hi {first}, let me check — it hasn't shipped yet, so yes! What's the correct address?"],
      ["c", "It should be house number 42B, not 24B. Same street."],
      ["a", "Updated! The order ships today to number 42B."],
      ["c", "🙏"],
    ],
  },
  {
    id: "praise", lang: "en", tags: ["feedback"], subject: "Thank you!",
    lines: [
      ["c", "Just wanted to say the {product} was brilliant on our trip through Iceland. Stayed dry the whole week!"],
      ["a", "Hi {first}, thanks so much for letting us know, that made our day! Would you mind if we shared your comment on our website?"],
      ["c", "Sure, go ahead"],
      ["a", "Thank you! As a little thank-you I've added a 15% discount code to your account: TRAIL15."],
      ["c", "Nice 😄"],
    ],
  },
  {
    id: "discount-code", lang: "en", tags: ["order", "complaint"], subject: "Discount code not working", team: "sales",
    lines: [
      ["c", "The discount code SPRING20 doesn't work at checkout"],
      ["a", "Hi {first}, sorry about that! SPRING20 is only valid on full-price items. Is anything in your basket already on sale?"],
      ["c", "Yes the {product} is on sale"],
      ["a", "That explains it. I can't combine the discounts, but I can give you free express shipping on this order instead. Shall I set that up?"],
      ["c", "Ok fine"],
      ["a", "Done — it's applied to your account for the next 7 days."],
    ],
  },
  {
    id: "cancel-order", lang: "en", tags: ["order", "refund"], subject: "Cancel order {order}",
    lines: [
      ["c", "Can I cancel order {order}? I ordered the wrong colour"],
      ["a", "Hi {first}, the order is already packed, but I can stop it. Would you like a different colour instead, or a full refund?"],
      ["c", "Please change it to the green one"],
      ["a", "Changed to green at no extra cost. It will ship tomorrow."],
      ["c", "Thank you!"],
    ],
  },
  {
    id: "group-order", lang: "en", tags: ["order"], subject: "Group discount for our hiking club", team: "sales", categories: ["clothing"],
    lines: [
      ["c", "Hi, we're a hiking club with 25 members. Do you offer a group discount on the {product}?"],
      ["a", "Hi {first}, thanks for your interest! For 20+ items we offer 15% off and free delivery. Which sizes do you need?"],
      ["c", "Roughly 8 S, 10 M and 7 L. Could we get our logo printed on them too?"],
      ["a", "Yes, printing is possible from 20 items at €4.50 per item. I'll prepare a quote — where should I send it?"],
      ["c", "{email}"],
      ["a", "Quote sent! It's valid for 30 days. Let me know if you have any questions."],
      ["c", "Received, we'll discuss it at our meeting on Thursday"],
      ["a", "Sounds good. Talk soon!"],
      ["c", "We'd like to go ahead with the order 🎉", 40 * HOUR],
      ["a", "Fantastic! I've sent the order confirmation and the payment link. Delivery is expected within 10 working days."],
      ["c", "Paid! Can you confirm you received it?", 5 * HOUR],
      ["a", "Payment received, thank you. Production of the prints has started; I'll send the tracking number as soon as it ships."],
      ["c", "Perfect 👌"],
    ],
  },
  {
    id: "nl-delivery", lang: "nl", tags: ["delivery"], subject: "Bestelling {order} nog niet ontvangen",
    lines: [
      ["c", "Hoi, mijn bestelling {order} is nog niet binnen. Kunnen jullie kijken waar hij blijft?"],
      ["a", "Hoi {first}, ik ben {agent}. Ik kijk het even voor je na!"],
      ["a", "Het pakket ligt bij PostNL en wordt op {date} bezorgd. Track & trace: {tracking}"],
      ["c", "Top, dank je wel!"],
      ["a", "Graag gedaan. Fijne dag nog!"],
    ],
  },
  {
    id: "nl-exchange", lang: "nl", tags: ["return"], subject: "Ruilen {product}", categories: ["clothing", "footwear"],
    lines: [
      ["c", "Goedemiddag, de {product} is te klein. Kan ik ruilen voor maat {size2}?"],
      ["a", "Goedemiddag {first}! Natuurlijk, ruilen is gratis binnen 30 dagen. Ik stuur je een retourlabel per e-mail."],
      ["c", "Label ontvangen, ik breng het pakket morgen weg", 30 * MINUTE],
      ["a", "Prima! Zodra het binnen is, sturen we maat {size2} op."],
      ["c", "Bedankt 👍"],
    ],
  },
  {
    id: "es-invoice", lang: "es", tags: ["invoice"], subject: "Factura del pedido {order}", team: "billing",
    lines: [
      ["c", "Hola, necesito la factura del pedido {order} a nombre de mi empresa, por favor."],
      ["a", "¡Hola {first}! Claro, ¿me puedes enviar el nombre de la empresa y el NIF?"],
      ["c", "{company}\nNIF B12345678"],
      ["a", "Aquí tienes la factura {invoice} por {amount}: https://northwind.test/invoices/{invoice}.pdf"],
      ["c", "¡Muchas gracias!"],
    ],
  },
  {
    id: "es-warranty", lang: "es", tags: ["warranty"], subject: "Garantía {product}", categories: ["footwear"],
    lines: [
      ["c", "Buenas, la suela de mis {product} se está despegando después de 3 meses."],
      ["a", "Hola {first}, lo siento mucho. Está cubierto por la garantía de 2 años. ¿Me envías una foto y el número de pedido?"],
      ["c", "Pedido {order}, foto enviada por correo"],
      ["a", "Gracias. Te enviamos un par nuevo mañana mismo 🥾"],
      ["c", "¡Genial, gracias!"],
    ],
  },
  {
    id: "de-delivery", lang: "de", tags: ["delivery", "order"], subject: "Bestellung {order} nicht angekommen",
    lines: [
      ["c", "Hallo, meine Bestellung {order} ist immer noch nicht angekommen. Wo bleibt sie?"],
      ["a", "Hallo {first}, danke für Ihre Nachricht! Ich schaue sofort nach."],
      ["a", "Das Paket ist bei DHL und wird voraussichtlich am {date} zugestellt. Sendungsnummer: {tracking}"],
      ["c", "Danke, aber an dem Tag bin ich nicht zu Hause. Kann es an eine Packstation gehen?"],
      ["a", "Ja, das können Sie direkt über den DHL-Link umleiten. Ich habe Ihnen den Link per E-Mail geschickt."],
      ["c", "Vielen Dank!"],
    ],
  },
  {
    id: "de-refund", lang: "de", tags: ["refund"], subject: "Erstattung für {order}", team: "billing",
    lines: [
      ["c", "Guten Tag, ich warte seit zwei Wochen auf meine Erstattung für {order}."],
      ["a", "Hallo {first}, das tut mir leid. Die Erstattung über {amount} wurde heute veranlasst."],
      ["c", "Danke für die schnelle Hilfe"],
    ],
  },
];

/** Messages that get a conversation rejected from New (or its sender barred); never answered. */
const junkScripts: readonly { spam: boolean; lines: readonly string[] }[] = [
  { spam: false, lines: ["hi", "sorry, wrong number"] },
  { spam: false, lines: ["Is this Pizzeria Napoli? I'd like to order 2 margheritas 🍕"] },
  { spam: false, lines: ["test", "test 123"] },
  { spam: false, lines: ["Do you sell fishing licences?"] },
  { spam: true, lines: ["Dear Sir/Madam, we are SEO experts. We can bring northwind.test to the FIRST PAGE of Google. Cheap price!!", "Reply YES for a free audit"] },
  { spam: true, lines: ["🔥💰 Earn $5000/week from home with our crypto trading bot. 100% guaranteed!! Join now: http://bit.ly/cr7pt0-pr0f1t"] },
];

const followUps: Record<ScriptLang, readonly string[]> = {
  en: ["Hello?", "Any update on this?", "Is anyone there?", "Sorry, one more thing: can you also check the delivery time?"],
  nl: ["Hallo?", "Nog nieuws?"],
  de: ["Hallo?", "Gibt es schon etwas Neues?"],
  es: ["¿Hola?", "¿Alguna novedad?"],
};

const emailSignOff: Record<ScriptLang, string> = {
  en: "Kind regards,",
  nl: "Met vriendelijke groet,",
  de: "Mit freundlichen Grüßen",
  es: "Un saludo,",
};

const whatsappTemplate =
  "Hi {first}, this is Northwind Outfitters with an update on your request. Reply to this message to continue the conversation.";

const noteTexts = [
  "Customer called as well, promised a callback Friday.",
  "Checked with the warehouse: the parcel left on Tuesday.",
  "Refund approved by finance — don't issue a second one.",
  "Repeat customer, very friendly. Offered free shipping on the next order.",
  "Asked Sam whether we can make an exception to the 30-day rule.",
  "Carrier claim filed, reference CLM-20931.",
  "Same customer e-mailed about this order last week.",
  "Photos of the damage are in the shared drive under returns/{order}.",
  "Waiting for the supplier to confirm the restock date.",
  "Invoice corrected; the old one is voided in the accounting system.",
  "Please don't close yet — the replacement hasn't been delivered.",
  "Escalated to the product team: third broken zipper on this model this month.",
  "Customer prefers e-mail for anything with attachments.",
];

// ---------------------------------------------------------------------------------------------------------
// Conversation plans

type Draft = {
  direction: Direction;
  body: string;
  kind: "text" | "template";
  /** Milliseconds since the previous message (0 for the first). */
  gap: number;
  failure?: { code: string; text: string };
};

type ConvPlan = {
  id: string;
  contact: ContactPlan;
  identity: IdentityPlan;
  status: Status;
  reason: ClosedReason | null;
  assignee: Staff | null;
  script: Script | null;
  junkSpam: boolean;
  product: Product;
  drafts: Draft[];
  /** Archived after the outbound message at this index, reopened by the customer's next message. */
  reopenAfter: number | null;
  closeDelay: number;
  times: number[];
};

type World = {
  rng: Rng;
  now: number;
  staff: Record<StaffKey, Staff>;
  teamIds: Record<TeamKey, string>;
  tagIds: Record<TagName, string>;
  channelIds: Record<ChannelKind, string>;
  inactivityCloseMs: number;
};

type ActiveSlot = { status: ActiveStatus; team: TeamKey; assignee: StaffKey | null };

function scaled(n: number, scale: number): number {
  return Math.max(1, Math.round(n * scale));
}

/**
 * The queue a demo sign-in sees: ~25 new (about half in Support, so Alex has plenty in New), ~30 open and
 * ~25 waiting, with Alex holding about eight of the assigned ones.
 */
function activeSlots(rng: Rng, scale: number): ActiveSlot[] {
  const slots: ActiveSlot[] = [];
  const newTotal = scaled(25, scale);
  const newSupport = scaled(12, scale);
  const newSales = Math.max(0, Math.min(newTotal - newSupport, scaled(7, scale)));
  for (let i = 0; i < newTotal; i++) {
    const team: TeamKey = i < newSupport ? "support" : i < newSupport + newSales ? "sales" : "billing";
    slots.push({ status: "new", team, assignee: null });
  }
  const teamFor = (who: StaffKey): TeamKey =>
    who === "alex" ? rng.weighted<TeamKey>([["support", 7], ["billing", 3]])
    : who === "jamie" ? rng.weighted<TeamKey>([["support", 5], ["sales", 5]])
    : who === "sam" ? rng.weighted<TeamKey>([["support", 4], ["sales", 3], ["billing", 3]])
    : "support";
  // Fixed quotas rather than draws: the demo accounts' queues should not depend on the luck of the seed.
  const quotas: [ActiveStatus, number, [StaffKey, number][]][] = [
    ["open", 30, [["alex", 4], ["ada", 2], ["sam", 9]]],
    ["waiting", 25, [["alex", 4], ["ada", 1], ["sam", 7]]],
  ];
  for (const [status, total, fixed] of quotas) {
    const owners: StaffKey[] = fixed.flatMap(([who, n]) => Array<StaffKey>(scaled(n, scale)).fill(who));
    const count = Math.max(scaled(total, scale), owners.length);
    while (owners.length < count) owners.push("jamie");
    for (const who of owners) slots.push({ status, team: teamFor(who), assignee: who });
  }
  // The first two New slots in Support are kept for the pinned (hostile-name) contacts; the rest are mixed
  // so that VIPs at the front of the pools spread over every status.
  const pinned = slots.slice(0, 2);
  return [...pinned, ...rng.shuffle(slots.slice(2))];
}

function pickScript(rng: Rng, contact: ContactPlan, team: TeamKey): Script {
  const native = contact.scriptLang !== "en" && rng.chance(0.4);
  const lang: ScriptLang = native ? contact.scriptLang : "en";
  const candidates = scripts.filter((s) => s.lang === lang);
  return rng.weighted(candidates.map((s) => [s, s.team === team ? 3 : 1] as const));
}

function pickProduct(rng: Rng, script: Script | null): Product {
  const fits = script?.categories ? products.filter((p) => script.categories?.includes(p.category)) : products;
  return rng.pick(fits);
}

function newPlan(world: World, contact: ContactPlan, identity: IdentityPlan, status: Status, reason: ClosedReason | null, assignee: Staff | null): ConvPlan {
  identity.uses++;
  return {
    id: world.rng.uuid(),
    contact,
    identity,
    status,
    reason,
    assignee,
    script: null,
    junkSpam: false,
    product: products[0],
    drafts: [],
    reopenAfter: null,
    closeDelay: 0,
    times: [],
  };
}

/** Fills the active slots with distinct contacts that can reach the slot's team. */
function planActive(world: World, people: ContactPlan[], scale: number): ConvPlan[] {
  const { rng, staff } = world;
  const customers = people.filter((c) => !c.spammer);
  const pinned = customers.filter((c) => c.pinned);
  const vips = customers.filter((c) => c.vip);
  const frontVips = vips.slice(0, Math.ceil(vips.length / 2));
  const rest = rng.shuffle(customers.filter((c) => !c.pinned && !frontVips.includes(c)));
  const order = [...pinned, ...frontVips, ...rest];
  const used = new Set<ContactPlan>();
  const plans: ConvPlan[] = [];
  for (const slot of activeSlots(rng, scale)) {
    let contact = order.find((c) => !used.has(c) && c.identities.some((i) => i.team === slot.team));
    let assignee = slot.assignee;
    if (!contact) {
      // Nobody left who writes to this team's channels: take anyone; the supervisor is in every team.
      contact = order.find((c) => !used.has(c));
      if (!contact) break;
      if (assignee) assignee = "sam";
    }
    used.add(contact);
    const matching = contact.identities.filter((i) => i.team === slot.team);
    const identity = rng.pick(matching.length ? matching : contact.identities);
    plans.push(newPlan(world, contact, identity, slot.status, null, assignee ? staff[assignee] : null));
  }
  return plans;
}

/** Closed conversations: every contact gets at least one, repeat customers a few (at most four). */
function planClosed(world: World, people: ContactPlan[], total: number, activeContacts: Set<ContactPlan>): ConvPlan[] {
  const { rng } = world;
  const perContact = new Map<ContactPlan, number>();
  const add = (c: ContactPlan) => perContact.set(c, (perContact.get(c) ?? 0) + 1);
  for (const c of people) if (!activeContacts.has(c)) add(c);
  const repeaters = people.filter((c) => !c.spammer);
  let remaining = total - [...perContact.values()].reduce((a, b) => a + b, 0);
  let guard = 0;
  while (remaining > 0 && guard++ < total * 20) {
    const c = rng.pick(repeaters);
    if ((perContact.get(c) ?? 0) >= 4) continue;
    add(c);
    remaining--;
  }
  const plans: ConvPlan[] = [];
  for (const [contact, count] of perContact) {
    for (let i = 0; i < count; i++) {
      let reason: ClosedReason;
      if (contact.spammer) reason = i === 0 ? "barred" : "rejected";
      else reason = rng.weighted<ClosedReason>([["archived", 81], ["inactive", 12], ["rejected", 7]]);
      const identity = contact.identities.length > 1 && rng.chance(0.3) ? contact.identities[1] : contact.identities[0];
      plans.push(newPlan(world, contact, identity, "closed", reason, null));
    }
  }
  return plans;
}

/** A contact with two identities should have written from both: move one closed conversation over. */
function useEveryIdentity(plans: ConvPlan[], people: ContactPlan[]): void {
  const byContact = new Map<ContactPlan, ConvPlan[]>();
  for (const p of plans) byContact.set(p.contact, [...(byContact.get(p.contact) ?? []), p]);
  for (const contact of people) {
    for (const unused of contact.identities.filter((i) => i.uses === 0)) {
      const movable = (byContact.get(contact) ?? []).find((p) => p.status === "closed" && p.identity.uses > 1);
      if (movable) {
        movable.identity.uses--;
        movable.identity = unused;
        unused.uses++;
      }
    }
    // Still unused (the contact has a single conversation): we never heard from it, so it does not exist.
    contact.identities = contact.identities.filter((i) => i.uses > 0);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Threads

function gapBefore(rng: Rng, prev: Direction, cur: Direction): number {
  if (prev === "in" && cur === "in") return rng.skewed(8_000, 4 * MINUTE);
  if (prev === "in" && cur === "out") return rng.skewed(40_000, 3 * HOUR); // response time
  if (prev === "out" && cur === "out") return rng.int(15_000, 3 * MINUTE);
  return rng.skewed(MINUTE, 18 * HOUR); // the customer answering
}

/** Where a script stops depends on the state the conversation is left in. */
function cutScript(rng: Rng, lines: readonly Line[], status: Status, reason: ClosedReason | null): readonly Line[] {
  const firstAgent = lines.findIndex(([who]) => who === "a");
  const ends = (pred: (i: number) => boolean) => lines.map((_, i) => i).filter(pred);
  let end: number;
  if (status === "new") {
    end = rng.int(0, firstAgent - 1);
  } else if (status === "open") {
    const options = ends((i) => lines[i][0] === "c" && i > firstAgent);
    end = rng.chance(0.15) || !options.length ? firstAgent - 1 : rng.pick(options);
  } else if (status === "waiting" || reason === "inactive") {
    end = rng.pick(ends((i) => lines[i][0] === "a"));
  } else {
    const options = ends((i) => i > firstAgent);
    end = rng.chance(0.55) || !options.length ? lines.length - 1 : rng.pick(options);
  }
  return lines.slice(0, end + 1);
}

type FailureBudget = { whatsapp: number; sms: number };

function draftThread(world: World, plan: ConvPlan, failures: FailureBudget): void {
  const { rng } = world;
  const team = plan.identity.team;
  const junk = plan.reason === "rejected" || plan.reason === "barred";
  let lines: readonly Line[];
  if (junk) {
    // Spam comes from spammers and from senders we do not know by name; a named customer just mis-typed.
    const wantSpam = plan.contact.spammer || (!plan.contact.row.name && rng.chance(0.5));
    const junkScript = rng.pick(junkScripts.filter((j) => j.spam === wantSpam));
    plan.junkSpam = junkScript.spam;
    lines = junkScript.lines.map((text) => ["c", text] as const);
  } else {
    plan.script = pickScript(rng, plan.contact, team);
    lines = cutScript(rng, plan.script.lines, plan.status, plan.reason);
  }
  plan.product = pickProduct(rng, plan.script);

  const drafts: Draft[] = lines.map(([who, body, minGap], i) => ({
    direction: who === "c" ? "in" : "out",
    body,
    kind: "text",
    gap: i === 0 ? 0 : Math.max(minGap ?? 0, gapBefore(rng, lines[i - 1][0] === "c" ? "in" : "out", who === "c" ? "in" : "out")),
  }));

  // A customer left waiting with a question sometimes nudges (rarely leaving a single message in New).
  const asked = drafts[drafts.length - 1].body.includes("?") || plan.status === "new";
  if ((plan.status === "new" || plan.status === "open") && asked && rng.chance(drafts.length === 1 ? 0.6 : 0.3)) {
    drafts.push({ direction: "in", body: rng.pick(followUps[plan.script?.lang ?? "en"]), kind: "text", gap: rng.skewed(20 * MINUTE, 6 * HOUR) });
  }

  const kind = plan.identity.kind;
  // Only where the extra message keeps the thread within 14 messages.
  const failable = (plan.status === "waiting" || plan.reason === "archived") && drafts.length < 14;
  const answerIdx = drafts.findLastIndex((d, i) => i > 0 && d.direction === "out" && drafts[i - 1].direction === "in");
  if (failable && answerIdx > 0 && kind === "whatsapp" && failures.whatsapp > 0 && rng.chance(0.5)) {
    // Answered after WhatsApp's 24-hour window: the free-form reply bounces, a template goes out instead.
    failures.whatsapp--;
    const answer = drafts[answerIdx];
    drafts.splice(
      answerIdx,
      1,
      { ...answer, gap: rng.int(25 * HOUR, 30 * HOUR), failure: { code: "131047", text: "Re-engagement message: more than 24 hours have passed since the customer last replied to this number." } },
      { direction: "out", body: whatsappTemplate, kind: "template", gap: rng.int(MINUTE, 4 * MINUTE) },
    );
  } else if (failable && answerIdx > 0 && kind === "sms" && failures.sms > 0 && rng.chance(0.5)) {
    // The handset was off; the agent sent the same text again a few minutes later.
    failures.sms--;
    const answer = drafts[answerIdx];
    drafts.splice(
      answerIdx,
      1,
      { ...answer, failure: { code: "30003", text: "Unreachable destination handset" } },
      { ...answer, gap: rng.int(3 * MINUTE, 12 * MINUTE) },
    );
  } else if (!junk && drafts.length >= 4 && plan.status !== "new" && rng.chance(0.03)) {
    // Archived too early: the customer wrote again inside the reopen window.
    const candidates = drafts.map((_, i) => i).filter((i) => i + 1 < drafts.length && drafts[i].direction === "out" && drafts[i + 1].direction === "in");
    if (candidates.length) {
      const k = rng.pick(candidates);
      drafts[k + 1].gap = rng.int(2 * HOUR, 20 * HOUR);
      plan.reopenAfter = k;
    }
  }
  plan.drafts = drafts;

  plan.closeDelay =
    plan.reason === "archived" ? rng.skewed(2 * MINUTE, 6 * HOUR)
    : plan.reason === "inactive" ? world.inactivityCloseMs + rng.int(0, 55 * MINUTE) // the job's next run
    : plan.reason === "rejected" || plan.reason === "barred" ? rng.skewed(3 * MINUTE, 3 * HOUR)
    : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Timing

function threadLength(plan: ConvPlan): number {
  return plan.drafts.reduce((sum, d) => sum + d.gap, 0);
}

/**
 * Customers of a still-open case take their time: stretches the customer's reply gaps (never our response
 * times, which statistics measure) so the thread spans up to `span`, each gap staying under the 72-hour
 * inactivity close that would otherwise have ended the conversation.
 */
function stretchCustomerGaps(plan: ConvPlan, span: number): void {
  // The message that reopened an archived conversation must stay inside the reopen window.
  const replies = plan.drafts.filter(
    (d, i) => i > 0 && d.direction === "in" && plan.drafts[i - 1].direction === "out" && i !== (plan.reopenAfter ?? -2) + 1,
  );
  const replyTotal = replies.reduce((sum, d) => sum + d.gap, 0);
  const extra = span - threadLength(plan);
  if (!replies.length || extra <= 0) return;
  const longest = Math.max(...replies.map((d) => d.gap));
  const factor = Math.min(1 + extra / replyTotal, (60 * HOUR) / longest);
  for (const d of replies) d.gap = Math.round(d.gap * Math.max(1, factor));
}

function setTimes(plan: ConvPlan, start: number, gapScale = 1): void {
  let t = start;
  plan.times = plan.drafts.map((d, i) => (t += i === 0 ? 0 : Math.max(5_000, Math.round(d.gap * gapScale))));
}

/**
 * Active conversations end in the last two days (younger than the 72-hour inactivity close); a contact's
 * closed conversations come before, each in its own slice of the last 90 days so they never overlap.
 */
function schedule(world: World, plans: ConvPlan[]): void {
  const { rng, now } = world;
  const byContact = new Map<ContactPlan, ConvPlan[]>();
  for (const p of plans) byContact.set(p.contact, [...(byContact.get(p.contact) ?? []), p]);
  for (const list of byContact.values()) {
    const active = list.find((p) => p.status !== "closed");
    let windowEnd = now - HOUR;
    if (active) {
      const ago =
        active.status === "new" ? rng.skewed(4 * MINUTE, 30 * HOUR)
        : active.status === "open" ? rng.skewed(2 * MINUTE, 40 * HOUR)
        : rng.skewed(10 * MINUTE, 50 * HOUR);
      if (active.status !== "new") stretchCustomerGaps(active, rng.skewed(HOUR, 12 * DAY, 1.5));
      setTimes(active, now - ago - threadLength(active));
      windowEnd = active.times[0] - 6 * HOUR;
    }
    const closed = rng.shuffle(list.filter((p) => p.status === "closed"));
    const windowStart = now - 89 * DAY;
    const slice = (windowEnd - windowStart) / Math.max(1, closed.length);
    closed.forEach((plan, j) => {
      const room = slice * 0.9;
      const length = threadLength(plan);
      if (plan.closeDelay > room * 0.5) plan.closeDelay = Math.round(room * 0.5);
      const gapScale = length + plan.closeDelay > room ? Math.max(0.01, (room - plan.closeDelay) / length) : 1;
      const used = length * gapScale + plan.closeDelay;
      setTimes(plan, Math.round(windowStart + j * slice + rng.float(0, Math.max(0, room - used))), gapScale);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rows

type Rows = {
  conversations: ConversationRow[];
  messages: MessageRow[];
  events: EventRow[];
  notes: NoteRow[];
  conversationTags: ConversationTagRow[];
};

const locales: Record<ScriptLang, string> = { en: "en-GB", nl: "nl-NL", de: "de-DE", es: "es-ES" };

function render(text: string, vars: Record<string, string>, firstName: string | null, lang: ScriptLang): string {
  const greeted = text.replace(/ \{first\}/g, firstName ? ` ${firstName}` : lang === "en" ? " there" : "");
  return greeted.replace(/\{(\w+)\}/g, (match, key: string) => vars[key] ?? match);
}

function conversationVars(rng: Rng, plan: ConvPlan, lang: ScriptLang): Record<string, string> {
  const { product } = plan;
  const sizeIdx = product.sizes.length ? rng.int(0, product.sizes.length - 2) : 0;
  const start = new Date(plan.times[0]);
  const tracking = () => (rng.chance(0.6) ? `3SNWD${rng.digits(9)}` : `JJD00${rng.digits(16)}`);
  return {
    order: `NW-${rng.int(120_000, 189_999)}`,
    product: product.name,
    size: product.sizes[sizeIdx] ?? "M",
    size2: product.sizes[sizeIdx + 1] ?? "L",
    tracking: tracking(),
    tracking2: tracking(),
    invoice: `INV-${start.getUTCFullYear()}-${rng.digits(5)}`,
    amount: new Intl.NumberFormat(locales[lang], { style: "currency", currency: "EUR" }).format(product.price),
    company: plan.contact.row.company ?? rng.pick(companies),
    email: plan.contact.row.email ?? "info@hikingclub.example",
  };
}

/** Who holds the conversation over time: the assignee, an earlier holder before a transfer, or nobody. */
type Holding = { from: number; to: number; who: Staff | null };

function outboundStatus(rng: Rng, kind: ChannelKind, answered: boolean): DeliveryStatus {
  // Telegram bots and e-mail get no receipts; Twilio reports delivery but not reading.
  if (kind === "telegram" || kind === "email") return "sent";
  if (kind === "sms") return answered || rng.chance(0.8) ? "delivered" : "sent";
  if (answered) return "read";
  return rng.weighted<DeliveryStatus>([["read", 5], ["delivered", 4], ["sent", 1]]);
}

function buildConversation(world: World, plan: ConvPlan, out: Rows): void {
  const { rng, now, staff } = world;
  const lang = plan.script?.lang ?? "en";
  const team = plan.identity.team;
  const teamId = world.teamIds[team];
  const channelId = plan.identity.row.channelId;
  const identityId = plan.identity.row.id;
  const times = plan.times;
  const first = times[0];
  const last = times[times.length - 1];
  const closedAt = plan.status === "closed" ? last + plan.closeDelay : null;
  const horizon = closedAt ?? now;
  const vars = conversationVars(rng, plan, lang);
  const events: EventRow[] = [];
  const event = (type: EventType, at: number, actor: Staff | null, data: Record<string, unknown> = {}) =>
    events.push({ conversationId: plan.id, type, actorId: actor?.id ?? null, data, createdAt: new Date(at) });

  if ((plan.reason === "archived" || plan.reason === "inactive") && !plan.assignee) {
    plan.assignee = staff[rng.weighted(assigneePool(team, first, now))];
  }
  const assignee = plan.assignee;
  const firstOutIdx = plan.drafts.findIndex((d) => d.direction === "out");
  const firstOut = firstOutIdx >= 0 ? times[firstOutIdx] : null;

  event("created", first, null, { channelId });

  // Assignment history.
  const holdings: Holding[] = [];
  let assignedAt: number | null = null;
  const otherThan = (who: Staff, at: number) => {
    const pool = assigneePool(team, at, now).filter(([k]) => k !== who.key);
    return pool.length ? staff[rng.weighted(pool)] : null;
  };
  if (assignee) {
    const until = firstOut ?? Math.min(horizon, last + rng.skewed(MINUTE, 2 * HOUR));
    const pickup = firstOut !== null ? first + (firstOut - first) * rng.float(0.2, 0.9) : last + (until - last) * rng.float(0.1, 0.9);
    const transferAt = plan.drafts.findIndex((d, i) => i > firstOutIdx && firstOutIdx >= 0 && d.direction === "in" && plan.drafts.slice(i + 1).some((n) => n.direction === "out"));
    const previous = otherThan(assignee, first);
    if (previous && transferAt > 0 && rng.chance(0.05)) {
      // Handed over mid-thread, e.g. a billing question that reached Support's agent.
      const at = times[transferAt] + (times[transferAt + 1] - times[transferAt]) * rng.float(0.2, 0.6);
      event("assigned", pickup, previous, { toUserId: previous.id });
      event("transferred", at, previous, { fromUserId: previous.id, toUserId: assignee.id });
      holdings.push({ from: pickup, to: at, who: previous }, { from: at, to: Infinity, who: assignee });
      assignedAt = at;
    } else if (previous && firstOut !== null && firstOut - first > 20 * MINUTE && rng.chance(0.06)) {
      // Picked up, released at the end of someone's shift, picked up by a colleague.
      const g = firstOut - first;
      const [a1, r1, a2] = [first + g * 0.15, first + g * 0.35, first + g * 0.6];
      event("assigned", a1, previous, { toUserId: previous.id });
      event("released", r1, previous, { fromUserId: previous.id });
      event("assigned", a2, assignee, { toUserId: assignee.id });
      holdings.push({ from: a2, to: Infinity, who: assignee });
      assignedAt = a2;
    } else {
      event("assigned", pickup, assignee, { toUserId: assignee.id });
      holdings.push({ from: pickup, to: Infinity, who: assignee });
      assignedAt = pickup;
    }
  } else if (plan.status === "new" && rng.chance(0.2)) {
    const someone = staff[rng.weighted(assigneePool(team, first, now))];
    const a1 = first + (now - first) * rng.float(0.1, 0.5);
    event("assigned", a1, someone, { toUserId: someone.id });
    event("released", a1 + (now - a1) * rng.float(0.1, 0.6), someone, { fromUserId: someone.id });
  }
  const holderAt = (t: number): Staff | null => holdings.find((h) => t >= h.from && t < h.to)?.who ?? assignee;

  // Messages.
  const firstName = plan.contact.firstName;
  const email = plan.identity.kind === "email";
  const subject = plan.script ? render(plan.script.subject, vars, firstName, lang) : "(no subject)";
  let firstResponseAt: number | null = null;
  let lastInboundAt: number | null = null;
  let lastOutIdx = -1;
  const bodies: string[] = [];
  plan.drafts.forEach((d, i) => {
    const at = times[i];
    const holder = holderAt(at);
    // "{date}" is a day or two after the message that mentions it.
    const date = new Date(at + rng.int(1, 3) * DAY).toLocaleDateString(locales[lang], { weekday: "long", day: "numeric", month: "long", timeZone: TEAM_TIME_ZONE });
    let body = render(d.body, { ...vars, agent: holder?.firstName ?? "the team", date }, firstName, lang);
    if (email && d.direction === "out") body += `\n\n${emailSignOff[lang]}\n${holder?.firstName ?? "Northwind"}\nNorthwind Outfitters Customer Service`;
    if (email && d.direction === "in" && i === 0 && plan.contact.row.name) body += `\n\n${emailSignOff[lang]}\n${plan.contact.row.name}`;
    bodies.push(body);
    const answered = plan.drafts.slice(i + 1).some((n) => n.direction === "in");
    const failed = d.failure !== undefined;
    const status: DeliveryStatus = d.direction === "in" ? "received" : failed ? "failed" : outboundStatus(rng, plan.identity.kind, answered);
    if (d.direction === "in") lastInboundAt = at;
    if (d.direction === "out" && !failed) {
      if (firstResponseAt === null) {
        firstResponseAt = at;
        event("first_response", at, holder);
      }
      lastOutIdx = i;
    }
    out.messages.push({
      id: rng.uuid(),
      conversationId: plan.id,
      channelId,
      identityId,
      direction: d.direction,
      authorId: d.direction === "out" ? (holder?.id ?? null) : null,
      kind: d.kind,
      body,
      payload: email ? { subject: i === 0 ? subject : `Re: ${subject}` } : null,
      providerMessageId: failed ? null : `seed-${rng.uuid()}`,
      status,
      errorCode: d.failure?.code ?? null,
      errorText: d.failure?.text ?? null,
      createdAt: new Date(at),
      statusAt: d.direction === "in" ? null : new Date(at + (status === "read" ? rng.skewed(20_000, 40 * MINUTE) : rng.int(1_000, 20_000))),
    });
  });
  if (plan.reopenAfter !== null) {
    const k = plan.reopenAfter;
    const archivedAt = times[k] + (times[k + 1] - times[k]) * rng.float(0.05, 0.3);
    event("archived", archivedAt, holderAt(archivedAt), { reason: "archived" });
    event("reopened", times[k + 1], null, { reason: "customer_replied" });
  }

  // Tags: agents mostly tag while archiving; spam gets tagged by whoever rejects it.
  const closer =
    plan.reason === "archived" ? assignee
    : plan.reason === "rejected" ? staff[rng.weighted(assigneePool(team, first, now))]
    : plan.reason === "barred" ? staff[rng.pick<StaffKey>(["ada", "sam"])]
    : null;
  const tagNames = new Set<TagName>();
  if (plan.junkSpam) tagNames.add("spam");
  else if (assignee && plan.script && rng.chance(0.65)) {
    for (const t of rng.shuffle(plan.script.tags).slice(0, rng.int(1, 2))) tagNames.add(t);
    if (plan.contact.vip && rng.chance(0.8)) tagNames.add("vip");
    if (plan.script.complaint && rng.chance(0.4)) tagNames.add("complaint");
  }
  const tagFrom = assignedAt ?? first;
  for (const name of [...tagNames].slice(0, 3)) {
    const at = closedAt !== null && (plan.junkSpam || rng.chance(0.7)) ? closedAt - rng.int(2_000, 60_000) : tagFrom + (Math.max(last, tagFrom) - tagFrom) * rng.next();
    const by = (plan.junkSpam ? closer : holderAt(at)) ?? assignee ?? staff.sam;
    out.conversationTags.push({ conversationId: plan.id, tagId: world.tagIds[name], addedById: by.id, createdAt: new Date(at) });
    event("tagged", at, by, { tagId: world.tagIds[name], name });
  }

  // Internal notes.
  if (assignee && rng.chance(0.22)) {
    const at = tagFrom + (horizon - tagFrom) * rng.float(0.2, 0.9);
    const author = rng.chance(0.7) ? (holderAt(at) ?? assignee) : staff.sam;
    const noteId = rng.uuid();
    out.notes.push({ id: noteId, conversationId: plan.id, authorId: author.id, body: render(rng.pick(noteTexts), vars, firstName, lang), createdAt: new Date(at) });
    event("noted", at, author, { noteId });
  }

  // Closing.
  if (closedAt !== null && plan.reason) {
    const type: EventType = plan.reason === "archived" ? "archived" : plan.reason === "rejected" ? "rejected" : "closed";
    event(type, closedAt, closer, { reason: plan.reason });
  }

  // Since when the customer waits: the first inbound after our last (successful) outbound.
  const lastDraft = plan.drafts[plan.drafts.length - 1];
  let waitingSince: number | null = null;
  if (plan.status !== "closed" && lastDraft.direction === "in") {
    const idx = plan.drafts.findIndex((d, i) => i > lastOutIdx && d.direction === "in");
    waitingSince = times[idx];
  }

  out.conversations.push({
    id: plan.id,
    contactId: plan.contact.row.id,
    teamId,
    assigneeId: assignee?.id ?? null,
    channelId,
    identityId,
    status: plan.status,
    closedReason: plan.reason,
    priority: plan.contact.vip ? 1 : 0,
    createdAt: new Date(first),
    assignedAt: assignedAt === null ? null : new Date(assignedAt),
    firstResponseAt: firstResponseAt === null ? null : new Date(firstResponseAt),
    lastInboundAt: lastInboundAt === null ? null : new Date(lastInboundAt),
    lastMessageAt: new Date(last),
    waitingSince: waitingSince === null ? null : new Date(waitingSince),
    closedAt: closedAt === null ? null : new Date(closedAt),
    lastMessagePreview: preview(bodies[bodies.length - 1]),
    lastMessageDirection: lastDraft.direction,
    messageCount: plan.drafts.length,
  });
  events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  out.events.push(...events);
}

/** Contacts and identities take their times from the conversations: created at the first message. */
function finishContacts(people: ContactPlan[], plans: ConvPlan[]): void {
  const firstSeen = new Map<string, number>();
  const lastIn = new Map<string, number>();
  for (const p of plans) {
    const start = p.times[0];
    const inbound = p.times.filter((_, i) => p.drafts[i].direction === "in");
    const latest = inbound[inbound.length - 1];
    for (const key of [p.contact.row.id, p.identity.row.id]) firstSeen.set(key, Math.min(firstSeen.get(key) ?? Infinity, start));
    for (const key of [p.contact.row.id, p.identity.row.id]) lastIn.set(key, Math.max(lastIn.get(key) ?? 0, latest));
  }
  for (const c of people) {
    const created = firstSeen.get(c.row.id);
    if (created === undefined) continue;
    c.row.createdAt = new Date(created);
    c.row.updatedAt = new Date(lastIn.get(c.row.id) ?? created);
    for (const i of c.identities) {
      i.row.createdAt = new Date(firstSeen.get(i.row.id) ?? created);
      i.row.lastInboundAt = new Date(lastIn.get(i.row.id) ?? created);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Postgres caps a statement at 65,535 parameters; 500 rows of any table here stay far below. */
async function insertInChunks<T extends PgTable>(db: DbOrTx, table: T, rows: PgInsertValue<T>[], size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

async function seedCompany(db: DbOrTx, rng: Rng, now: number) {
  const founded = new Date(now - 120 * DAY);
  await getSettings(db);
  await db.update(settings).set({ companyName: "Northwind Outfitters", seats: 10, planStartedAt: founded }).where(eq(settings.id, 1));
  const serviceSettings = await getSettings(db);

  const support = await ensureDefaultTeam(db);
  await db.update(teams).set({ timeZone: TEAM_TIME_ZONE, createdAt: founded }).where(eq(teams.id, support.id));
  const created = await db
    .insert(teams)
    .values(teamSpecs.filter((t) => t.key !== "support").map((t) => ({ name: t.name, timeZone: TEAM_TIME_ZONE, createdAt: founded })))
    .returning({ id: teams.id, name: teams.name });
  const teamIds = { support: support.id } as Record<TeamKey, string>;
  for (const spec of teamSpecs) if (spec.key !== "support") teamIds[spec.key] = created.find((t) => t.name === spec.name)?.id ?? "";

  // createUser hashes with argon2 (~50 ms each); six users is fine one by one.
  const staff = {} as Record<StaffKey, Staff>;
  for (const spec of staffSpecs) {
    const account = demoAccounts.find((a) => a.email === spec.email);
    if (!account) throw new Error(`seed: no demo account for ${spec.email}`);
    const user = await createUser(db, { ...account, teamIds: spec.teams.map((t) => teamIds[t]) });
    staff[spec.key] = { key: spec.key, id: user.id, firstName: account.name.split(" ")[0] };
  }
  const userIds = Object.values(staff).map((s) => s.id);
  await db.update(users).set({ timeZone: TEAM_TIME_ZONE, createdAt: founded }).where(inArray(users.id, userIds));
  // Recently seen colleagues, so presence has something to show; Dan left long ago.
  for (const key of ["ada", "sam", "alex", "jamie", "wendy"] as const) {
    await db.update(users).set({ lastSeenAt: new Date(now - rng.skewed(MINUTE, 20 * HOUR)) }).where(eq(users.id, staff[key].id));
  }
  await db.update(users).set({ lastSeenAt: new Date(now - 52 * DAY) }).where(eq(users.id, staff.dan.id));

  const channelRows = channelSpecs.map((c) => ({
    id: rng.uuid(),
    kind: c.kind,
    name: c.name,
    externalId: c.externalId,
    settings: c.settings,
    credentials: null,
    teamId: c.team ? teamIds[c.team] : null,
    createdAt: new Date(now - 110 * DAY),
  }));
  await db.insert(channels).values(channelRows);
  const channelIds = Object.fromEntries(channelRows.map((c) => [c.kind, c.id])) as Record<ChannelKind, string>;

  const tagRows = tagSpecs.map((t) => ({ id: rng.uuid(), name: t.name, color: t.color, createdAt: new Date(now - 100 * DAY) }));
  await db.insert(tags).values(tagRows);
  const tagIds = Object.fromEntries(tagRows.map((t) => [t.name, t.id])) as Record<TagName, string>;

  const world: World = { rng, now, staff, teamIds, tagIds, channelIds, inactivityCloseMs: serviceSettings.inactivityCloseHours * HOUR };
  return world;
}

/** Builds Northwind Outfitters into an empty, migrated database. */
export async function seed(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const rng = new Rng(options.random ?? mulberry32(42));
  const now = (options.now ?? new Date()).getTime();
  const scale = Math.max(0.05, options.scale ?? 1);
  if (await hasAnyUser(db)) throw new Error("seed: the database already has users; the demo data goes into an empty database only");

  return db.transaction(async (tx) => {
    const world = await seedCompany(tx, rng, now);
    await seedOfficeHoursAndReplies(tx, world);
    await seedTemplates(tx, world);

    const kindTeam = (kind: ChannelKind): TeamKey => channelSpecs.find((c) => c.kind === kind)?.team ?? "support";
    const people = planContacts(
      {
        rng,
        reg: { externalIds: new Map(), usernames: new Set() },
        phones: new Set(),
        emails: new Set(),
        teamOfKind: kindTeam,
        channelIdOfKind: (kind) => world.channelIds[kind],
      },
      Math.round(150 * scale),
    );

    const active = planActive(world, people, scale);
    const closed = planClosed(world, people, Math.round(300 * scale) - active.length, new Set(active.map((p) => p.contact)));
    const plans = [...active, ...closed];
    useEveryIdentity(plans, people);
    const failures: FailureBudget = { whatsapp: 2, sms: 1 };
    for (const plan of plans) draftThread(world, plan, failures);
    schedule(world, plans);
    finishContacts(people, plans);

    // Numbers come from an identity column in insert order: oldest conversation gets the lowest number.
    plans.sort((a, b) => a.times[0] - b.times[0]);
    const out: Rows = { conversations: [], messages: [], events: [], notes: [], conversationTags: [] };
    for (const plan of plans) buildConversation(world, plan, out);

    await insertInChunks(tx, contacts, people.map((c) => c.row));
    await insertInChunks(tx, contactIdentities, people.flatMap((c) => c.identities.map((i) => i.row)));
    await insertInChunks(tx, conversations, out.conversations);
    await insertInChunks(tx, messages, out.messages);
    await insertInChunks(tx, notes, out.notes);
    await insertInChunks(tx, conversationTags, out.conversationTags);
    out.events.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    await insertInChunks(tx, conversationEvents, out.events);
    await seedContactDetails(tx);

    return {
      users: staffSpecs.length,
      teams: teamSpecs.length,
      channels: channelSpecs.length,
      contacts: people.length,
      conversations: out.conversations.length,
      messages: out.messages.length,
    };
  });
}

import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channelKindEnum } from "./enums";
import { teams } from "./users";

export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: channelKindEnum("kind").notNull(),
    name: text("name").notNull(),
    /** The provider's id for this account (phone number id, page id, bot id, inbound address...). */
    externalId: text("external_id"),
    /** Non-secret settings shown in the UI (widget colour, greeting, SMTP host...). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    /** Secrets, AES-GCM encrypted with a key derived from AUTH_SECRET; never sent to the browser. */
    credentials: text("credentials"),
    active: boolean("active").notNull().default(true),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channels_kind_idx").on(t.kind)],
);

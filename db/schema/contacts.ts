import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** What we call the customer: the edited first/last name, else the profile name a channel gave us. */
    name: text("name"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    vip: boolean("vip").notNull().default(false),
    blocked: boolean("blocked").notNull().default(false),
    idNumber: text("id_number"),
    idType: text("id_type"),
    birthdate: date("birthdate"),
    motherName: text("mother_name"),
    address: text("address"),
    gender: text("gender"),
    language: text("language"),
    city: text("city"),
    country: text("country"),
    postalCode: text("postal_code"),
    company: text("company"),
    notes: text("notes"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contacts_email_lower_idx").on(sql`lower(${t.email})`),
    index("contacts_phone_idx").on(t.phone),
    index("contacts_name_lower_idx").on(sql`lower(${t.name})`),
  ],
);

export const contactIdentities = pgTable(
  "contact_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    /** The provider's id for the sender: WhatsApp number, PSID, Telegram chat id, e-mail address, visitor id. */
    externalId: text("external_id").notNull(),
    /** The number, handle or address shown to agents when the customer has no name. */
    handle: text("handle"),
    profileName: text("profile_name"),
    barred: boolean("barred").notNull().default(false),
    droppedCount: integer("dropped_count").notNull().default(0),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_identities_channel_external_idx").on(t.channelId, t.externalId),
    index("contact_identities_contact_idx").on(t.contactId),
  ],
);

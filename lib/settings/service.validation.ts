import { z } from "zod";
import { isRegionCode } from "@/lib/settings/regions";

/** Shared by the service-settings form (in the browser) and lib/settings/service.ts (on the server). */

/** "1 hour", "24 hours": `what` is the plural. */
const amount = (n: number, what: string) => `${n.toLocaleString("en")} ${n === 1 ? what.replace(/s$/, "") : what}`;

const whole = (min: number, max: number, what: string) =>
  z.coerce
    .number(`Enter a number of ${what}.`)
    .int(`Enter a whole number of ${what}.`)
    .min(min, `Use at least ${amount(min, what)}.`)
    .max(max, `Use at most ${amount(max, what)}.`);

/** An empty field reads as "not given" rather than 0. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const RETENTION_MAX_DAYS = 3650;

export const serviceSettingsSchema = z
  .object({
    agentsCanCreateTags: z.boolean(),
    agentsCanMerge: z.boolean(),
    agentsCanSeeAll: z.boolean(),
    agentsCanExport: z.boolean(),
    inactivityCloseHours: whole(1, 8760, "hours"),
    reopenWindowHours: whole(0, 720, "hours"),
    retentionEnabled: z.boolean(),
    retentionDays: optional(whole(1, RETENTION_MAX_DAYS, "days")),
    defaultRegion: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isRegionCode, "Choose a country (a two-letter ISO 3166 code, e.g. NL)."),
    responseTargetMinutes: whole(1, 10080, "minutes"),
  })
  .refine((v) => !v.retentionEnabled || v.retentionDays !== undefined, {
    path: ["retentionDays"],
    message: "Enter after how many days messages are deleted.",
  });

export type ServiceSettingsInput = z.input<typeof serviceSettingsSchema>;
export type ServiceSettingsValues = z.output<typeof serviceSettingsSchema>;

export const retentionDaysSchema = whole(1, RETENTION_MAX_DAYS, "days");

export const agentsCanCreateTagsSchema = z.object({ agentsCanCreateTags: z.boolean() });

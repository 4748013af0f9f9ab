import { getCountries, parsePhoneNumberWithError, ParseError, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { countryName, languageName } from "@/lib/names";

/**
 * The contact form's rules, shared by the browser (react-hook-form) and the server (lib/contacts), with no
 * server imports. Phone numbers are read with libphonenumber's full metadata, in the service's default
 * region when written without a country code, and stored in E.164.
 */

export const MAX_PHONES = 10;
export const MAX_EMAILS = 10;

export const idTypes = ["national_id", "passport", "driving_licence", "tax_number", "residence_permit", "other"] as const;
export const idTypeLabels: Record<(typeof idTypes)[number], string> = {
  national_id: "National ID card",
  passport: "Passport",
  driving_licence: "Driving licence",
  tax_number: "Tax number",
  residence_permit: "Residence permit",
  other: "Other",
};
export const genders = ["female", "male", "non_binary", "unspecified"] as const;
export const genderLabels: Record<(typeof genders)[number], string> = {
  female: "Female",
  male: "Male",
  non_binary: "Non-binary",
  unspecified: "Prefers not to say",
};

/** The languages offered in the form (ISO 639-1); named in English by the browser's Intl. */
export const languageCodes = [
  "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu", "id", "it", "ja", "ko",
  "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tl", "tr", "uk", "ur", "vi", "zh",
] as const;

export const countryCodes: readonly string[] = getCountries();

export type NamedOption = { code: string; name: string };

/**
 * The country and language choices with their English names, sorted. Built on the server and handed to
 * the form, so the page and the browser show the same names (Node's and Chromium's Intl data differ).
 */
export function contactFormOptions(): { countries: NamedOption[]; languages: NamedOption[] } {
  const named = (codes: readonly string[], name: (c: string) => string | null) =>
    codes.map((code) => ({ code, name: name(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, "en"));
  return { countries: named(countryCodes, countryName), languages: named(languageCodes, languageName) };
}

export function isCountryCode(value: string): value is CountryCode {
  return (countryCodes as readonly string[]).includes(value);
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/** Reads a phone number written in any notation; numbers no country's plan accepts are refused. */
export function parsePhone(raw: string, region: string, accepted?: readonly string[]): PhoneResult {
  const text = raw.trim();
  if (!/\d/.test(text)) return { ok: false, message: "Enter digits, e.g. +31 6 1234 5678." };
  if (/[a-z]/i.test(text.replace(/\b(ext|x)\.?\s*\d+$/i, ""))) return { ok: false, message: "A phone number has digits, spaces, + ( ) - and . only." };
  try {
    const parsed = parsePhoneNumberWithError(text, isCountryCode(region) ? region : undefined);
    if (!parsed.isValid() && !accepted?.includes(parsed.number)) {
      const local = !/^(\+|00)/.test(text) && isCountryCode(region) ? ` Without a country code it is read as a number in ${countryName(region)}.` : "";
      return { ok: false, message: `No country accepts ${text} as a phone number. Check the digits, or start with + and the country code.${local}` };
    }
    return { ok: true, e164: parsed.number };
  } catch (error) {
    if (error instanceof ParseError) {
      if (error.message === "INVALID_COUNTRY" && /^(\+|00)/.test(text)) return { ok: false, message: "No country has this calling code." };
      const messages: Record<string, string> = {
        INVALID_COUNTRY: "Start with + and the country code (e.g. +44 …): this number cannot be read in the default region.",
        TOO_SHORT: "This phone number is too short.",
        TOO_LONG: "This phone number is too long.",
        NOT_A_NUMBER: "This is not a phone number.",
        INVALID_LENGTH: "This phone number has the wrong number of digits.",
      };
      return { ok: false, message: messages[error.message] ?? "This is not a valid phone number." };
    }
    throw error;
  }
}

/** E.164 in a readable international form for display (+31 6 12345678); anything else as it is. */
export function formatPhone(value: string): string {
  try {
    return parsePhoneNumberWithError(value).formatInternational();
  } catch {
    return value;
  }
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    // Control characters have no place in a name or an address (they break exports and terminals).
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), `${label} contains invisible control characters.`)
    .transform((v) => (v === "" ? null : v));

const email = z
  .string()
  .trim()
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."));

const todayPlus14h = () => new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);

const birthdate = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v === "") return;
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return fail("Use the form YYYY-MM-DD.");
    const d = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return fail("This date does not exist.");
    // "Today" somewhere on Earth: the latest time zone is UTC+14.
    if (v > todayPlus14h()) return fail("A birthdate cannot be in the future.");
    if (v < "1900-01-01") return fail("A birthdate before 1900 is surely a typo.");
  })
  .transform((v) => (v === "" ? null : v));

const choice = <T extends readonly string[]>(values: T, message: string) =>
  z
    .string()
    .refine((v) => v === "" || values.includes(v), message)
    .transform((v) => (v === "" ? null : (v as T[number])));

/** The form as the browser holds it: list fields are objects so react-hook-form can key its rows. */
export type ContactFormValues = {
  firstName: string;
  lastName: string;
  phones: { value: string }[];
  emails: { value: string }[];
  vip: boolean;
  idNumber: string;
  idType: string;
  birthdate: string;
  motherName: string;
  address: string;
  gender: string;
  language: string;
  city: string;
  country: string;
  postalCode: string;
  company: string;
  notes: string;
};

export const emptyContactForm: ContactFormValues = {
  firstName: "",
  lastName: "",
  phones: [{ value: "" }],
  emails: [{ value: "" }],
  vip: false,
  idNumber: "",
  idType: "",
  birthdate: "",
  motherName: "",
  address: "",
  gender: "",
  language: "",
  city: "",
  country: "",
  postalCode: "",
  company: "",
  notes: "",
};

/**
 * The contact form, for a service whose default phone region is `region` (a setting). `accepted` are the
 * numbers the contact already has: kept as they are even where the numbering plan has no such range
 * (fictional ranges, plans that changed since the number was stored).
 */
export function contactSchema(region: string, accepted: readonly string[] = []) {
  return z
    .object({
      firstName: optionalText(100, "The first name"),
      lastName: optionalText(100, "The last name"),
      phones: z
        .array(z.object({ value: z.string().max(40, "A phone number has at most 40 characters.") }))
        .max(MAX_PHONES, `At most ${MAX_PHONES} phone numbers.`)
        .transform((rows, ctx) => {
          const out: string[] = [];
          rows.forEach((row, i) => {
            if (!row.value.trim()) return;
            const parsed = parsePhone(row.value, region, accepted);
            if (!parsed.ok) ctx.addIssue({ code: "custom", path: [i, "value"], message: parsed.message });
            else if (out.includes(parsed.e164)) ctx.addIssue({ code: "custom", path: [i, "value"], message: "This number is already in the list." });
            else out.push(parsed.e164);
          });
          return out;
        }),
      emails: z
        .array(z.object({ value: z.union([z.literal(""), email]) }))
        .max(MAX_EMAILS, `At most ${MAX_EMAILS} e-mail addresses.`)
        .transform((rows, ctx) => {
          const out: string[] = [];
          rows.forEach((row, i) => {
            const value = row.value.trim().toLowerCase();
            if (!value) return;
            if (out.includes(value)) ctx.addIssue({ code: "custom", path: [i, "value"], message: "This address is already in the list." });
            else out.push(value);
          });
          return out;
        }),
      vip: z.boolean(),
      idNumber: optionalText(50, "The ID number"),
      idType: choice(idTypes, "Pick an ID type from the list."),
      birthdate,
      motherName: optionalText(100, "The mother's name"),
      address: optionalText(500, "The address"),
      gender: choice(genders, "Pick a gender from the list."),
      language: z
        .string()
        .trim()
        .refine((v) => v === "" || /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), "Pick a language from the list.")
        .transform((v) => (v === "" ? null : v)),
      city: optionalText(100, "The city"),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .refine((v) => v === "" || isCountryCode(v), "Pick a country from the list.")
        .transform((v) => (v === "" ? null : v)),
      postalCode: optionalText(20, "The postal code"),
      company: optionalText(200, "The company"),
      notes: optionalText(5000, "The notes"),
    })
    .superRefine((v, ctx) => {
      if (!v.firstName && !v.lastName && !v.phones.length && !v.emails.length) {
        ctx.addIssue({ code: "custom", path: ["firstName"], message: "Give at least a name, a phone number or an e-mail address." });
      }
    });
}

export type ContactInput = z.output<ReturnType<typeof contactSchema>>;

/** What the server needs besides the fields: how to answer a merge suggestion. */
export const duplicateAnswers = ["ask", "keep", "merge-selected", "merge-all"] as const;
export type DuplicateAnswer = (typeof duplicateAnswers)[number];

import { z } from "zod";

/** The contact fields a CSV column can feed, with the header words that suggest them. */
export const importFields = [
  { key: "name", label: "Full name", hints: ["name", "fullname", "contact", "customer", "naam", "nombre", "nom"] },
  { key: "firstName", label: "First name", hints: ["firstname", "givenname", "first", "voornaam", "vorname", "prenom"] },
  { key: "lastName", label: "Last name", hints: ["lastname", "surname", "familyname", "last", "achternaam", "nachname", "apellido"] },
  { key: "phone", label: "Phone", hints: ["phone", "mobile", "telephone", "tel", "phonenumber", "cell", "whatsapp", "telefoon", "telefoonnummer", "mobiel", "gsm", "telefon", "handy", "mobil", "telefono", "movil", "celular", "portable"] },
  { key: "phone2", label: "Second phone", hints: ["phone2", "otherphone", "workphone", "homephone", "mobile2"] },
  { key: "email", label: "E-mail", hints: ["email", "mail", "emailaddress", "correo"] },
  { key: "email2", label: "Second e-mail", hints: ["email2", "otheremail", "workemail"] },
  { key: "vip", label: "VIP (yes/no)", hints: ["vip"] },
  { key: "company", label: "Company", hints: ["company", "organisation", "organization", "bedrijf", "firma", "empresa"] },
  { key: "idNumber", label: "ID number", hints: ["idnumber", "id", "documentnumber"] },
  { key: "idType", label: "ID type", hints: ["idtype", "documenttype"] },
  { key: "birthdate", label: "Birthdate (YYYY-MM-DD)", hints: ["birthdate", "dateofbirth", "dob", "birthday", "geboortedatum"] },
  { key: "motherName", label: "Mother's name", hints: ["mothername", "mothersname"] },
  { key: "address", label: "Address", hints: ["address", "street", "adres", "adresse", "direccion"] },
  { key: "city", label: "City", hints: ["city", "town", "plaats", "stadt", "ciudad", "ville"] },
  { key: "postalCode", label: "Postal code", hints: ["postalcode", "postcode", "zip", "zipcode", "plz"] },
  { key: "country", label: "Country (2 letters)", hints: ["country", "land", "pais", "pays"] },
  { key: "gender", label: "Gender", hints: ["gender", "sex", "geslacht"] },
  { key: "language", label: "Language", hints: ["language", "lang", "taal", "sprache", "idioma"] },
  { key: "notes", label: "Notes", hints: ["notes", "note", "comment", "comments", "remarks", "opmerkingen"] },
] as const;

export type ImportField = (typeof importFields)[number]["key"];
export const importFieldKeys = importFields.map((f) => f.key) as [ImportField, ...ImportField[]];

const squash = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");

/** A first guess at the mapping from the file's headers (each column used once). */
export function suggestMapping(headers: string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  const used = new Set<string>();
  for (const field of importFields) {
    const hit = headers.find((h) => !used.has(h) && (field.hints as readonly string[]).includes(squash(h)));
    if (hit) {
      mapping[field.key] = hit;
      used.add(hit);
    }
  }
  return mapping;
}

export const importModes = ["skip", "update", "merge"] as const;
export const importModeLabels: Record<(typeof importModes)[number], string> = {
  skip: "Skip the row (keep the contact as it is)",
  update: "Update the contact with the row's values",
  merge: "Merge: only fill what the contact is missing, add new numbers and addresses",
};

export const importSettingsSchema = z.object({
  importId: z.uuid(),
  mapping: z.partialRecord(z.enum(importFieldKeys), z.string().max(200)),
  mode: z.enum(importModes),
});

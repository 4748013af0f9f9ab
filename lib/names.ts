// English names of languages and countries, kept apart from the validation schemas so a client component
// can name a language without shipping the phone-number metadata those need.
const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** A language code as people read it: "nl" → "Dutch", "en_US" → "English (United States)". */
export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return languageNames.of(code.replace("_", "-")) ?? code;
  } catch {
    return code;
  }
}

/** A region code as people read it: "NL" → "Netherlands". */
export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** IANA time zones, checked with the runtime's own tz database (the same one that formats every time). */

/** The zone's canonical name ("europe/amsterdam" → "Europe/Amsterdam"), or null when there is no such zone. */
export function canonicalTimeZone(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}

/** Every zone for a picker, UTC first (the runtime's list leaves it out). */
export function timeZoneOptions(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
}

import { z } from "zod";

/**
 * Template text helpers shared by the server (sending) and the template dialog (preview and checks),
 * so both refuse the same things. No server imports.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of a template body, each once, in order of first appearance: "Hi {{1}}, {{2}}" → ["1", "2"]. */
export function placeholdersOf(body: string): string[] {
  const seen: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) if (!seen.includes(match[1])) seen.push(match[1]);
  // Positional placeholders are sent in number order, whatever order the text uses them in.
  return seen.every((name) => /^\d+$/.test(name)) ? seen.sort((a, b) => Number(a) - Number(b)) : seen;
}

export type TemplatePart = { text: string; placeholder?: string };

/** The body cut into text and placeholders, for a preview that highlights each placeholder. */
export function templateParts(body: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index) });
    parts.push({ text: match[0], placeholder: match[1] });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return parts;
}

/** The text the customer receives: every placeholder replaced by its value (unfilled ones stay as they are). */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => values[name]?.trim() || whole);
}

export const MAX_PARAMETER_LENGTH = 1024;

/** One placeholder's value as WhatsApp accepts it (error 132018 otherwise: no new lines, tabs or 5+ spaces in a row). */
export const parameterValue = (placeholder: string) =>
  z
    .string({ error: `Fill in {{${placeholder}}}.` })
    .trim()
    .min(1, `Fill in {{${placeholder}}}.`)
    .max(MAX_PARAMETER_LENGTH, `At most ${MAX_PARAMETER_LENGTH} characters.`)
    .refine((v) => !/[\n\r\t]/.test(v), "WhatsApp does not allow new lines or tabs in a placeholder.")
    .refine((v) => !/ {5}/.test(v), "WhatsApp does not allow more than four spaces in a row.");

/** Every placeholder of a template, filled: the dialog's form and the server check the same schema. */
export function parametersSchema(placeholders: string[]) {
  return z.object(Object.fromEntries(placeholders.map((p) => [p, parameterValue(p)])));
}


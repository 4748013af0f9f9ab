import EmailReplyParser from "email-reply-parser";

/**
 * Beyond this many characters the reply parser's heuristics (regular expressions over the whole text)
 * are not worth their time; such a mail is shown whole.
 */
const MAX_FOLD_INPUT = 50_000;

/**
 * Splits a plain-text mail into what the customer wrote now and the quoted history under it
 * ("On Mon, Ana wrote:" followed by "> …", "-----Original Message-----", …), so the thread shows the new
 * text and keeps the history one click away. Uses Crisp's email-reply-parser for the locale-aware quote
 * headers. Only a trailing quote is folded: text written between quoted lines (an inline answer) and a
 * signature above the quote stay visible. When everything looks quoted, nothing is folded.
 */
export function foldQuoted(text: string): { body: string; quoted: string | null } {
  const normalized = text.replace(/\r\n?/g, "\n");
  if (normalized.length > MAX_FOLD_INPUT) return { body: normalized.trim(), quoted: null };
  const fragments = new EmailReplyParser().read(normalized).getFragments();

  let tail = fragments.length;
  while (tail > 0 && fragments[tail - 1].isHidden()) tail--;
  let firstQuoted = -1;
  for (let i = tail; i < fragments.length; i++) {
    if (fragments[i].isQuoted()) {
      firstQuoted = i;
      break;
    }
  }
  const body = fragments
    .slice(0, firstQuoted)
    .map((f) => f.getContent())
    .join("\n")
    .trim();
  if (firstQuoted <= 0 || !body) return { body: normalized.trim(), quoted: null };
  const quoted = fragments
    .slice(firstQuoted)
    .map((f) => f.getContent())
    .join("\n")
    .trim();
  return { body, quoted: quoted || null };
}

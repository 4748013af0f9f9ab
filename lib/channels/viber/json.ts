/**
 * JSON.parse that keeps integers too big for a JS number as their exact digits (strings). Viber's
 * `message_token` is a 64-bit integer: JSON.parse would round 4912661846655238145 to
 * 4912661846655238000, and two messages could then share a token (channels.md gotcha 4). The scan
 * tracks string state, so digits inside a text message are left alone.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (c !== "-" && (c < "0" || c > "9")) continue;
    let end = i + 1;
    while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
    const literal = text.slice(i, end);
    if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(last, i)}"${literal}"`;
      last = end;
    }
    i = end - 1;
  }
  return JSON.parse(out + text.slice(last));
}

/** A token as its exact digits, whether it came as a (small) number or already as a string. */
export function tokenString(value: unknown): string | null {
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return null;
}

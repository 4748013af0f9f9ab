import { describe, expect, it } from "vitest";
import {
  bangAt,
  fillReply,
  firstNine,
  markUnfilled,
  matchReplies,
  quickReplyDigit,
  replaceRange,
  resolveBang,
  unfilledPlaceholders,
} from "@/components/composer/quick-reply-logic";
import type { QuickReplyGroup } from "@/lib/quick-replies/quick-replies";

const reply = (id: string, body: string, groupId = "g") => ({ id, groupId, position: 0, body });
const groups: QuickReplyGroup[] = [
  {
    id: "wa",
    name: "WA",
    position: 0,
    replies: [reply("w1", "Hi {{customer_first}}, thanks for contacting {{company}}!"), reply("w2", "Regards, {{agent_first}}")],
  },
  { id: "open", name: "Opening", position: 1, replies: [reply("o1", "We open at 9.")] },
  {
    id: "openh",
    name: "Opening hours",
    position: 2,
    replies: [reply("h1", "Shops open 9-18 on weekdays"), reply("h2", "On Sundays we open at 12"), ...["a", "b", "c", "d", "e", "f"].map((x) => reply(x, x))],
  },
];

describe("placeholders in the composer", () => {
  it("fills what the conversation knows and keeps the rest marked", () => {
    const filled = fillReply(groups[0].replies[0].body, { customer_first: "Maria", company: null });
    expect(filled).toEqual({ text: "Hi Maria, thanks for contacting {{company}}!", missing: ["company"] });
    expect(markUnfilled(filled.text)).toEqual([
      { text: "Hi Maria, thanks for contacting ", missing: false },
      { text: "{{company}}", missing: true },
      { text: "!", missing: false },
    ]);
  });

  it("holds Send while a placeholder is left, and lets it go once the agent edits it out", () => {
    let text = fillReply("Regards, {{agent_first}} from {{ company }}", { company: "Northwind" }).text;
    expect(unfilledPlaceholders(text)).toEqual(["agent_first"]);
    text = text.replace("{{agent_first}}", "Niek");
    expect(text).toBe("Regards, Niek from Northwind");
    expect(unfilledPlaceholders(text)).toEqual([]);
  });

  it("treats an unknown placeholder as unfilled too", () => {
    expect(unfilledPlaceholders("Dear {{title}} {{customer_last}}")).toEqual(["title", "customer_last"]);
  });
});

describe("!group in the composer", () => {
  it("notices a ! at the start or after a space, up to the caret", () => {
    expect(bangAt("!wa", 3)).toEqual({ start: 0, end: 3, typed: "wa" });
    expect(bangAt("Hello !Opening ho", 17)).toEqual({ start: 6, end: 17, typed: "Opening ho" });
    expect(bangAt("Hello!", 6)).toBeNull();
    expect(bangAt("wow!wa", 6)).toBeNull();
    expect(bangAt("!wa\nnext line", 13)).toBeNull();
  });

  it("opens the group named, the longest name winning, and narrows its replies by the words after it", () => {
    expect(resolveBang(groups, "wa").group?.id).toBe("wa");
    expect(resolveBang(groups, "Opening").group?.id).toBe("open");
    const hours = resolveBang(groups, "opening hours sunday");
    expect(hours.group?.id).toBe("openh");
    expect(hours.filter).toBe("sunday");
    expect(matchReplies(hours.group!.replies, hours.filter).map((r) => r.id)).toEqual(["h2"]);
  });

  it("lists the groups whose name starts with what is typed so far", () => {
    expect(resolveBang(groups, "op").groups.map((g) => g.id)).toEqual(["open", "openh"]);
    expect(resolveBang(groups, "").groups).toHaveLength(3);
    expect(resolveBang(groups, "zz").groups).toEqual([]);
  });

  it("replaces the !token with the reply", () => {
    const bang = bangAt("Hi there !wa", 12)!;
    expect(replaceRange("Hi there !wa", bang.start, bang.end, "Regards")).toEqual({ text: "Hi there Regards", caret: 16 });
  });
});

describe("Ctrl+1…9", () => {
  it("inserts the first nine replies in settings order", () => {
    expect(firstNine(groups).map((r) => r.id)).toEqual(["w1", "w2", "o1", "h1", "h2", "a", "b", "c", "d"]);
  });

  it("reads Ctrl with a digit key, and nothing else", () => {
    expect(quickReplyDigit({ ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, key: "3", code: "Digit3" })).toBe(3);
    // AZERTY: the key gives "\"" but the physical key is Digit3.
    expect(quickReplyDigit({ ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, key: "\"", code: "Digit3" })).toBe(3);
    expect(quickReplyDigit({ ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, key: "0", code: "Digit0" })).toBeNull();
    expect(quickReplyDigit({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, key: "3", code: "Digit3" })).toBeNull();
    expect(quickReplyDigit({ ctrlKey: true, metaKey: false, altKey: true, shiftKey: false, key: "3", code: "Digit3" })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { messageText, outboundSender, UNSENT_TEXT } from "@/lib/conversations/message-words";

describe("message words", () => {
  it("names the sender of our messages the same way in the thread and the exports", () => {
    expect(outboundSender("Jamie Agent", { sentFrom: "Messenger" })).toBe("Jamie Agent");
    expect(outboundSender(null, { automatic: "away" })).toBe("Automatic reply");
    expect(outboundSender(null, { sentFrom: "Instagram" })).toBe("Sent in Instagram");
    expect(outboundSender(null, null)).toBe("Switchboard");
  });

  it("says a message was unsent instead of its (removed) text", () => {
    expect(messageText("", { unsent: true })).toBe(UNSENT_TEXT);
    expect(messageText("Hello", null)).toBe("Hello");
  });
});

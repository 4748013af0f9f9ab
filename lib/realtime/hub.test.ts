import { afterEach, describe, expect, it, vi } from "vitest";
import { emit, realtimeHub, RealtimeHub, subscribe, type RealtimeMessage } from "@/lib/realtime/hub";
import { publish } from "@/lib/realtime/publish";
import { createEventStream } from "@/lib/realtime/sse-stream";
import { conversationTopic, inboxTopic } from "@/lib/realtime/topics";

const conversationA = conversationTopic("0b0f7a43-3f0c-4c6f-9a57-6a1f4d0c1a11");
const conversationB = conversationTopic("5e7e3f2c-2d65-4f7d-8a0e-9e4b1b6f2c22");

describe("the in-process hub", () => {
  afterEach(() => vi.restoreAllMocks());

  it("delivers to subscribers of the topic only", () => {
    const hub = new RealtimeHub();
    const a: RealtimeMessage[] = [];
    const b: RealtimeMessage[] = [];
    hub.subscribe([conversationA, inboxTopic], (m) => a.push(m));
    hub.subscribe([conversationB], (m) => b.push(m));
    hub.emit(conversationA, "message-created", { id: "m1" });
    hub.emit(inboxTopic, "conversation-changed", { id: "c1" });
    hub.emit("conversation-nobody", "x", null);
    expect(a).toEqual([
      { topic: conversationA, event: "message-created", payload: { id: "m1" } },
      { topic: inboxTopic, event: "conversation-changed", payload: { id: "c1" } },
    ]);
    expect(b).toEqual([]);
  });

  it("unsubscribes cleanly, leaving no empty topics behind", () => {
    const hub = new RealtimeHub();
    const seen: string[] = [];
    const listener = (m: RealtimeMessage) => seen.push(m.event);
    const first = hub.subscribe([inboxTopic, conversationA], listener);
    const second = hub.subscribe([inboxTopic], listener);
    expect(hub.listenerCount(inboxTopic)).toBe(2);
    first();
    first();
    hub.emit(inboxTopic, "one", null);
    expect(seen).toEqual(["one"]);
    second();
    hub.emit(inboxTopic, "two", null);
    expect(seen).toEqual(["one"]);
    expect(hub.listenerCount()).toBe(0);
  });

  it("keeps delivering when one listener throws or unsubscribes mid-emit", () => {
    const hub = new RealtimeHub();
    vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: string[] = [];
    const off = hub.subscribe([inboxTopic], () => {
      off();
      throw new Error("broken stream");
    });
    hub.subscribe([inboxTopic], (m) => seen.push(m.event));
    hub.emit(inboxTopic, "e", null);
    hub.emit(inboxTopic, "f", null);
    expect(seen).toEqual(["e", "f"]);
  });

  it("is one per process, however often the module is loaded", async () => {
    vi.resetModules();
    const again = await import("@/lib/realtime/hub");
    expect(again.realtimeHub()).toBe(realtimeHub());
  });

  it("is what publish() uses when Pusher is not configured", async () => {
    delete process.env.PUSHER_APP_ID;
    const seen: RealtimeMessage[] = [];
    const off = subscribe([inboxTopic], (m) => seen.push(m));
    await publish(inboxTopic, "conversation-changed", { id: "c9" });
    off();
    expect(seen).toEqual([{ topic: inboxTopic, event: "conversation-changed", payload: { id: "c9" } }]);
  });
});

describe("the SSE stream", () => {
  async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string, sofar = ""): Promise<string> {
    const decoder = new TextDecoder();
    let out = sofar;
    while (!out.includes(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      out += decoder.decode(value);
    }
    return out;
  }

  it("sends retry, then each event of its topics as one data line, and cleans up on abort", async () => {
    const abort = new AbortController();
    const stream = createEventStream([inboxTopic, conversationA], abort.signal);
    const reader = stream.getReader();
    expect(await readUntil(reader, "\n\n")).toBe("retry: 3000\n\n");
    expect(realtimeHub().listenerCount(inboxTopic)).toBe(1);

    emit(conversationB, "message-created", { id: "other" });
    emit(conversationA, "message-created", { id: "m1", text: "two\nlines" });
    const frame = await readUntil(reader, "\n\n");
    expect(frame).toBe(
      `data: ${JSON.stringify({ topic: conversationA, event: "message-created", payload: { id: "m1", text: "two\nlines" } })}\n\n`,
    );
    expect(frame.split("\n").filter(Boolean)).toHaveLength(1);

    abort.abort();
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    expect(realtimeHub().listenerCount()).toBe(0);
  });

  it("pings while idle and stops everything when the reader cancels", async () => {
    vi.useFakeTimers();
    try {
      const stream = createEventStream([inboxTopic], new AbortController().signal, { pingMs: 1000 });
      const reader = stream.getReader();
      await readUntil(reader, "\n\n");
      vi.advanceTimersByTime(1000);
      expect(await readUntil(reader, "\n\n")).toBe(": ping\n\n");
      await reader.cancel();
      expect(realtimeHub().listenerCount()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("ends by itself after its maximum age, so the browser reconnects and is re-authorized", async () => {
    vi.useFakeTimers();
    try {
      const reader = createEventStream([inboxTopic], new AbortController().signal, { maxMs: 5000 }).getReader();
      await readUntil(reader, "\n\n");
      vi.advanceTimersByTime(5000);
      expect((await reader.read()).done).toBe(true);
      expect(realtimeHub().listenerCount()).toBe(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never subscribes when the request is already gone", async () => {
    const abort = new AbortController();
    abort.abort();
    const reader = createEventStream([inboxTopic], abort.signal).getReader();
    expect((await reader.read()).done).toBe(true);
    expect(realtimeHub().listenerCount()).toBe(0);
  });
});

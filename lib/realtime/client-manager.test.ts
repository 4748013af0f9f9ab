import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeClient, type ConnectionSink, type Connector, type RealtimeMessage, type VisitorAuth } from "@/lib/realtime/client-manager";

/** A transport double that records what the manager asks of it. */
function recordingConnector() {
  const opened: { visitor?: VisitorAuth; sink: ConnectionSink; topics: string[][]; closed: boolean }[] = [];
  const connector: Connector = (visitor, sink) => {
    const connection = { visitor, sink, topics: [] as string[][], closed: false };
    opened.push(connection);
    return {
      setTopics: (topics) => void connection.topics.push([...topics]),
      close: () => void (connection.closed = true),
    };
  };
  return { connector, opened };
}

describe("the page's realtime client", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("opens one connection for the union of topics, after the debounce", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    client.subscribe(["inbox"], () => {});
    client.subscribe(["conversation-b", "inbox"], () => {});
    expect(opened).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(opened).toHaveLength(1);
    expect(opened[0].topics).toEqual([["conversation-b", "inbox"]]);
  });

  it("rides out an unmount and remount without reconnecting", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    const off = client.subscribe(["inbox"], () => {});
    vi.advanceTimersByTime(50);
    off();
    client.subscribe(["inbox"], () => {});
    vi.advanceTimersByTime(50);
    expect(opened).toHaveLength(1);
    expect(opened[0].topics).toHaveLength(1);
    expect(opened[0].closed).toBe(false);
  });

  it("changes topics on the open connection and closes it when nobody listens", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    const offInbox = client.subscribe(["inbox"], () => {});
    vi.advanceTimersByTime(50);
    const offConversation = client.subscribe(["conversation-a"], () => {});
    vi.advanceTimersByTime(50);
    expect(opened[0].topics).toEqual([["inbox"], ["conversation-a", "inbox"]]);
    offInbox();
    offConversation();
    vi.advanceTimersByTime(50);
    expect(opened[0].closed).toBe(true);
  });

  it("delivers each event to the subscribers of its topic, and reconnection per topic", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    const inbox: RealtimeMessage[] = [];
    const pane: RealtimeMessage[] = [];
    client.subscribe(["inbox"], (m) => inbox.push(m));
    client.subscribe(["conversation-a"], (m) => pane.push(m));
    vi.advanceTimersByTime(50);
    const { sink } = opened[0];
    sink.deliver({ topic: "conversation-a", event: "message-created", payload: { id: "m1" } });
    sink.resumed(["inbox", "conversation-a"]);
    expect(inbox).toEqual([{ topic: "inbox", event: "reconnected", payload: null }]);
    expect(pane).toEqual([
      { topic: "conversation-a", event: "message-created", payload: { id: "m1" } },
      { topic: "conversation-a", event: "reconnected", payload: null },
    ]);
  });

  it("keeps a visitor apart from the session and reports the worst status", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    const changes = vi.fn();
    client.subscribeStatus(changes);
    client.subscribe(["inbox"], () => {});
    client.subscribe(["visitor-AbCdEfGhIjKlMnOpQrSt_-"], () => {}, { channelId: "c", token: "t" });
    vi.advanceTimersByTime(50);
    expect(opened.map((o) => o.visitor)).toEqual([undefined, { channelId: "c", token: "t" }]);
    expect(client.getStatus()).toBe("connecting");
    opened[0].sink.status("live");
    expect(client.getStatus()).toBe("connecting");
    opened[1].sink.status("live");
    expect(client.getStatus()).toBe("live");
    opened[1].sink.status("offline");
    expect(client.getStatus()).toBe("offline");
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it("isolates a throwing handler from the others", () => {
    const { connector, opened } = recordingConnector();
    const client = new RealtimeClient(connector);
    vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: string[] = [];
    client.subscribe(["inbox"], () => {
      throw new Error("bug in a component");
    });
    client.subscribe(["inbox"], (m) => seen.push(m.event));
    vi.advanceTimersByTime(50);
    opened[0].sink.deliver({ topic: "inbox", event: "conversation-changed", payload: {} });
    expect(seen).toEqual(["conversation-changed"]);
  });
});

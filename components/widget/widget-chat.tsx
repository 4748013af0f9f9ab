"use client";

import { SendHorizontalIcon, XIcon } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { WidgetChannel } from "@/lib/channels/webchat/visitor";
import { visitorTopic } from "@/lib/realtime/topics";
import { useRealtime } from "@/lib/realtime/use-realtime";

type Visitor = { visitorId: string; token: string };
type WidgetMessage = { id: string; direction: "in" | "out"; body: string; createdAt: string; author: string | null; pending?: boolean };

const storageKey = (channelId: string) => `switchboard:visitor:${channelId}`;
const STORAGE_EVENT = "switchboard:visitor";

function parseVisitor(raw: string | null): Visitor | null {
  try {
    const value = JSON.parse(raw ?? "null") as Visitor | null;
    return value?.visitorId && value.token ? value : null;
  } catch {
    return null;
  }
}

function subscribeStorage(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(STORAGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(STORAGE_EVENT, onChange);
  };
}

function storeVisitor(channelId: string, visitor: Visitor | null) {
  if (visitor) localStorage.setItem(storageKey(channelId), JSON.stringify(visitor));
  else localStorage.removeItem(storageKey(channelId));
  window.dispatchEvent(new Event(STORAGE_EVENT));
}

/** The visitor token lives in this origin's storage, so the thread survives reloads. */
function useStoredVisitor(channelId: string): Visitor | null {
  const raw = useSyncExternalStore(
    subscribeStorage,
    () => localStorage.getItem(storageKey(channelId)),
    () => null,
  );
  return useMemo(() => parseVisitor(raw), [raw]);
}

/** The visitor's thread; "unknown" when the token is no longer accepted (e.g. the secret changed). */
async function loadThread(base: string, visitor: Visitor): Promise<WidgetMessage[] | "unknown" | null> {
  const seen = document.visibilityState === "visible" ? "?seen=1" : "";
  const res = await fetch(`${base}/messages${seen}`, { headers: { authorization: `Bearer ${visitor.token}` }, cache: "no-store" });
  if (res.status === 401) return "unknown";
  if (!res.ok) return null;
  return ((await res.json()) as { messages: WidgetMessage[] }).messages;
}

async function errorText(res: Response): Promise<string> {
  const data = (await res.json().catch(() => null)) as { error?: string } | null;
  return data?.error ?? "Your message could not be sent. Try again.";
}

/**
 * What a website visitor sees: the thread with the support team, kept across reloads by a visitor
 * token in this origin's storage, with replies arriving live.
 */
export function WidgetChat({ channel }: { channel: WidgetChannel }) {
  const visitor = useStoredVisitor(channel.id);
  const [messages, setMessages] = useState<WidgetMessage[]>([]);
  const [text, setText] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const base = `/api/widget/${channel.id}`;

  const refetch = useCallback(
    async (current: Visitor) => {
      const thread = await loadThread(base, current);
      if (thread === "unknown") storeVisitor(channel.id, null);
      else if (thread) setMessages(thread);
    },
    [base, channel.id],
  );

  useEffect(() => {
    if (!visitor) return;
    let live = true;
    void loadThread(base, visitor).then((thread) => {
      if (!live) return;
      if (thread === "unknown") storeVisitor(channel.id, null);
      else if (thread) setMessages(thread);
    });
    return () => {
      live = false;
    };
  }, [visitor, base, channel.id]);

  useRealtime(visitor ? [visitorTopic(visitor.visitorId)] : [], () => visitor && void refetch(visitor), {
    visitor: visitor ? { channelId: channel.id, token: visitor.token } : undefined,
  });

  useLayoutEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages]);

  async function ensureVisitor(): Promise<Visitor | null> {
    if (visitor) return visitor;
    const res = await fetch(`${base}/session`, { method: "POST" });
    if (!res.ok) {
      setError(await errorText(res));
      return null;
    }
    const created = (await res.json()) as Visitor;
    storeVisitor(channel.id, created);
    return created;
  }

  async function send() {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    try {
      const current = await ensureVisitor();
      if (!current) return;
      const clientMessageId = crypto.randomUUID().replaceAll("-", "");
      setMessages((m) => [...m, { id: clientMessageId, direction: "in", body, createdAt: new Date().toISOString(), author: null, pending: true }]);
      setText("");
      const res = await fetch(`${base}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${current.token}` },
        body: JSON.stringify({ visitorId: current.visitorId, clientMessageId, text: body, ...(name.trim() ? { name: name.trim() } : {}) }),
      });
      if (!res.ok) {
        setError(await errorText(res));
        setText(body);
        setMessages((m) => m.filter((x) => x.id !== clientMessageId));
        return;
      }
      await refetch(current);
    } catch {
      setError("No connection. Check your internet and try again.");
    } finally {
      setSending(false);
    }
  }

  const started = messages.length > 0;
  return (
    <div className="flex h-dvh flex-col bg-background text-foreground" style={{ "--widget": channel.color } as React.CSSProperties}>
      <header className="flex items-center justify-between bg-[var(--widget)] px-4 py-3 text-white">
        <div>
          <h1 className="text-sm font-semibold">{channel.name}</h1>
          <p className="text-xs opacity-90">We usually answer within a few minutes.</p>
        </div>
        <button
          type="button"
          aria-label="Close chat"
          onClick={() => window.parent.postMessage({ type: "switchboard:close" }, "*")}
          className="rounded p-1 outline-hidden hover:bg-white/15 focus-visible:ring-2 focus-visible:ring-white"
        >
          <XIcon className="size-5" />
        </button>
      </header>
      {!channel.active ? (
        <p className="m-4 rounded-md bg-muted p-3 text-sm" role="status">
          This chat is not available right now. Please try again later.
        </p>
      ) : (
        <>
          <ol ref={list} className="flex-1 space-y-2 overflow-y-auto p-4" aria-label="Messages" aria-live="polite">
            <li className="max-w-[85%] rounded-2xl rounded-bl-md bg-muted px-3 py-2 text-sm">{channel.greeting}</li>
            {messages.map((m) => (
              <li key={m.id} className={m.direction === "in" ? "flex justify-end" : "flex justify-start"}>
                <div
                  className={
                    m.direction === "in"
                      ? "max-w-[85%] rounded-2xl rounded-br-md bg-[var(--widget)] px-3 py-2 text-sm text-white"
                      : "max-w-[85%] rounded-2xl rounded-bl-md bg-muted px-3 py-2 text-sm"
                  }
                >
                  {m.direction === "out" && m.author && <p className="mb-0.5 text-xs font-medium opacity-70">{m.author}</p>}
                  <p className="break-words whitespace-pre-wrap">{m.body}</p>
                  {m.pending && <p className="mt-0.5 text-[11px] opacity-75">Sending…</p>}
                </div>
              </li>
            ))}
          </ol>
          <form
            className="grid gap-2 border-t p-3"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            {error && (
              <p role="alert" className="text-xs text-destructive">
                {error}
              </p>
            )}
            {!started && (
              <input
                aria-label="Your name (optional)"
                placeholder="Your name (optional)"
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.target.value)}
                className="h-9 rounded-md border bg-background px-3 text-sm outline-hidden focus-visible:ring-2 focus-visible:ring-[var(--widget)]"
              />
            )}
            <div className="flex items-end gap-2">
              <textarea
                aria-label="Your message"
                placeholder="Type your message…"
                rows={2}
                maxLength={4000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    void send();
                  }
                }}
                className="min-h-10 flex-1 resize-none rounded-md border bg-background px-3 py-2 text-sm outline-hidden focus-visible:ring-2 focus-visible:ring-[var(--widget)]"
              />
              <button
                type="submit"
                aria-label="Send message"
                disabled={sending || !text.trim()}
                className="flex size-10 items-center justify-center rounded-md bg-[var(--widget)] text-white outline-hidden focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-[var(--widget)] disabled:opacity-50"
              >
                <SendHorizontalIcon className="size-4" />
              </button>
            </div>
            <p className="text-center text-[11px] text-muted-foreground">Powered by Switchboard</p>
          </form>
        </>
      )}
    </div>
  );
}

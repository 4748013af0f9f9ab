import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Viber's REST bot API (channels.md 2.6 and the checklist in section 4): `set_webhook`
 * (which first POSTs a signed `webhook` event to the URL and fails unless it gets 200), `send_message`,
 * `get_account_info`, and media files for inbound messages. Errors come as HTTP 200 with a non-zero
 * `status`, as Viber sends them. Every `message_token` is written into the JSON text as an unquoted
 * integer ≥ 2^53, so a JSON.parse precision bug shows. Callbacks are signed with
 * `X-Viber-Content-Signature` = hex HMAC-SHA256(auth token, body), written here on their own.
 */

export type ViberFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  json?: Record<string, unknown>;
};

export type ViberFailure = { status: number; message: string } | { hangUp: true };

type Matcher = string | ((req: ViberFakeRequest) => boolean);

type DeliverOptions = {
  url: string;
  /** Sign with this token instead of the bot's (the wrong-secret case). */
  authToken?: string;
  /** Replace the signature: a string is sent as is, null leaves it out. */
  signature?: string | null;
  /** Put the signature in `?sig=` instead of the header (viber-bot-node reads both). */
  viaQuery?: boolean;
};

/** JSON text in which bigint values are written as bare integers, as Viber writes message_token. */
export function viberJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `@@big:${v}@@` : v)).replace(/"@@big:(-?\d+)@@"/g, "$1");
}

export function signViber(authToken: string, body: string): string {
  return crypto.createHmac("sha256", authToken).update(body, "utf8").digest("hex");
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const ERRORS: Record<number, string> = {
  1: "invalidUrl",
  2: "invalidAuthToken",
  3: "badData",
  4: "missingData",
  6: "notSubscribed",
  12: "tooManyRequests",
};

export type ViberFake = Awaited<ReturnType<typeof startViberFake>>;

export async function startViberFake(options: { authToken: string; account?: { id: string; name: string; uri: string } }) {
  const account = options.account ?? { id: "pa:5749316208574016317", name: "Northwind Support", uri: "northwindsupport" };
  const requests: ViberFakeRequest[] = [];
  const failures: { matcher: Matcher; failure: ViberFailure }[] = [];
  const files = new Map<string, { data: Buffer; type: string }>();
  const inFlight = new Set<Promise<unknown>>();
  const callbacks: { body: string; status: number }[] = [];
  const state = {
    webhook: null as null | { url: string; event_types?: unknown },
    // Above 2^53 (9007199254740992), as real tokens are.
    token: 5741311803571721087n,
    statusPlan: [] as ("delivered" | "seen" | { failed: string })[],
  };

  const nextToken = () => (state.token += 2n);

  async function post(url: string, body: string, deliver: Omit<DeliverOptions, "url"> = {}) {
    const signature = deliver.signature !== undefined ? deliver.signature : signViber(deliver.authToken ?? options.authToken, body);
    const target = new URL(url);
    if (deliver.viaQuery && signature !== null) target.searchParams.set("sig", signature);
    const response = await fetch(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(signature !== null && !deliver.viaQuery ? { "x-viber-content-signature": signature } : {}),
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  }

  function reportStatuses(token: bigint, receiver: string) {
    const url = state.webhook?.url;
    if (!url || !state.statusPlan.length) return;
    const run = (async () => {
      for (const step of state.statusPlan) {
        const event = typeof step === "string" ? step : "failed";
        const body = viberJson({
          event,
          timestamp: Date.now(),
          chat_hostname: "SN-376_",
          message_token: token,
          user_id: receiver,
          ...(typeof step === "string" ? {} : { desc: step.failed }),
        });
        const answer = await post(url, body);
        callbacks.push({ body, status: answer.status });
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  const fail = (status: number, message = ERRORS[status] ?? "error") => ({ status, status_message: message });

  /** The answer to one API call: always HTTP 200, success or not, as Viber does. */
  async function answer(record: ViberFakeRequest): Promise<Record<string, unknown>> {
    const body = record.json ?? {};
    const token = record.headers["x-viber-auth-token"] ?? body.auth_token;
    if (token !== options.authToken) return fail(2);
    switch (record.path) {
      case "/get_account_info":
        return {
          status: 0,
          status_message: "ok",
          ...account,
          icon: "https://example.com/icon.png",
          category: "Shopping",
          subscribers_count: 12,
          webhook: state.webhook?.url ?? "",
          event_types: state.webhook?.event_types ?? [],
        };
      case "/set_webhook": {
        if (typeof body.url !== "string") return fail(1);
        if (body.url === "") {
          state.webhook = null;
          return { status: 0, status_message: "ok" };
        }
        // Viber checks the URL before it answers: a signed `webhook` event that must get a 200.
        const check = viberJson({ event: "webhook", timestamp: Date.now(), chat_hostname: "SN-376_", message_token: nextToken() });
        const reply = await post(body.url, check).catch(() => ({ status: 0, text: "" }));
        callbacks.push({ body: check, status: reply.status });
        if (reply.status !== 200) return fail(1, `Result[HttpRequest[POST ${body.url}], HttpResponse[${reply.status}]`);
        state.webhook = { url: body.url, event_types: body.event_types };
        return { status: 0, status_message: "ok", event_types: body.event_types ?? ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"] };
      }
      case "/send_message": {
        const sender = body.sender as { name?: unknown } | undefined;
        if (typeof body.receiver !== "string" || !body.receiver) return fail(4, "missingData: receiver");
        if (!sender || typeof sender.name !== "string" || !sender.name) return fail(3, "badData: sender.name is required");
        if (sender.name.length > 28) return fail(3, "badData: sender.name is too long");
        switch (body.type) {
          case "text":
            if (typeof body.text !== "string" || !body.text) return fail(3, "badData: text");
            if (body.text.length > 7000) return fail(3, "badData: text is too long");
            break;
          case "picture":
            if (typeof body.media !== "string" || typeof body.text !== "string") return fail(3, "badData: picture needs media and text");
            break;
          case "video":
            if (typeof body.media !== "string" || typeof body.size !== "number") return fail(3, "badData: video needs media and size");
            break;
          case "file":
            if (typeof body.media !== "string" || typeof body.size !== "number" || typeof body.file_name !== "string") {
              return fail(3, "badData: file needs media, size and file_name");
            }
            break;
          default:
            return fail(3, `badData: unknown type ${String(body.type)}`);
        }
        const token = nextToken();
        reportStatuses(token, body.receiver);
        return { status: 0, status_message: "ok", message_token: token, chat_hostname: "SN-CHAT-05_", billing_status: 1 };
      }
      default:
        return fail(3, "badData: unknown method");
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = (await readBody(req)).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake");
      const record: ViberFakeRequest = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, rawBody: raw };
      try {
        record.json = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        record.json = undefined;
      }
      requests.push(record);
      const media = /^\/media\/([A-Za-z0-9_-]+)\/[^/]+$/.exec(url.pathname);
      if (req.method === "GET" && media) {
        const file = files.get(media[1]);
        res.writeHead(file ? 200 : 404, { "content-type": file?.type ?? "text/plain" });
        return void res.end(file?.data ?? "not found");
      }
      const index = failures.findIndex(({ matcher }) => (typeof matcher === "string" ? record.path === `/${matcher}` : matcher(record)));
      res.writeHead(200, { "content-type": "application/json" });
      if (index >= 0) {
        const [{ failure }] = failures.splice(index, 1);
        if ("hangUp" in failure) return void res.socket?.destroy();
        return void res.end(JSON.stringify(fail(failure.status, failure.message)));
      }
      res.end(viberJson(await answer(record)));
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    account,
    requests,
    callbacks,
    get webhook() {
      return state.webhook;
    },
    calls: (method: string) => requests.filter((r) => r.path === `/${method}`),
    /** The next token a callback or send will carry (a bigint ≥ 2^53). */
    nextToken,
    /** Keeps a file a customer "sent"; returns its media URL (on the fake, as Viber's is on its CDN). */
    addMedia(data: Buffer, type: string, name: string): string {
      const id = crypto.randomBytes(8).toString("hex");
      files.set(id, { data, type });
      return `${base}/media/${id}/${name}`;
    },
    /** What Viber reports through the webhook after each later send. */
    planStatuses(steps: ("delivered" | "seen" | { failed: string })[]) {
      state.statusPlan = steps;
    },
    /** The next matching call (by method name or predicate) answers with this status instead. */
    failNext(matcher: Matcher, failure: ViberFailure) {
      failures.push({ matcher, failure });
    },
    /** POSTs a callback the way Viber does. An object is written with viberJson (bigints bare); a string is sent as is. */
    deliver(payload: unknown, deliver: DeliverOptions) {
      return post(deliver.url, typeof payload === "string" ? payload : viberJson(payload), deliver);
    },
    deliverConcurrently(n: number, payload: unknown, deliver: DeliverOptions) {
      const body = typeof payload === "string" ? payload : viberJson(payload);
      return Promise.all(Array.from({ length: n }, () => post(deliver.url, body, deliver)));
    },
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      callbacks.length = 0;
      state.statusPlan = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

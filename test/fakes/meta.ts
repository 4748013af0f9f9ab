import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for Meta's Graph API as WhatsApp Cloud, Messenger and Instagram use it (channels.md 2.1–2.3
 * and the checklist in section 4), mounted under /v26.0 so `META_GRAPH_URL=<url>/v26.0` (and
 * INSTAGRAM_GRAPH_URL) point adapters at it. It records every request, answers like Meta, can fail on
 * demand, emits status webhooks after sends, and delivers webhooks the way Meta does: the JSON escaped
 * to ASCII (`\uXXXX`, `\/`) and those exact bytes signed with the app secret. The escaping and signing
 * are written here on their own, not imported from the app, so a test proves the app accepts what Meta
 * sends rather than agreeing with itself.
 */

export const GRAPH_VERSION = "v26.0";

export type MetaFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  json?: unknown;
  /** Multipart fields (text parts), when the request was multipart. */
  form?: Record<string, string>;
  files?: { field: string; name: string; type: string; data: Buffer }[];
};

export type MetaFailure =
  /** Answer with this status and Graph error body (see `graphError`). */
  | { status: number; body?: unknown }
  /** Answer only after this long (timeout tests). */
  | { delayMs: number }
  /** Drop the connection without answering. */
  | { hangUp: true }
  /** Accept the send (200 with an id), then report it failed in a status webhook (to the status plan's URL), as WhatsApp does for 131047. */
  | { asyncFailure: { code: number; title: string; details?: string } };

export type MetaMatcher = (req: MetaFakeRequest) => boolean;

/** After each send, report these statuses to the app (in this order), before or after answering the send. */
export type StatusPlan = { url: string; secret: string; sequence: ("sent" | "delivered" | "read")[]; when: "before" | "after" };

export type Template = {
  name: string;
  language: string;
  status: string;
  category: string;
  components: Record<string, unknown>[];
  id?: string;
  parameter_format?: string;
};

type Stored = { data: Buffer; mimeType: string };

type DeliverOptions = {
  url: string;
  secret: string;
  /** Replace the signature header: a string is sent as is, null leaves the header out. */
  signature?: string | null;
  /** Send the JSON unescaped (UTF-8) while signing the escaped text, as a re-encoding proxy would. */
  unescapedBody?: boolean;
};

export function graphError(code: number, message: string, extra: { subcode?: number; details?: string; type?: string } = {}) {
  return {
    error: {
      message,
      type: extra.type ?? "OAuthException",
      code,
      ...(extra.subcode ? { error_subcode: extra.subcode } : {}),
      ...(extra.details ? { error_data: { messaging_product: "whatsapp", details: extra.details } } : {}),
      fbtrace_id: `A${crypto.randomBytes(8).toString("hex")}`,
    },
  };
}

/** Meta's wire form of a JSON text: every UTF-16 unit above 0x7E as lowercase `\uXXXX`, `/` as `\/`. */
export function metaEscape(json: string): string {
  let out = "";
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i);
    if (unit > 0x7e) out += `\\u${unit.toString(16).padStart(4, "0")}`;
    else if (json[i] === "/") out += "\\/";
    else out += json[i];
  }
  return out;
}

export function signMeta(body: string | Buffer, secret: string, algorithm: "sha256" | "sha1" = "sha256"): string {
  return `${algorithm}=${crypto.createHmac(algorithm, secret).update(body).digest("hex")}`;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json") {
  const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  res.writeHead(status, { "content-type": type, "content-length": data.length });
  res.end(data);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readMultipart(contentType: string, raw: Buffer) {
  const data = await new Request("http://fake.local/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(raw) }).formData();
  const form: Record<string, string> = {};
  const files: NonNullable<MetaFakeRequest["files"]> = [];
  for (const [field, value] of data.entries()) {
    if (typeof value === "string") form[field] = value;
    else files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { form, files };
}

export type MetaFake = Awaited<ReturnType<typeof startMetaFake>>;

/** `port` pins the fake to a known port (a dev server started with META_GRAPH_URL pointing at it); tests use a free one. */
export async function startMetaFake(options: { port?: number } = {}) {
  const requests: MetaFakeRequest[] = [];
  const failures: { match: MetaMatcher; failure: MetaFailure }[] = [];
  const media = new Map<string, Stored>();
  const cdn = new Map<string, Stored>();
  const uploads = new Map<string, { name: string; type: string; data: Buffer }>();
  const profiles = new Map<string, Record<string, unknown>>();
  /** Non-WhatsApp send ids: which kind of account and which id its webhooks carry (an IG account behind a Page). */
  const accounts = new Map<string, { kind: "messenger" | "instagram"; entryId: string }>();
  const inFlight = new Set<Promise<unknown>>();
  let counter = 0;
  let base = "";

  const state = {
    /** Accepted access tokens; empty = any Bearer token. */
    tokens: new Set<string>(),
    templates: [] as Template[],
    templatePageSize: 2,
    statusPlan: null as StatusPlan | null,
  };

  const next = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++counter).toString(36)}`;

  function tokenOf(req: MetaFakeRequest): string | null {
    const header = req.headers.authorization;
    if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice(7);
    return req.query.access_token ?? null;
  }

  function authorized(req: MetaFakeRequest): boolean {
    const token = tokenOf(req);
    return Boolean(token) && (state.tokens.size === 0 || state.tokens.has(token!));
  }

  function takeFailure(req: MetaFakeRequest): MetaFailure | null {
    const index = failures.findIndex((f) => f.match(req));
    if (index < 0) return null;
    return failures.splice(index, 1)[0].failure;
  }

  async function post(url: string, payload: unknown, secret: string, options: Omit<DeliverOptions, "url" | "secret"> = {}) {
    const escaped = metaEscape(JSON.stringify(payload));
    const body = options.unescapedBody ? JSON.stringify(payload) : escaped;
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "facebookexternalua" };
    const signature = options.signature === undefined ? signMeta(escaped, secret) : options.signature;
    if (signature !== null) headers["x-hub-signature-256"] = signature;
    // Meta still sends the legacy SHA-1 header alongside; the app must not rely on it.
    headers["x-hub-signature"] = signMeta(escaped, secret, "sha1");
    const response = await fetch(url, { method: "POST", headers, body });
    return { status: response.status, text: await response.text() };
  }

  function whatsappStatuses(phoneNumberId: string, recipient: string, statuses: Record<string, unknown>[]) {
    return {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550001111", phone_number_id: phoneNumberId },
                statuses: statuses.map((s) => ({ recipient_id: recipient, timestamp: String(Math.floor(Date.now() / 1000)), ...s })),
              },
            },
          ],
        },
      ],
    };
  }

  /** The webhooks Meta would send about one sent message. */
  function statusPayloads(kind: "whatsapp" | "messenger" | "instagram", accountId: string, recipient: string, id: string, sequence: StatusPlan["sequence"]) {
    const now = Date.now();
    if (kind === "whatsapp") return sequence.map((status) => whatsappStatuses(accountId, recipient, [{ id, status }]));
    const entryId = accounts.get(accountId)?.entryId ?? accountId;
    const object = kind === "messenger" ? "page" : "instagram";
    const item = (event: Record<string, unknown>) => ({
      object,
      entry: [{ id: entryId, time: now, messaging: [{ sender: { id: recipient }, recipient: { id: entryId }, timestamp: now + 5, ...event }] }],
    });
    return sequence.flatMap((status) => {
      if (kind === "messenger" && status === "delivered") return [item({ delivery: { mids: [id], watermark: now + 1 } })];
      if (kind === "messenger" && status === "read") return [item({ read: { watermark: now + 2 } })];
      if (kind === "instagram" && status === "read") return [item({ read: { mid: id } })];
      return [];
    });
  }

  async function emit(plan: StatusPlan, payloads: unknown[]) {
    for (const payload of payloads) await post(plan.url, payload, plan.secret);
  }

  function track(promise: Promise<unknown>) {
    const tracked = promise.catch((error) => console.error("meta fake: status webhook failed", error)).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  async function handleSend(req: MetaFakeRequest, res: http.ServerResponse, accountId: string, failure: MetaFailure | null) {
    const whatsapp = (req.json as { messaging_product?: string } | undefined)?.messaging_product === "whatsapp";
    const recipientField = req.json ? (req.json as { recipient?: unknown }).recipient : req.form?.recipient ? JSON.parse(req.form.recipient) : undefined;
    if (whatsapp) {
      const body = req.json as { to?: string; recipient?: string; status?: string };
      if (body.status === "read") return send(res, 200, { success: true });
      const to = body.to ?? body.recipient;
      if (!to) return send(res, 400, graphError(100, "(#100) The parameter to is required."));
      const id = `wamid.${next("FAKE")}`;
      const plan = state.statusPlan;
      if (plan?.when === "before") await emit(plan, statusPayloads("whatsapp", accountId, to, id, plan.sequence));
      send(res, 200, { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id, message_status: "accepted" }] });
      if (failure && "asyncFailure" in failure && plan) {
        const { code, title, details } = failure.asyncFailure;
        const payload = whatsappStatuses(accountId, to, [
          { id, status: "failed", errors: [{ code, title, message: title, error_data: { details: details ?? title } }] },
        ]);
        track(post(plan.url, payload, plan.secret));
      } else if (plan?.when === "after") {
        track(emit(plan, statusPayloads("whatsapp", accountId, to, id, plan.sequence)));
      }
      return;
    }
    const recipient = (recipientField as { id?: string } | undefined)?.id;
    if (!recipient) return send(res, 400, graphError(100, "(#100) The parameter recipient is required"));
    const id = `m_${next("FAKE")}`;
    const kind = accounts.get(accountId)?.kind ?? "messenger";
    const plan = state.statusPlan;
    if (plan?.when === "before") await emit(plan, statusPayloads(kind, accountId, recipient, id, plan.sequence));
    send(res, 200, { recipient_id: recipient, message_id: id });
    if (plan?.when === "after") track(emit(plan, statusPayloads(kind, accountId, recipient, id, plan.sequence)));
  }

  function templatesPage(req: MetaFakeRequest, wabaId: string) {
    const limit = Math.min(Number(req.query.limit ?? state.templatePageSize) || state.templatePageSize, state.templatePageSize);
    const start = Number(req.query.after ?? 0) || 0;
    const data = state.templates.slice(start, start + limit).map((t, i) => ({ id: t.id ?? String(900000 + start + i), ...t }));
    const end = start + data.length;
    const query = new URLSearchParams({ ...req.query, limit: String(limit), after: String(end) });
    query.delete("access_token");
    return {
      data,
      paging: {
        cursors: { before: String(start), after: String(end) },
        ...(end < state.templates.length ? { next: `${base}/${GRAPH_VERSION}/${wabaId}/message_templates?${query}` } : {}),
      },
    };
  }

  async function route(req: MetaFakeRequest, res: http.ServerResponse) {
    const parts = req.path.split("/").filter(Boolean);
    // Files: the short-lived WhatsApp URL needs the same Bearer token; CDN links (Messenger, Instagram) need none.
    if (req.method === "GET" && parts[0] === "blob" && parts[1]) {
      if (!authorized(req)) return send(res, 401, graphError(190, "Invalid OAuth access token."));
      const file = media.get(parts[1]);
      return file ? send(res, 200, file.data, file.mimeType) : send(res, 404, "not found", "text/plain");
    }
    if (req.method === "GET" && parts[0] === "cdn" && parts[1]) {
      const file = cdn.get(parts[1]);
      return file ? send(res, 200, file.data, file.mimeType) : send(res, 404, "URL signature expired", "text/plain");
    }
    if (parts[0] !== GRAPH_VERSION) return send(res, 404, graphError(2500, "Unknown path components"));
    const [, id, edge] = parts;
    if (!authorized(req)) return send(res, 401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));

    const failure = takeFailure(req);
    if (failure && "hangUp" in failure) return void res.socket?.destroy();
    if (failure && "delayMs" in failure) await new Promise((r) => setTimeout(r, failure.delayMs));
    if (failure && "status" in failure) return send(res, failure.status, failure.body ?? graphError(2, "An unexpected error has occurred."));

    if (req.method === "POST" && edge === "messages" && id) return handleSend(req, res, id, failure);
    if (req.method === "POST" && edge === "media" && id) {
      const file = req.files?.find((f) => f.field === "file");
      if (req.form?.messaging_product !== "whatsapp" || !file) return send(res, 400, graphError(100, "(#100) Param file must be a file with one of the supported types"));
      const mediaId = next("10");
      uploads.set(mediaId, { name: file.name, type: req.form.type ?? file.type, data: file.data });
      return send(res, 200, { id: mediaId });
    }
    if (req.method === "POST" && edge === "subscribed_apps") return send(res, 200, { success: true });
    if (req.method === "GET" && edge === "message_templates" && id) return send(res, 200, templatesPage(req, id));
    if (req.method === "GET" && id && !edge) {
      const file = media.get(id);
      if (file) {
        return send(res, 200, {
          messaging_product: "whatsapp",
          url: `${base}/blob/${id}`,
          mime_type: file.mimeType,
          sha256: crypto.createHash("sha256").update(file.data).digest("hex"),
          // Meta has sent this as a string as well as a number.
          file_size: String(file.data.length),
          id,
        });
      }
      const profile = profiles.get(id);
      if (profile) return send(res, 200, { id, ...profile });
    }
    return send(res, 400, graphError(100, `(#100) Unsupported ${req.method.toLowerCase()} request. Object with ID '${id}' does not exist`, { subcode: 33 }));
  }

  const server = http.createServer((incoming, res) => {
    void (async () => {
      const raw = await readBody(incoming);
      const url = new URL(incoming.url ?? "/", "http://fake.local");
      const contentType = incoming.headers["content-type"] ?? "";
      const record: MetaFakeRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: incoming.headers,
        rawBody: raw.toString("utf8"),
      };
      if (contentType.startsWith("application/json") && raw.length) {
        try {
          record.json = JSON.parse(record.rawBody);
        } catch {
          requests.push(record);
          return send(res, 400, graphError(100, "(#100) Could not parse the JSON body"));
        }
      }
      if (contentType.startsWith("multipart/form-data")) Object.assign(record, await readMultipart(contentType, raw));
      requests.push(record);
      await route(record, res);
    })().catch((error) => {
      console.error("meta fake crashed", error);
      if (!res.headersSent) send(res, 500, graphError(1, "An unknown error occurred"));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    graphUrl: `${base}/${GRAPH_VERSION}`,
    requests,
    uploads,
    state,
    /** Requests to the Graph API proper (not file downloads), in order. */
    graphRequests: () => requests.filter((r) => r.path.startsWith(`/${GRAPH_VERSION}/`)),
    failNext(match: MetaMatcher, failure: MetaFailure) {
      failures.push({ match, failure });
    },
    /** A WhatsApp media id the app can look up and download. */
    addMedia(data: Buffer, mimeType: string): string {
      const id = next("77");
      media.set(id, { data, mimeType });
      return id;
    },
    /** A CDN link (Messenger/Instagram attachments), fetchable without a token. */
    addCdnFile(name: string, data: Buffer, mimeType: string): string {
      cdn.set(name, { data, mimeType });
      return `${base}/cdn/${name}`;
    },
    setProfile(id: string, profile: Record<string, unknown>) {
      profiles.set(id, profile);
    },
    setAccount(sendId: string, kind: "messenger" | "instagram", entryId = sendId) {
      accounts.set(sendId, { kind, entryId });
    },
    /** POSTs a webhook the way Meta does; returns the app's answer. */
    deliver(payload: unknown, options: DeliverOptions) {
      return post(options.url, payload, options.secret, options);
    },
    /** The identical delivery n times at once (the duplicate race). */
    deliverConcurrently(n: number, payload: unknown, options: DeliverOptions) {
      return Promise.all(Array.from({ length: n }, () => post(options.url, payload, options.secret, options)));
    },
    async handshake(url: string, query: Record<string, string>) {
      const target = new URL(url);
      for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
      const response = await fetch(target);
      return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
    },
    /** Waits until every status webhook the fake started has been answered. */
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      state.statusPlan = null;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * The app side for tests: a real HTTP server that hands each request to `handle` (a webhook route), so
 * the fake posts over the wire exactly as Meta would.
 */
export async function startAppServer(handle: (req: Request) => Promise<Response>) {
  const server = http.createServer((incoming, res) => {
    void (async () => {
      const body = await readBody(incoming);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method,
        headers,
        body: incoming.method === "GET" || incoming.method === "HEAD" ? undefined : new Uint8Array(body),
      });
      const response = await handle(request);
      const data = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/octet-stream" });
      res.end(data);
    })().catch((error) => {
      console.error("app server crashed", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

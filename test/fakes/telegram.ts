import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Telegram Bot API (channels.md 2.4 and the checklist in section 4): `/bot<token>/<method>`
 * with JSON, form or multipart bodies, `/file/bot<token>/<path>` for downloads. It records every request,
 * answers like Telegram (`{ok, result}` or `{ok:false, error_code, description, parameters}`), fails on
 * demand, and delivers updates the way Telegram does: a POST carrying the `secret_token` given to
 * setWebhook in `X-Telegram-Bot-Api-Secret-Token`, with a rising update_id.
 */

export type TelegramFakeFile = { field: string; name: string; type: string; data: Buffer };

export type TelegramFakeRequest = {
  method: string;
  path: string;
  /** The Bot API method (sendMessage, getFile...), or "file" for a download. */
  apiMethod: string;
  token: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  json?: Record<string, unknown>;
  /** Text fields of a form or multipart body. */
  form?: Record<string, string>;
  files: TelegramFakeFile[];
};

export type TelegramFailure =
  | { status: number; description: string; retryAfter?: number }
  | { hangUp: true };

type Matcher = string | ((req: TelegramFakeRequest) => boolean);

type DeliverOptions = {
  url: string;
  /** The secret header to send; defaults to the one setWebhook stored. null leaves it out. */
  secret?: string | null;
};

const DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const SEND_METHODS: Record<string, string> = {
  sendPhoto: "photo",
  sendDocument: "document",
  sendVideo: "video",
  sendAudio: "audio",
  sendVoice: "voice",
};

export function telegramError(status: number, description: string, retryAfter?: number) {
  return { ok: false, error_code: status, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Splits a body the way Telegram's server reads it: JSON, urlencoded or multipart. */
async function decode(contentType: string, body: Buffer) {
  if (contentType.startsWith("application/json")) {
    return { json: JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>, files: [] as TelegramFakeFile[] };
  }
  if (contentType.startsWith("multipart/form-data") || contentType.startsWith("application/x-www-form-urlencoded")) {
    const data = await new Request("http://fake/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(body) }).formData();
    const form: Record<string, string> = {};
    const files: TelegramFakeFile[] = [];
    for (const [field, value] of data) {
      if (typeof value === "string") form[field] = value;
      else files.push({ field, name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
    return { form, files };
  }
  return { files: [] as TelegramFakeFile[] };
}

export type TelegramFake = Awaited<ReturnType<typeof startTelegramFake>>;

/** `port` fixes the port (end-to-end tests tell the app where the fake is); by default any free one. */
export async function startTelegramFake(options: { token: string; bot?: { id: number; username: string; first_name: string }; port?: number }) {
  const bot = options.bot ?? { id: Number(options.token.split(":")[0]), username: "northwind_test_bot", first_name: "Northwind" };
  const requests: TelegramFakeRequest[] = [];
  const failures: { matcher: Matcher; failure: TelegramFailure }[] = [];
  const stored = new Map<string, { path: string; data: Buffer; size: number }>();
  const state = {
    webhook: null as null | { url: string; secret_token?: string; allowed_updates?: unknown; max_connections?: unknown },
    updateId: 815_000_000,
    messageId: 500,
  };

  function message(chatId: number, extra: Record<string, unknown>) {
    return { message_id: ++state.messageId, from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username }, chat: { id: chatId, type: "private" }, date: Math.floor(Date.now() / 1000), ...extra };
  }

  /** The answer to one Bot API call, as Telegram gives it. */
  function answer(record: TelegramFakeRequest): { status: number; body: unknown } {
    const args: Record<string, unknown> = { ...record.form, ...record.json };
    const bad = (description: string) => ({ status: 400, body: telegramError(400, `Bad Request: ${description}`) });
    const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
    const chatId = Number(args.chat_id);
    switch (record.apiMethod) {
      case "getMe":
        return ok({ ...bot, is_bot: true, can_join_groups: true });
      case "setWebhook": {
        if (typeof args.url !== "string" || !args.url) return bad("bad webhook: an HTTPS URL must be provided for webhook");
        const secret = args.secret_token;
        if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) return bad("secret token contains unallowed characters");
        state.webhook = { url: args.url, secret_token: secret, allowed_updates: args.allowed_updates, max_connections: args.max_connections };
        return { status: 200, body: { ok: true, result: true, description: "Webhook was set" } };
      }
      case "getWebhookInfo":
        return ok({ url: state.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: 0 });
      case "sendMessage": {
        if (!Number.isFinite(chatId)) return bad("chat not found");
        if (typeof args.text !== "string" || !args.text) return bad("message text is empty");
        if (args.text.length > 4096) return bad("message is too long");
        return ok(message(chatId, { text: args.text }));
      }
      case "sendMediaGroup": {
        if (!Number.isFinite(chatId)) return bad("chat not found");
        let media: { type: string; media: string; caption?: string }[];
        try {
          media = JSON.parse(String(args.media));
        } catch {
          return bad("can't parse media JSON object");
        }
        if (!Array.isArray(media) || media.length < 2 || media.length > 10) return bad("wrong number of media in the group");
        for (const item of media) {
          const name = item.media.replace(/^attach:\/\//, "");
          if (!record.files.some((f) => f.field === name)) return bad(`wrong file identifier/HTTP URL specified`);
        }
        return ok(media.map((item) => message(chatId, { [item.type]: { file_id: `sent-${item.media}` }, ...(item.caption ? { caption: item.caption } : {}) })));
      }
      case "getFile": {
        const file = stored.get(String(args.file_id));
        if (!file) return bad("invalid file_id");
        if (file.size > DOWNLOAD_LIMIT) return bad("file is too big");
        return ok({ file_id: args.file_id, file_unique_id: `u-${args.file_id}`, file_size: file.size, file_path: file.path });
      }
      default: {
        const field = SEND_METHODS[record.apiMethod];
        if (!field) return { status: 404, body: telegramError(404, "Not Found: method not found") };
        if (!Number.isFinite(chatId)) return bad("chat not found");
        const upload = record.files.find((f) => f.field === field);
        if (!upload && typeof args[field] !== "string") return bad(`there is no ${field} in the request`);
        if (typeof args.caption === "string" && args.caption.length > 1024) return bad("message caption is too long");
        return ok(message(chatId, { [field]: { file_id: `sent-${upload?.name ?? args[field]}`, file_size: upload?.data.length }, ...(args.caption ? { caption: args.caption } : {}) }));
      }
    }
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://fake");
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      const decoded = await decode(String(req.headers["content-type"] ?? ""), body).catch(() => ({ files: [] as TelegramFakeFile[] }));
      const record: TelegramFakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        apiMethod: file ? "file" : (api?.[2] ?? ""),
        token: decodeURIComponent(file?.[1] ?? api?.[1] ?? ""),
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        rawBody: body.toString("utf8"),
        ...decoded,
      };
      if (!record.json && !record.form && url.searchParams.size) record.form = Object.fromEntries(url.searchParams);
      requests.push(record);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };
      if (!file && !api) return send(404, telegramError(404, "Not Found"));
      if (record.token !== options.token) return send(401, telegramError(401, "Unauthorized"));

      const index = failures.findIndex(({ matcher }) => (typeof matcher === "string" ? matcher === record.apiMethod : matcher(record)));
      if (index >= 0) {
        const [{ failure }] = failures.splice(index, 1);
        if ("hangUp" in failure) return void res.socket?.destroy();
        return send(failure.status, telegramError(failure.status, failure.description, failure.retryAfter));
      }
      if (file) {
        const found = [...stored.values()].find((f) => f.path === file[2]);
        if (!found) return send(404, telegramError(404, "Not Found"));
        res.writeHead(200, { "content-type": "application/octet-stream" });
        return void res.end(found.data);
      }
      const { status, body: payload } = answer(record);
      send(status, payload);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  async function post(rawBody: string, deliver: DeliverOptions) {
    const secret = deliver.secret === undefined ? state.webhook?.secret_token : deliver.secret;
    const response = await fetch(deliver.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
      body: rawBody,
    });
    return { status: response.status, text: await response.text() };
  }

  return {
    url: base,
    requests,
    bot,
    get webhook() {
      return state.webhook;
    },
    /** Calls of one Bot API method, in order. */
    calls: (apiMethod: string) => requests.filter((r) => r.apiMethod === apiMethod),
    /** Keeps a file a customer "sent"; returns its file_id for an update. `size` overrides the reported size. */
    addFile(data: Buffer, path: string, size = data.length): string {
      const fileId = `AgAC${crypto.randomBytes(9).toString("base64url")}`;
      stored.set(fileId, { path, data, size });
      return fileId;
    },
    /** The next matching call (by method name or predicate) gets this answer instead. */
    failNext(matcher: Matcher, failure: TelegramFailure) {
      failures.push({ matcher, failure });
    },
    /** A full Update around `content` (`{message: …}`), with the next update_id. */
    update(content: Record<string, unknown>) {
      return { update_id: ++state.updateId, ...content };
    },
    /** POSTs an update the way Telegram does; returns the app's answer. A string is sent as the exact body. */
    deliver(update: unknown, options: DeliverOptions) {
      return post(typeof update === "string" ? update : JSON.stringify(update), options);
    },
    /** The identical update n times at once (parallel webhook connections racing). */
    deliverConcurrently(n: number, update: unknown, options: DeliverOptions) {
      const raw = typeof update === "string" ? update : JSON.stringify(update);
      return Promise.all(Array.from({ length: n }, () => post(raw, options)));
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

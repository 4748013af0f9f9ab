import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";

/**
 * A stand-in for Twilio's Messaging REST API (channels.md 2.5 and the checklist in section 4):
 * `POST /2010-04-01/Accounts/:sid/Messages.json` (Basic auth, form-encoded, repeated MediaUrl),
 * `GET /2010-04-01/Accounts/:sid.json`, and MMS media behind Basic auth with a redirect to a "CDN".
 * It records every request, fails on demand, posts status callbacks to each send's StatusCallback, and
 * delivers inbound webhooks the way Twilio does: form-encoded, signed with the official `twilio`
 * package's `getExpectedTwilioSignature` over the URL it posts to (or the public URL it was told).
 */

export type TwilioFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The form fields; a repeated name (MediaUrl) as an array. */
  form: Record<string, string | string[]>;
};

export type TwilioFailure = { status: number; code: number; message: string } | { hangUp: true };

/** What happens after a send: these statuses are posted to its StatusCallback, in order. */
export type TwilioStatusStep = { status: string; errorCode?: string };

type Matcher = (req: TwilioFakeRequest) => boolean;

type DeliverOptions = {
  /** Where to POST. */
  url: string;
  /** The URL to sign when Twilio "called" another address (the public one, behind a proxy). */
  signUrl?: string;
  /** Sign with this token instead of the account's (the wrong-secret case). */
  authToken?: string;
  /** Replace the signature header: a string is sent as is, null leaves it out. */
  signature?: string | null;
};

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function formOf(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function encode(params: Record<string, string | string[]>): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  return form.toString();
}

const sid = (prefix: string) => `${prefix}${crypto.randomBytes(16).toString("hex")}`;

export type TwilioFake = Awaited<ReturnType<typeof startTwilioFake>>;

export async function startTwilioFake(options: { accountSid: string; authToken: string; friendlyName?: string }) {
  const requests: TwilioFakeRequest[] = [];
  const failures: { matcher: Matcher; failure: TwilioFailure }[] = [];
  const media = new Map<string, { data: Buffer; type: string }>();
  const inFlight = new Set<Promise<unknown>>();
  const callbacks: { url: string; params: Record<string, string>; status: number }[] = [];
  const state = { statusPlan: [{ status: "sent" }, { status: "delivered" }] as TwilioStatusStep[], redirectMedia: true };
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const prefix = `/2010-04-01/Accounts/${options.accountSid}`;

  async function post(url: string, params: Record<string, string | string[]>, deliver: Omit<DeliverOptions, "url"> = {}) {
    const signature =
      deliver.signature !== undefined ? deliver.signature : getExpectedTwilioSignature(deliver.authToken ?? options.authToken, deliver.signUrl ?? url, params);
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded; charset=utf-8",
        "user-agent": "TwilioProxy/1.1",
        ...(signature === null ? {} : { "x-twilio-signature": signature }),
      },
      body: encode(params),
    });
    return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
  }

  /** Posts the planned status callbacks for one message, one after another, after the send answered. */
  function reportStatuses(message: Record<string, string>, url: string) {
    const run = (async () => {
      for (const step of state.statusPlan) {
        const params: Record<string, string> = {
          AccountSid: options.accountSid,
          ApiVersion: "2010-04-01",
          MessageSid: message.sid,
          SmsSid: message.sid,
          MessageStatus: step.status,
          SmsStatus: step.status,
          To: message.to,
          From: message.from,
          ...(step.errorCode ? { ErrorCode: step.errorCode } : {}),
        };
        const answer = await post(url, params);
        callbacks.push({ url, params, status: answer.status });
      }
    })();
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  function error(status: number, code: number, message: string) {
    return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
  }

  function answer(record: TwilioFakeRequest): { status: number; body?: unknown; redirect?: string; bytes?: { data: Buffer; type: string } } {
    const mediaMatch = /^\/(media|cdn)\/([A-Za-z0-9]+)$/.exec(record.path);
    if (mediaMatch) {
      const [, kind, id] = mediaMatch;
      const file = media.get(id);
      // The CDN needs no auth; the API's media URL does (with "HTTP auth for media" on).
      if (kind === "media" && record.headers.authorization !== auth) return error(401, 20003, "Authenticate");
      if (!file) return error(404, 20404, "The requested resource was not found");
      if (kind === "media" && state.redirectMedia) return { status: 307, redirect: `/cdn/${id}` };
      return { status: 200, bytes: file };
    }
    if (!record.path.startsWith("/2010-04-01/Accounts/")) return error(404, 20404, "The requested resource was not found");
    if (record.headers.authorization !== auth) return error(401, 20003, "Authenticate");
    if (record.method === "GET" && record.path === `${prefix}.json`) {
      return { status: 200, body: { sid: options.accountSid, friendly_name: options.friendlyName ?? "Northwind test", status: "active", type: "Full" } };
    }
    if (record.method === "POST" && record.path === `${prefix}/Messages.json`) {
      const form = record.form;
      const to = form.To;
      const mediaUrls = form.MediaUrl === undefined ? [] : ([] as string[]).concat(form.MediaUrl);
      if (typeof to !== "string" || !to) return error(400, 21604, "A 'To' phone number is required.");
      if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
      if (!form.Body && !mediaUrls.length) return error(400, 21602, "Message body is required.");
      if (typeof form.Body === "string" && form.Body.length > 1600) return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      if (mediaUrls.length > 10) return error(400, 21623, "Number of media files exceeds allowed limit.");
      const message = {
        sid: sid(mediaUrls.length ? "MM" : "SM"),
        to,
        from: typeof form.From === "string" ? form.From : "",
      };
      if (typeof form.StatusCallback === "string") reportStatuses(message, form.StatusCallback);
      return {
        status: 201,
        body: {
          ...message,
          account_sid: options.accountSid,
          messaging_service_sid: form.MessagingServiceSid ?? null,
          body: form.Body ?? "",
          status: "queued",
          num_segments: "1",
          num_media: String(mediaUrls.length),
          direction: "outbound-api",
          error_code: null,
          error_message: null,
          date_created: new Date().toUTCString(),
          api_version: "2010-04-01",
          uri: `${prefix}/Messages/${message.sid}.json`,
        },
      };
    }
    return error(404, 20404, "The requested resource was not found");
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = (await readBody(req)).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake");
      const record: TwilioFakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        rawBody: raw,
        form: String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded") ? formOf(raw) : {},
      };
      requests.push(record);
      const index = failures.findIndex(({ matcher }) => matcher(record));
      if (index >= 0) {
        const [{ failure }] = failures.splice(index, 1);
        if ("hangUp" in failure) return void res.socket?.destroy();
        const { status, body } = error(failure.status, failure.code, failure.message);
        res.writeHead(status, { "content-type": "application/json" });
        return void res.end(JSON.stringify(body));
      }
      const result = answer(record);
      if (result.redirect) {
        res.writeHead(result.status, { location: result.redirect });
        return void res.end();
      }
      if (result.bytes) {
        res.writeHead(200, { "content-type": result.bytes.type });
        return void res.end(result.bytes.data);
      }
      res.writeHead(result.status, { "content-type": "application/json" });
      res.end(JSON.stringify(result.body));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    requests,
    /** Status callbacks posted so far, with the app's answers. */
    callbacks,
    sends: () => requests.filter((r) => r.method === "POST" && r.path === `${prefix}/Messages.json`),
    /** Keeps an MMS file; returns its MediaUrl (on the fake, as Twilio's is on api.twilio.com). */
    addMedia(data: Buffer, type: string): string {
      const id = sid("ME");
      media.set(id, { data, type });
      return `${base}/media/${id}`;
    },
    /** The statuses each later send reports through its StatusCallback. */
    planStatuses(steps: TwilioStatusStep[]) {
      state.statusPlan = steps;
    },
    serveMediaDirectly(direct: boolean) {
      state.redirectMedia = !direct;
    },
    failNext(matcher: Matcher, failure: TwilioFailure) {
      failures.push({ matcher, failure });
    },
    /** An inbound webhook as Twilio posts it; returns the app's answer. */
    deliver(params: Record<string, string | string[]>, deliver: DeliverOptions) {
      return post(deliver.url, params, deliver);
    },
    /** Exactly these bytes, signed over the fields Twilio would read from them (malformed-body tests). */
    deliverRaw(rawBody: string, deliver: DeliverOptions) {
      const signature = deliver.signature !== undefined ? deliver.signature : getExpectedTwilioSignature(options.authToken, deliver.signUrl ?? deliver.url, formOf(rawBody));
      return fetch(deliver.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(signature === null ? {} : { "x-twilio-signature": signature }) },
        body: rawBody,
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    },
    /** The identical webhook n times at once. */
    deliverConcurrently(n: number, params: Record<string, string | string[]>, deliver: DeliverOptions) {
      return Promise.all(Array.from({ length: n }, () => post(deliver.url, params, deliver)));
    },
    /** Waits until every status callback the fake started has been answered. */
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      callbacks.length = 0;
      state.statusPlan = [{ status: "sent" }, { status: "delivered" }];
      state.redirectMedia = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}


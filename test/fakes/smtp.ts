import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server (the `smtp-server` package from the nodemailer project) standing in for a
 * customer's mail provider (channels.md section 4): it signs users in, stores every envelope and raw
 * message, and can refuse the next sign-in (535), recipient (550) or connection (421).
 */

export type SmtpFakeMail = {
  envelope: { from: string; to: string[] };
  /** The signed-in user, when there was one. */
  user?: string;
  raw: Buffer;
  parsed: ParsedMail;
};

export type SmtpFakeFailure =
  | { stage: "auth"; message?: string }
  | { stage: "rcpt"; code?: number; message?: string }
  | { stage: "connect"; message?: string };

export type SmtpFake = {
  host: string;
  port: number;
  mails: SmtpFakeMail[];
  /** The next matching step is refused (queued: one failure per step it meets). */
  failNext(failure: SmtpFakeFailure): void;
  reset(): void;
  close(): Promise<void>;
};

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpFake(credentials: { user: string; password: string } | null = null): Promise<SmtpFake> {
  const mails: SmtpFakeMail[] = [];
  let failures: SmtpFakeFailure[] = [];
  const take = <S extends SmtpFakeFailure["stage"]>(stage: S) => {
    const index = failures.findIndex((f) => f.stage === stage);
    return index < 0 ? null : (failures.splice(index, 1)[0] as Extract<SmtpFakeFailure, { stage: S }>);
  };

  const server = new SMTPServer({
    secure: false,
    // Plain SMTP on loopback: no certificate to make, and nodemailer's "auto" then sends without TLS.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: credentials === null,
    logger: false,
    size: 30 * 1024 * 1024,
    onConnect(_session, callback) {
      const failure = take("connect");
      callback(failure ? smtpError(421, failure.message ?? "4.3.2 Service not available, closing transmission channel") : null);
    },
    onAuth(auth, _session, callback) {
      const failure = take("auth");
      if (failure) return callback(smtpError(535, failure.message ?? "5.7.8 Authentication credentials invalid"));
      if (!credentials || auth.username !== credentials.user || auth.password !== credentials.password) {
        return callback(smtpError(535, "5.7.8 Authentication credentials invalid"));
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const failure = take("rcpt");
      if (failure) return callback(smtpError(failure.code ?? 550, failure.message ?? `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mails.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              user: typeof session.user === "string" ? session.user : undefined,
              raw,
              parsed,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    mails,
    failNext: (failure) => void failures.push(failure),
    reset() {
      mails.length = 0;
      failures = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { SendError } from "@/lib/channels/types";

/** Telegram lets bots download files up to this size through getFile (channels.md 2.4). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

const TIMEOUT_MS = 30_000;

/** Read at call time so tests can point the adapter at a fake. */
export function telegramBase(): string {
  return (process.env.TELEGRAM_API_URL || "https://api.telegram.org").replace(/\/+$/, "");
}

type TelegramAnswer = {
  ok?: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
};

/** Telegram's error, in words for the agent, with its own description kept (channels.md 2.4 errors). */
function telegramError(answer: TelegramAnswer, httpStatus: number): SendError {
  const code = answer.error_code ?? httpStatus;
  const description = answer.description || `HTTP ${httpStatus}`;
  if (code === 401) return new SendError(`Telegram refused the bot token: check it in Settings → Channels (${description}).`, "401");
  if (code === 403) {
    return new SendError(`The customer has blocked the bot or never started it, so Telegram will not deliver (${description}).`, "403");
  }
  if (code === 429) {
    const wait = answer.parameters?.retry_after;
    return new SendError(`Telegram is limiting how fast this bot may send${wait ? `; retry after ${wait} s` : ""} (${description}).`, "429");
  }
  return new SendError(`Telegram refused the message: ${description}.`, String(code));
}

/**
 * One Bot API call: JSON or multipart. The token sits in the URL, so neither the URL nor the request is
 * ever logged. Resolves with `result`; throws SendError with Telegram's own description.
 */
export async function callTelegram<T>(token: string, method: string, body?: Record<string, unknown> | FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${telegramBase()}/bot${token}/${method}`, {
      method: "POST",
      headers: body instanceof FormData ? undefined : { "content-type": "application/json" },
      body: body instanceof FormData ? body : JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new SendError("Telegram could not be reached. Try again in a moment.", "network");
  }
  let answer: TelegramAnswer;
  try {
    answer = (await response.json()) as TelegramAnswer;
  } catch {
    throw new SendError(`Telegram answered HTTP ${response.status} without a readable body.`, `http_${response.status}`);
  }
  if (!response.ok || !answer.ok) throw telegramError(answer, response.status);
  return answer.result as T;
}

/** Downloads a file a customer sent: getFile, then the file URL (which holds the token: never log it). */
export async function downloadTelegramFile(token: string, fileId: string): Promise<Buffer> {
  const file = await callTelegram<{ file_path?: string; file_size?: number }>(token, "getFile", { file_id: fileId }).catch((error: unknown) => {
    if (error instanceof SendError && /file is too big/i.test(error.message)) {
      throw new Error("Telegram lets bots download files up to 20 MB; this one is larger.");
    }
    throw error;
  });
  if (!file.file_path) throw new Error("Telegram no longer has this file.");
  if (file.file_size && file.file_size > TELEGRAM_DOWNLOAD_LIMIT) throw new Error("Telegram lets bots download files up to 20 MB; this one is larger.");
  const response = await fetch(`${telegramBase()}/file/bot${token}/${file.file_path}`, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`Telegram answered HTTP ${response.status} for the file.`);
  return Buffer.from(await response.arrayBuffer());
}

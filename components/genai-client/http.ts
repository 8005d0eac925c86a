/**
 * HTTP for the JSON providers (Ollama, OpenAI-compatible): Node's fetch, one
 * error shape for statuses, bodies and connection failures, and line readers
 * for NDJSON and server-sent events.
 */
import { GenAiError, GenAiErrorKind, kindOfStatus } from "./errors";

export interface Target {
  provider: string;
  model: string;
}

export type Fetch = typeof fetch;

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The most useful message a JSON error body carries (`{error: "..."}`, `{error: {message, code}}`), else the text. */
function errorMessage(text: string): { message: string; code?: string } {
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string; code?: string | number; type?: string }; message?: string };
    if (typeof body.error === "string") return { message: body.error };
    if (body.error && typeof body.error === "object") return { message: body.error.message ?? text, code: body.error.code === undefined ? body.error.type : String(body.error.code) };
    if (typeof body.message === "string") return { message: body.message };
  } catch {
    // not JSON: the text itself
  }
  return { message: text.slice(0, 500) || "(empty body)" };
}

/** POSTs JSON; a non-2xx answer becomes a GenAiError with the server's own message. */
export async function postJson(fetchImpl: Fetch, target: Target, url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  const response = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json", ...headers }, body: JSON.stringify(body), signal });
  if (response.ok) return response;
  const { message, code } = errorMessage(await response.text().catch(() => ""));
  throw new GenAiError(`${url} answered ${response.status}: ${message}`, {
    kind: kindOfStatus(response.status),
    provider: target.provider,
    model: target.model,
    status: response.status,
    code,
    retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
  });
}

export function malformed(target: Target, detail: string, cause?: unknown): GenAiError {
  return new GenAiError(`malformed response: ${detail}`, { kind: GenAiErrorKind.Malformed, provider: target.provider, model: target.model, status: 200, cause });
}

export async function readJson(target: Target, response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformed(target, `body is not JSON: ${JSON.stringify(text.slice(0, 200))}`, error);
  }
}

const CONNECTION_CODES: string[] = ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT"];
const CONNECTION_CODE = new RegExp(`\\b(${CONNECTION_CODES.join("|")})\\b`);

/**
 * fetch's "fetch failed" and the AWS SDK hide the socket error in `cause`, or
 * (when the SDK wraps an error from another realm) only in the message.
 */
export function connectionError(target: Target, error: unknown): GenAiError | undefined {
  const chain: { code?: string; message?: string }[] = [];
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e && chain.length < 5; e = e.cause as typeof e) chain.push(e);
  const code = chain.map((e) => e.code).find((c) => c !== undefined && CONNECTION_CODES.includes(c)) ?? chain.map((e) => CONNECTION_CODE.exec(e.message ?? "")?.[1]).find(Boolean);
  if (code === undefined) {
    // fetch gave no HTTP answer for another reason (a refused port, a TLS failure): still "could not reach it".
    if ((error as Error)?.name !== "TypeError" || (error as Error).message !== "fetch failed") return undefined;
    const why = chain.slice(1).map((e) => e.message).find(Boolean) ?? "no response";
    return new GenAiError(`cannot reach the server (${why})`, { kind: GenAiErrorKind.Connection, provider: target.provider, model: target.model, cause: error });
  }
  const detail = chain.map((e) => e.message).find((m) => m?.includes(code)) ?? code;
  return new GenAiError(`cannot reach the server (${code}: ${detail})`, { kind: GenAiErrorKind.Connection, provider: target.provider, model: target.model, code, cause: error });
}

/** Lines of a streamed body, decoded as UTF-8 across chunk boundaries; `touch` on every chunk. */
export async function* lines(response: Response, touch: () => void): AsyncGenerator<string> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    touch();
    buffered += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      yield buffered.slice(0, newline).replace(/\r$/, "");
      buffered = buffered.slice(newline + 1);
    }
  }
  buffered += decoder.decode();
  if (buffered.length > 0) yield buffered;
}

export function parseLine(target: Target, line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw malformed(target, `stream line is not JSON: ${JSON.stringify(line.slice(0, 200))}`, error);
  }
}

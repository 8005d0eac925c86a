import type { GenAiProvider } from "./types";

/** What went wrong, so a caller can branch without parsing messages. */
export const GenAiErrorKind = {
  /** 429 / ThrottlingException: retried, then reported. */
  Throttled: "throttled",
  /** 5xx: retried, then reported. */
  Server: "server",
  /** Other 4xx (bad request, access denied, unknown model): never retried. */
  Client: "client",
  /** No answer within timeoutMs: not retried, the model may still be generating (and billing). */
  Timeout: "timeout",
  /** A 2xx whose body is not what the protocol promises: not retried. */
  Malformed: "malformed",
  /** The server could not be reached (refused, reset, DNS): retried, then reported. */
  Connection: "connection",
  /** The caller's signal cancelled the call. */
  Aborted: "aborted",
  /** The client's configuration is incomplete or invalid. */
  Config: "config",
  /** No credentials to call with: no AWS credentials in the default chain, or no key for a server that wants one. Not retried. */
  Credentials: "credentials",
} as const;
export type GenAiErrorKind = (typeof GenAiErrorKind)[keyof typeof GenAiErrorKind];

const RETRYABLE: readonly GenAiErrorKind[] = [GenAiErrorKind.Throttled, GenAiErrorKind.Server, GenAiErrorKind.Connection];

export interface GenAiErrorDetails {
  kind: GenAiErrorKind;
  provider: GenAiProvider | string;
  model: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The provider's error code or exception name (ThrottlingException, model_not_found...). */
  code?: string;
  /** Server's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Every failure of the client: names the provider, the model and the HTTP status. */
export class GenAiError extends Error {
  readonly kind: GenAiErrorKind;
  readonly provider: string;
  readonly model: string;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  /** Attempts made before giving up (set when the error leaves the client). */
  attempts = 1;

  constructor(detail: string, details: GenAiErrorDetails) {
    super(`${details.provider} model "${details.model}": ${details.kind}${details.status === undefined ? "" : ` (HTTP ${details.status}${details.code ? ` ${details.code}` : ""})`}: ${detail}`, { cause: details.cause });
    this.name = "GenAiError";
    this.kind = details.kind;
    this.provider = details.provider;
    this.model = details.model;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE.includes(this.kind);
  }
}

/** HTTP status to kind: 429 throttled, 5xx server, other 4xx client. */
export function kindOfStatus(status: number): GenAiErrorKind {
  if (status === 429) return GenAiErrorKind.Throttled;
  if (status >= 500) return GenAiErrorKind.Server;
  return GenAiErrorKind.Client;
}

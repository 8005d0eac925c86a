import { GenAiError } from "./errors";

export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** Backoff base: retry n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^n)). Default 250. */
  baseDelayMs?: number;
  /** Ceiling of one wait, Retry-After included. Default 8000. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
  /** How to wait. Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export const RETRY_DEFAULTS = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8000 } as const;

/**
 * Full-jitter exponential backoff: many pods throttled at once spread out
 * instead of retrying in lockstep. A server's Retry-After is a floor, capped.
 */
export function backoffDelay(retry: number, options: RetryOptions, retryAfterMs?: number): number {
  const base = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const max = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const jittered = (options.random ?? Math.random)() * Math.min(max, base * 2 ** retry);
  return Math.min(max, Math.max(jittered, retryAfterMs ?? 0));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, fails with a non-retryable GenAiError, or retries run out. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions, signal?: AbortSignal): Promise<{ value: T; attempts: number }> {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  for (let n = 0; ; n++) {
    try {
      return { value: await attempt(n), attempts: n + 1 };
    } catch (error) {
      if (error instanceof GenAiError) error.attempts = n + 1;
      if (!(error instanceof GenAiError) || !error.retryable || n >= maxRetries || signal?.aborted) throw error;
      await (options.sleep ?? sleep)(backoffDelay(n, options, error.retryAfterMs));
    }
  }
}

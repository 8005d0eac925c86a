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
  /** How to wait; it should end early when the signal aborts. Default setTimeout, cut short by the signal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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

/** Waits `ms`, or until the signal aborts: a cancelled call never sits out a backoff (or a long Retry-After). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs `attempt` until it succeeds, fails with a non-retryable GenAiError, or retries run out. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions, signal?: AbortSignal): Promise<{ value: T; attempts: number }> {
  const maxRetries = options.maxRetries ?? RETRY_DEFAULTS.maxRetries;
  for (let n = 0; ; n++) {
    try {
      return { value: await attempt(n), attempts: n + 1 };
    } catch (error) {
      if (error instanceof GenAiError) error.attempts = n + 1;
      if (!(error instanceof GenAiError) || !error.retryable || n >= maxRetries || signal?.aborted) throw error;
      // Cut short by an abort, the next attempt fails at once as "aborted".
      await (options.sleep ?? sleep)(backoffDelay(n, options, error.retryAfterMs), signal);
    }
  }
}

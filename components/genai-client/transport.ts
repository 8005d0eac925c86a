import type { GenAiError } from "./errors";
import type { TokenUsage } from "./types";

/** A request with the client's defaults applied. */
export interface ResolvedRequest {
  system?: string;
  messages: { role: "user" | "assistant"; content: string }[];
  maxTokens: number;
  temperature?: number;
}

/** One attempt's cancellation: aborts on timeout or on the caller's signal; `touch` restarts a stream's idle timer. */
export interface AttemptContext {
  signal: AbortSignal;
  touch(): void;
}

export interface Completion {
  text: string;
  stopReason: string;
  usage: TokenUsage;
}

/** What a stream yields: text as it comes, and at the end why it stopped and what it used. */
export interface StreamPiece {
  text?: string;
  stopReason?: string;
  usage?: Partial<TokenUsage>;
}

/** One provider's wire protocol. Errors it cannot name itself, `classify` names (or the client does). */
export interface Transport {
  complete(request: ResolvedRequest, context: AttemptContext): Promise<Completion>;
  /** Resolves once the server has accepted the request, so a refusal is retried like any other. */
  stream(request: ResolvedRequest, context: AttemptContext): Promise<AsyncIterable<StreamPiece>>;
  classify(error: unknown): GenAiError | undefined;
}

/** Usage with every field a number (a provider that omits one reports 0, never undefined). */
export function fullUsage(usage: Partial<TokenUsage> | undefined): TokenUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage?.totalTokens ?? inputTokens + outputTokens };
}

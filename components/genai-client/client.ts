import { bedrockTransport } from "./bedrock";
import type { BedrockOptions } from "./bedrock";
import { configFromEnv, validateConfig } from "./config";
import { GenAiError, GenAiErrorKind } from "./errors";
import type { Fetch, Target } from "./http";
import { malformed } from "./http";
import { ollamaTransport } from "./ollama";
import { openAiTransport } from "./openai";
import type { RetryOptions } from "./retry";
import { withRetries } from "./retry";
import type { AttemptContext, ResolvedRequest, StreamPiece, Transport } from "./transport";
import { fullUsage } from "./transport";
import { GenAiProvider } from "./types";
import type { ChatRequest, ChatResponse, ChatStreamEvent, GenAiClientConfig, TokenUsage } from "./types";

export const CLIENT_DEFAULTS = { timeoutMs: 60_000, maxTokens: 1024 } as const;

export interface GenAiClientOptions {
  /** Backoff tuning (tests make it tiny); maxRetries here wins over the config's. */
  retry?: RetryOptions;
  /** fetch for Ollama and OpenAI-compatible servers. Default: Node's global fetch. */
  fetch?: Fetch;
  /** Static Bedrock credentials, for tests. Default: the AWS SDK's default credential chain. */
  bedrockCredentials?: BedrockOptions["credentials"];
}

/** Aborts an attempt when the caller cancels or when `ms` pass without progress. */
class Deadline implements AttemptContext {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  timedOut = false;

  constructor(
    private readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {
    if (outer?.aborted) this.controller.abort(outer.reason);
    outer?.addEventListener("abort", this.cancel, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private readonly cancel = (): void => this.controller.abort(this.outer?.reason);

  touch = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error("timeout"));
    }, this.ms);
  };

  end(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener("abort", this.cancel);
  }
}

/**
 * One chat API over Bedrock Converse, Ollama and OpenAI-compatible servers
 * (LiteLLM): timeouts, retries with jittered backoff on throttling, 5xx and
 * unreachable servers (never on other 4xx), typed errors, token usage,
 * optional streaming.
 */
export class GenAiClient {
  readonly config: GenAiClientConfig;
  private readonly transport: Transport;
  private readonly target: Target;

  constructor(config: GenAiClientConfig, private readonly options: GenAiClientOptions = {}) {
    this.config = validateConfig(config);
    this.target = { provider: config.provider, model: config.modelId };
    const fetchImpl = options.fetch ?? fetch;
    switch (config.provider) {
      case GenAiProvider.Bedrock:
        this.transport = bedrockTransport(
          { region: config.region as string, endpoint: config.baseUrl, credentials: options.bedrockCredentials, guardrailId: config.guardrailId, guardrailVersion: config.guardrailVersion },
          this.target,
        );
        break;
      case GenAiProvider.Ollama:
        this.transport = ollamaTransport(config.baseUrl as string, this.target, fetchImpl);
        break;
      case GenAiProvider.OpenAi:
        this.transport = openAiTransport(config.baseUrl as string, this.target, fetchImpl, config.apiKey);
        break;
    }
  }

  /** Sends one chat; with `onText` it streams and reports text as it arrives. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    if (request.onText) {
      let response: ChatResponse | undefined;
      for await (const event of this.chatStream(request)) {
        if (event.type === "text") request.onText(event.text);
        else response = event.response;
      }
      return response as ChatResponse;
    }
    const resolved = this.resolve(request);
    const { value, attempts } = await this.retrying(request.signal, (context) => this.transport.complete(resolved, context));
    return { ...value, provider: this.config.provider, model: this.config.modelId, attempts };
  }

  /** Streams a chat: text events as they arrive, then one `done` with the whole response and its usage. */
  async *chatStream(request: ChatRequest): AsyncGenerator<ChatStreamEvent> {
    const resolved = this.resolve(request);
    let deadline: Deadline | undefined;
    // Opening the stream is retried like a call; once text flows, a failure is final.
    const { value: pieces, attempts } = await this.retrying(
      request.signal,
      async (context) => this.transport.stream(resolved, context),
      (d) => (deadline = d),
    );
    let text = "";
    let stopReason = "";
    let usage: Partial<TokenUsage> = {};
    try {
      for await (const piece of this.named(pieces, deadline as Deadline, request.signal)) {
        if (piece.text) {
          text += piece.text;
          yield { type: "text", text: piece.text };
        }
        if (piece.stopReason) stopReason = piece.stopReason;
        if (piece.usage) usage = { ...usage, ...piece.usage };
      }
    } finally {
      deadline?.end();
    }
    // Every protocol ends a finished stream with a stop reason: without one, the answer was cut short or was not a stream.
    if (!stopReason) throw malformed(this.target, `the stream ended before the model finished (${text.length} characters received)`);
    yield { type: "done", response: { text, stopReason, usage: fullUsage(usage), provider: this.config.provider, model: this.config.modelId, attempts } };
  }

  private resolve(request: ChatRequest): ResolvedRequest {
    if (!request || !Array.isArray(request.messages) || request.messages.length === 0) {
      throw new GenAiError("chat needs at least one message", { kind: GenAiErrorKind.Config, provider: this.target.provider, model: this.target.model });
    }
    const bad = request.messages.find((m) => (m.role !== "user" && m.role !== "assistant") || typeof m.content !== "string");
    if (bad) throw new GenAiError(`each message needs role "user" or "assistant" and text content, got ${JSON.stringify(bad)}`, { kind: GenAiErrorKind.Config, provider: this.target.provider, model: this.target.model });
    const maxTokens = request.maxTokens ?? this.config.maxTokens ?? CLIENT_DEFAULTS.maxTokens;
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new GenAiError(`maxTokens ${maxTokens}: expected a positive integer`, { kind: GenAiErrorKind.Config, provider: this.target.provider, model: this.target.model });
    return { system: request.system, messages: request.messages.map((m) => ({ role: m.role, content: m.content })), maxTokens, temperature: request.temperature };
  }

  /** Each attempt gets its own deadline; every failure leaves as a named GenAiError. */
  private async retrying<T>(signal: AbortSignal | undefined, attempt: (context: AttemptContext) => Promise<T>, keep?: (deadline: Deadline) => void): Promise<{ value: T; attempts: number }> {
    const retry = { ...this.options.retry, maxRetries: this.options.retry?.maxRetries ?? this.config.maxRetries };
    return withRetries(
      async () => {
        const deadline = new Deadline(this.config.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs, signal);
        try {
          const value = await attempt(deadline);
          if (keep) keep(deadline);
          else deadline.end();
          return value;
        } catch (error) {
          deadline.end();
          throw this.name(error, deadline, signal);
        }
      },
      retry,
      signal,
    );
  }

  private async *named(pieces: AsyncIterable<StreamPiece>, deadline: Deadline, signal?: AbortSignal): AsyncGenerator<StreamPiece> {
    try {
      yield* pieces;
    } catch (error) {
      throw this.name(error, deadline, signal);
    }
    // Bedrock's event stream ends quietly when aborted: an end after the deadline or a cancel is that, not the model's end.
    if (deadline.timedOut || signal?.aborted) throw this.name(new Error("the stream was cut"), deadline, signal);
  }

  private name(error: unknown, deadline: Deadline, signal?: AbortSignal): GenAiError {
    const { provider, model } = this.target;
    const seconds = (this.config.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs) / 1000;
    if (deadline.timedOut) return new GenAiError(`no answer within ${seconds}s (timeoutMs ${this.config.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs})`, { kind: GenAiErrorKind.Timeout, provider, model, cause: error });
    if (signal?.aborted) return new GenAiError("cancelled by the caller", { kind: GenAiErrorKind.Aborted, provider, model, cause: error });
    if (error instanceof GenAiError) return error;
    const named = this.transport.classify(error);
    if (named) return named;
    return new GenAiError(`unexpected failure: ${(error as Error)?.message ?? String(error)}`, { kind: GenAiErrorKind.Malformed, provider, model, cause: error });
  }
}

/** A client configured from the env contract (GENAI_PROVIDER, GENAI_MODEL_ID, GENAI_BASE_URL, AWS_REGION...). */
export function clientFromEnv(env: Record<string, string | undefined> = process.env, options?: GenAiClientOptions): GenAiClient {
  return new GenAiClient(configFromEnv(env), options);
}

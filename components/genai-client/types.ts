/**
 * The GenAI client's public shapes. Plain TypeScript for workloads: this entry
 * never imports Pulumi, so a pod or an Airflow task can use it alone.
 */

/** Which wire protocol the client speaks, as in the env contract's GENAI_PROVIDER. */
export const GenAiProvider = { Bedrock: "bedrock", Ollama: "ollama", OpenAi: "openai" } as const;
export type GenAiProvider = (typeof GenAiProvider)[keyof typeof GenAiProvider];

export type ChatRole = "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatRequest {
  /** System prompt. */
  system?: string;
  /** The conversation so far; the last message is normally the user's. */
  messages: ChatMessage[];
  /** Upper bound on generated tokens (bounds cost too). Default: the client's `maxTokens` (1024). */
  maxTokens?: number;
  /** Sampling temperature. Default: the model's. */
  temperature?: number;
  /** Called with each piece of text as it arrives; makes the call stream. */
  onText?: (text: string) => void;
  /** Cancels the call (no retry follows a cancellation). */
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface ChatResponse {
  text: string;
  /** Why generation stopped, as the provider says it (end_turn, stop, max_tokens, length...). */
  stopReason: string;
  usage: TokenUsage;
  provider: GenAiProvider;
  model: string;
  /** Attempts it took, retries included. */
  attempts: number;
}

export type ChatStreamEvent = { type: "text"; text: string } | { type: "done"; response: ChatResponse };

/** Everything the client needs; `configFromEnv` reads it from the env contract. */
export interface GenAiClientConfig {
  provider: GenAiProvider;
  /** Model id (Bedrock: a foundation model or inference profile id; Ollama: e.g. llama3.2:3b; OpenAI-compatible: the gateway's model name). */
  modelId: string;
  /** Ollama or OpenAI-compatible server root (required for them); for Bedrock, an endpoint override (VPC endpoint, tests). */
  baseUrl?: string;
  /** Bedrock region. */
  region?: string;
  /** Bearer key for an OpenAI-compatible server (LiteLLM virtual key). */
  apiKey?: string;
  /** Bedrock: a Guardrail applied to every call (GenAiAccess exports it as GENAI_GUARDRAIL_ID). */
  guardrailId?: string;
  /** Bedrock: the Guardrail's pinned version (GENAI_GUARDRAIL_VERSION). Default "DRAFT" when guardrailId is set. */
  guardrailVersion?: string;
  /** Per attempt: the whole call, or for a stream the wait for each next piece. Default 60000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on throttling, 5xx and connection failures. Default 3. */
  maxRetries?: number;
  /** Default for ChatRequest.maxTokens. Default 1024. */
  maxTokens?: number;
}

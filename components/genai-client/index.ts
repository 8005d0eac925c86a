/**
 * `forja/genai-client`: the chat client for workloads. No Pulumi import; the
 * AWS SDK loads only when the provider is Bedrock.
 */
export { GenAiClient, clientFromEnv, CLIENT_DEFAULTS } from "./client";
export type { GenAiClientOptions } from "./client";
export { configFromEnv, validateConfig, GENAI_ENV } from "./config";
export { GenAiError, GenAiErrorKind } from "./errors";
export type { RetryOptions } from "./retry";
export { GenAiProvider } from "./types";
export type { ChatMessage, ChatRequest, ChatResponse, ChatRole, ChatStreamEvent, GenAiClientConfig, TokenUsage } from "./types";

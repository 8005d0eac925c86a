/**
 * Bedrock through the Converse API (model-agnostic, unlike InvokeModel's
 * per-model bodies). The SDK is loaded on first use, so Ollama and
 * OpenAI-compatible users never load it. Credentials come from the SDK's
 * default chain (Pod Identity, IRSA, env, profile): never from this code.
 */
import type * as bedrockSdk from "@aws-sdk/client-bedrock-runtime";
import { GenAiError, GenAiErrorKind, kindOfStatus } from "./errors";
import type { Target } from "./http";
import { connectionError, malformed } from "./http";
import type { AttemptContext, Completion, ResolvedRequest, StreamPiece, Transport } from "./transport";
import { fullUsage } from "./transport";

export interface BedrockOptions {
  region: string;
  /** Endpoint override: a VPC endpoint, or a local server in tests. */
  endpoint?: string;
  /** Static credentials, for tests; unset means the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  guardrailId?: string;
  guardrailVersion?: string;
}

/** Exceptions Bedrock answers with 4xx that mean "slow down", not "you are wrong". */
const THROTTLING = ["ThrottlingException", "ModelNotReadyException", "TooManyRequestsException"];

function sdk(): typeof bedrockSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@aws-sdk/client-bedrock-runtime") as typeof bedrockSdk;
}

function input(modelId: string, request: ResolvedRequest, options: BedrockOptions): bedrockSdk.ConverseCommandInput {
  return {
    guardrailConfig: options.guardrailId ? { guardrailIdentifier: options.guardrailId, guardrailVersion: options.guardrailVersion } : undefined,
    modelId,
    system: request.system ? [{ text: request.system }] : undefined,
    messages: request.messages.map((message) => ({ role: message.role, content: [{ text: message.content }] })),
    inferenceConfig: { maxTokens: request.maxTokens, temperature: request.temperature },
  };
}

/** SDK errors carry the exception name, the HTTP status and whether the fault was the caller's. */
export function classifyBedrockError(target: Target, error: unknown): GenAiError | undefined {
  if (error instanceof GenAiError) return error;
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string; $response?: unknown };
  // The SDK's default chain found nothing: no request was sent.
  if (e?.name === "CredentialsProviderError") {
    return new GenAiError(`no AWS credentials found (${e.message ?? e.name}): run the pod as a role (Pod Identity or IRSA: list its service account in forja:genai.serviceAccounts), or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`, {
      kind: GenAiErrorKind.Credentials,
      provider: target.provider,
      model: target.model,
      code: e.name,
      cause: error,
    });
  }
  const status = e?.$metadata?.httpStatusCode;
  const name = e?.name;
  if (name && THROTTLING.includes(name)) return new GenAiError(e.message ?? name, { kind: GenAiErrorKind.Throttled, provider: target.provider, model: target.model, status: status ?? 429, code: name, cause: error });
  // A 2xx the SDK could not deserialize.
  if (status !== undefined && status >= 200 && status < 300) return malformed(target, e.message ?? String(error), error);
  if (status !== undefined) return new GenAiError(e.message ?? name ?? "error", { kind: kindOfStatus(status), provider: target.provider, model: target.model, status, code: name, cause: error });
  if (e?.$response !== undefined) return malformed(target, e.message ?? String(error), error);
  return connectionError(target, error);
}

export function bedrockTransport(options: BedrockOptions, target: Target): Transport {
  const { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } = sdk();
  // maxAttempts 1: the client retries with its own backoff; the SDK's would multiply it.
  const client = new BedrockRuntimeClient({ region: options.region, endpoint: options.endpoint, credentials: options.credentials, maxAttempts: 1 });
  return {
    async complete(request: ResolvedRequest, context: AttemptContext): Promise<Completion> {
      const answer = await client.send(new ConverseCommand(input(target.model, request, options)), { abortSignal: context.signal });
      const blocks = answer.output?.message?.content;
      if (!Array.isArray(blocks)) throw malformed(target, "no output.message.content in the answer");
      const text = blocks.map((block) => block.text ?? "").join("");
      if (!answer.usage) throw malformed(target, "no usage in the answer");
      return { text, stopReason: answer.stopReason ?? "end_turn", usage: fullUsage(answer.usage) };
    },
    async stream(request: ResolvedRequest, context: AttemptContext): Promise<AsyncIterable<StreamPiece>> {
      const answer = await client.send(new ConverseStreamCommand(input(target.model, request, options)), { abortSignal: context.signal });
      const events = answer.stream;
      if (!events) throw malformed(target, "no event stream in the answer");
      return (async function* () {
        for await (const event of events) {
          context.touch();
          if (event.contentBlockDelta?.delta?.text !== undefined) yield { text: event.contentBlockDelta.delta.text };
          else if (event.messageStop) yield { stopReason: event.messageStop.stopReason };
          else if (event.metadata) yield { usage: event.metadata.usage };
        }
      })();
    },
    classify: (error) => classifyBedrockError(target, error),
  };
}

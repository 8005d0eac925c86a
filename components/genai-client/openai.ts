/** OpenAI-compatible chat completions (LiteLLM, vLLM, OpenAI): POST /v1/chat/completions, SSE when streaming. */
import { GenAiError, GenAiErrorKind } from "./errors";
import type { Fetch, Target } from "./http";
import { connectionError, lines, malformed, parseLine, postJson as post, readJson } from "./http";
import type { AttemptContext, Completion, ResolvedRequest, StreamPiece, Transport } from "./transport";
import { fullUsage } from "./transport";

interface Choice {
  message?: { content?: unknown };
  delta?: { content?: unknown };
  finish_reason?: string | null;
}
interface OpenAiBody {
  choices?: Choice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
}

/** Server root or a base ending in /v1 (OpenAI's own convention): both work. */
export function chatCompletionsUrl(baseUrl: string): string {
  const root = baseUrl.replace(/\/+$/, "");
  return `${root}${/\/v1$/.test(root) ? "" : "/v1"}/chat/completions`;
}

function body(model: string, request: ResolvedRequest, stream: boolean): unknown {
  const messages = [...(request.system ? [{ role: "system", content: request.system }] : []), ...request.messages];
  // include_usage: the last streamed chunk carries the token counts.
  return { model, messages, max_tokens: request.maxTokens, temperature: request.temperature, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) };
}

function usage(body: OpenAiBody): StreamPiece["usage"] {
  const u = body.usage;
  return u ? { inputTokens: u.prompt_tokens ?? 0, outputTokens: u.completion_tokens ?? 0, totalTokens: u.total_tokens } : undefined;
}

/** A 401 when the client sent no key is a missing credential, not a wrong request. */
function withoutKey(target: Target, apiKey: string | undefined, error: unknown): never {
  if (apiKey === undefined && error instanceof GenAiError && error.status === 401) {
    throw new GenAiError(`the server wants a key and none was sent: set GENAI_API_KEY (an LlmGateway virtual key: gateway.keys[...])`, {
      kind: GenAiErrorKind.Credentials,
      provider: target.provider,
      model: target.model,
      status: 401,
      cause: error,
    });
  }
  throw error;
}

export function openAiTransport(baseUrl: string, target: Target, fetchImpl: Fetch, apiKey?: string): Transport {
  const url = chatCompletionsUrl(baseUrl);
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const postJson = (body: unknown, extra: Record<string, string>, signal: AbortSignal) => post(fetchImpl, target, url, body, { ...headers, ...extra }, signal).catch((error: unknown) => withoutKey(target, apiKey, error));
  return {
    async complete(request: ResolvedRequest, context: AttemptContext): Promise<Completion> {
      const response = await postJson(body(target.model, request, false), {}, context.signal);
      const answer = (await readJson(target, response)) as OpenAiBody;
      const choice = answer?.choices?.[0];
      if (typeof choice?.message?.content !== "string") throw malformed(target, "no choices[0].message.content in the answer");
      return { text: choice.message.content, stopReason: choice.finish_reason ?? "stop", usage: fullUsage(usage(answer)) };
    },
    async stream(request: ResolvedRequest, context: AttemptContext): Promise<AsyncIterable<StreamPiece>> {
      const response = await postJson(body(target.model, request, true), { accept: "text/event-stream" }, context.signal);
      return (async function* () {
        for await (const line of lines(response, context.touch)) {
          if (!line.startsWith("data:")) continue;
          const data = line.slice(5).trim();
          if (data === "[DONE]") return;
          const chunk = parseLine(target, data) as OpenAiBody & { error?: { message?: string } };
          if (chunk.error) throw malformed(target, `stream reported an error: ${chunk.error.message ?? JSON.stringify(chunk.error)}`);
          if (!Array.isArray(chunk.choices)) throw malformed(target, "stream chunk without choices");
          const choice = chunk.choices[0];
          const text = choice?.delta?.content;
          if (text !== undefined && text !== null && typeof text !== "string") throw malformed(target, "stream chunk whose delta.content is not text");
          yield { text: (text as string | null | undefined) ?? undefined, stopReason: choice?.finish_reason ?? undefined, usage: usage(chunk) };
        }
      })();
    },
    classify: (error) => connectionError(target, error),
  };
}

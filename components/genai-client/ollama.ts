/** Ollama's native chat API: POST /api/chat, NDJSON when streaming. */
import type { Fetch, Target } from "./http";
import { connectionError, lines, malformed, parseLine, postJson, readJson } from "./http";
import type { AttemptContext, Completion, ResolvedRequest, StreamPiece, Transport } from "./transport";
import { fullUsage } from "./transport";

interface OllamaChunk {
  message?: { content?: unknown };
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

function body(model: string, request: ResolvedRequest, stream: boolean): unknown {
  const messages = [...(request.system ? [{ role: "system", content: request.system }] : []), ...request.messages];
  return { model, messages, stream, options: { num_predict: request.maxTokens, temperature: request.temperature } };
}

function usage(chunk: OllamaChunk): StreamPiece["usage"] {
  return { inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0 };
}

export function ollamaTransport(baseUrl: string, target: Target, fetchImpl: Fetch): Transport {
  const url = `${baseUrl.replace(/\/+$/, "")}/api/chat`;
  return {
    async complete(request: ResolvedRequest, context: AttemptContext): Promise<Completion> {
      const response = await postJson(fetchImpl, target, url, body(target.model, request, false), {}, context.signal);
      const chunk = (await readJson(target, response)) as OllamaChunk;
      if (typeof chunk?.message?.content !== "string") throw malformed(target, "no message.content in the answer");
      return { text: chunk.message.content, stopReason: chunk.done_reason ?? "stop", usage: fullUsage(usage(chunk)) };
    },
    async stream(request: ResolvedRequest, context: AttemptContext): Promise<AsyncIterable<StreamPiece>> {
      const response = await postJson(fetchImpl, target, url, body(target.model, request, true), { accept: "application/x-ndjson" }, context.signal);
      return (async function* () {
        for await (const line of lines(response, context.touch)) {
          if (line.trim() === "") continue;
          const chunk = parseLine(target, line) as OllamaChunk;
          if (chunk.error) throw malformed(target, `stream reported an error: ${chunk.error}`);
          if (chunk.message !== undefined && typeof chunk.message.content !== "string") throw malformed(target, "stream chunk without message.content");
          yield chunk.done ? { text: chunk.message?.content as string | undefined, stopReason: chunk.done_reason ?? "stop", usage: usage(chunk) } : { text: chunk.message?.content as string };
        }
      })();
    },
    classify: (error) => connectionError(target, error),
  };
}

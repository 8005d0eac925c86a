/**
 * What every Ollama deployment shares, whatever runs it: the image, the
 * server's settings, model references and the idempotent model pull. Pure,
 * no provider SDK: the ACI and Kubernetes components both build on it.
 */
import { OLLAMA_INIT_PORT, OLLAMA_PORT } from "./defaults";

/**
 * An Ollama model reference: `[registry/][namespace/]name:tag`, e.g.
 * `llama3.2:1b`, `library/qwen2.5:0.5b`, `hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M`.
 * A tag is required and `latest` is refused: models are pinned like images.
 * The alphabet excludes everything a shell would interpret.
 */
const MODEL = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d{1,5})?\/)?[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;

/** Why `reference` is not a pinned Ollama model reference, or undefined when it is. */
export function modelReferenceProblem(reference: unknown): string | undefined {
  if (typeof reference !== "string") return "a model reference is a string";
  const match = MODEL.exec(reference);
  if (!match) return `"${reference}" is not of the form [registry/][namespace/]name:tag`;
  if (match[1].toLowerCase() === "latest") return `"${reference}" uses the moving tag "latest"`;
  return undefined;
}

/** Go durations ("5m", "1h30m"), seconds, or a negative number (keep loaded forever), as OLLAMA_KEEP_ALIVE takes them. */
const KEEP_ALIVE = /^(-?\d+|(\d+(\.\d+)?(ns|us|ms|s|m|h))+)$/;

export interface OllamaTuning {
  keepAlive: string;
  numParallel: number;
  maxLoadedModels: number;
}

/** Why a tuning field is invalid, as [field, expected], or undefined. */
export function tuningProblem(tuning: Partial<OllamaTuning>): [keyof OllamaTuning, string] | undefined {
  if (tuning.keepAlive !== undefined && !KEEP_ALIVE.test(tuning.keepAlive)) return ["keepAlive", 'a duration such as "5m" or "24h", seconds, or "-1" (never unload)'];
  for (const field of ["numParallel", "maxLoadedModels"] as const) {
    const value = tuning[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 64)) return [field, "an integer from 1 to 64"];
  }
  return undefined;
}

/** The server's environment: where models live and how many stay loaded and serve at once. */
export function serverEnvironment(tuning: OllamaTuning, modelsPath: string): Record<string, string> {
  return {
    OLLAMA_HOST: `0.0.0.0:${OLLAMA_PORT}`,
    OLLAMA_MODELS: modelsPath,
    OLLAMA_KEEP_ALIVE: tuning.keepAlive,
    OLLAMA_NUM_PARALLEL: String(tuning.numParallel),
    OLLAMA_MAX_LOADED_MODELS: String(tuning.maxLoadedModels),
  };
}

/** Environment of the pull step: its own server on loopback, on a port the real one never uses. */
export function pullEnvironment(modelsPath: string): Record<string, string> {
  return { OLLAMA_HOST: `127.0.0.1:${OLLAMA_INIT_PORT}`, OLLAMA_MODELS: modelsPath };
}

/**
 * Shell script for a step that runs before the server (an init container on
 * the shared model volume): starts a private server, pulls each model the
 * server cannot `show` yet, stops. `ollama show` resolves a reference exactly
 * as `ollama pull` does (`llama3.2:1b`, `library/llama3.2:1b`,
 * `registry.ollama.ai/library/llama3.2:1b`, `hf.co/user/repo:tag`), so a
 * model already on the volume is never downloaded again whatever form names
 * it, whereas `ollama list` prints a shortened name. A failed pull fails the
 * step, so the server never starts without its models. References are
 * validated, so quoting is safe.
 */
export function pullScript(models: string[]): string {
  const list = models.map((model) => `'${model}'`).join(" ");
  return [
    "set -eu",
    "ollama serve &",
    "server=$!",
    // A failed pull must not leave the private server running behind the step.
    "trap 'kill \"$server\" 2>/dev/null || true' EXIT",
    "tries=0",
    "until ollama list >/dev/null 2>&1; do",
    '  tries=$((tries + 1)); [ "$tries" -lt 120 ] || { echo "ollama did not start" >&2; exit 1; }',
    "  sleep 1",
    "done",
    `for model in ${list}; do`,
    '  if ollama show "$model" >/dev/null 2>&1; then echo "$model already present"; else echo "pulling $model"; ollama pull "$model"; fi',
    "done",
    'kill "$server"',
    'wait "$server" || true',
    "trap - EXIT",
  ].join("\n");
}

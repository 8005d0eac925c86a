/**
 * The smoke check an operator runs right after `pulumi up`: one short prompt
 * through the GenAI client, configured exactly as the workloads are (the env
 * contract), and a verdict a human can act on.
 */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { GenAiClient, GenAiError, configFromEnv } from "../../components/genai-client";
import type { GenAiClientOptions } from "../../components/genai-client";

export const SMOKE_PROMPT = "Reply with the single word: pong";
const SMOKE_DEFAULTS = { timeoutMs: 30_000, maxTokens: 16 } as const;

/** Flag -> env contract variable. */
const FLAGS: Record<string, string> = {
  "--provider": "GENAI_PROVIDER",
  "--base-url": "GENAI_BASE_URL",
  "--model": "GENAI_MODEL_ID",
  "--region": "AWS_REGION",
  "--timeout-ms": "GENAI_TIMEOUT_MS",
  "--max-retries": "GENAI_MAX_RETRIES",
};
const USAGE = `usage: npm run smoke -- [--env-file FILE] [${Object.keys(FLAGS).map((f) => `${f} VALUE`).join("] [")}] [--prompt TEXT] [--stream]
(the API key comes from GENAI_API_KEY in the environment or the env file, never from a flag: flags end up in shell history)`;

export interface SmokeResult {
  /** 0 passed, 1 the endpoint failed, 2 the invocation or configuration is wrong. */
  exitCode: number;
  message: string;
}

/** Why a failure of this kind happens, and what to check. */
const HINTS: Record<string, string> = {
  connection: "nothing answered: is the URL right and reachable from here (for an in-cluster service, `kubectl port-forward` it first)?",
  timeout: "the endpoint accepted the connection but did not answer in time: is the model loaded (Ollama pulls it on first use) or overloaded?",
  throttled: "the endpoint is rate limiting: check the quota (Bedrock) or the key's rpm/tpm limits (LlmGateway)",
  server: "the endpoint failed: check its logs",
  client: "the endpoint refused the request: check the model id, the API key, and (Bedrock) the role's policy and model access",
  malformed: "the endpoint answered something that is not this provider's protocol: is GENAI_PROVIDER right for this URL?",
  config: "fix the configuration",
  credentials: "give the client its credentials: a role for Bedrock (the pod's service account), or GENAI_API_KEY for a gateway",
};

/** Env for the check: the process env, then the env file, then flags (later wins). */
export function smokeEnvironment(argv: string[], processEnv: Record<string, string | undefined>): { env: Record<string, string | undefined>; prompt: string; stream: boolean } {
  const env: Record<string, string | undefined> = { ...processEnv };
  let prompt = SMOKE_PROMPT;
  let stream = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--stream") {
      stream = true;
      continue;
    }
    const value = argv[i + 1];
    if (flag === "--help" || flag === "-h") throw new HelpRequested(USAGE);
    if (!(flag in FLAGS) && flag !== "--env-file" && flag !== "--prompt") throw new UsageError(`unknown argument "${flag}"\n${USAGE}`);
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    i++;
    if (flag === "--env-file") {
      let text: string;
      try {
        text = readFileSync(value, "utf8");
      } catch (error) {
        throw new UsageError(`cannot read --env-file ${value}: ${(error as Error).message}`);
      }
      Object.assign(env, parseEnv(text));
    } else if (flag === "--prompt") prompt = value;
    else env[FLAGS[flag]] = value;
  }
  return { env, prompt, stream };
}

export class UsageError extends Error {}
/** --help: the usage is the answer, on stdout, and nothing is wrong. */
class HelpRequested extends Error {}

export async function runSmoke(argv: string[], processEnv: Record<string, string | undefined> = process.env, options?: GenAiClientOptions): Promise<SmokeResult> {
  let client: GenAiClient;
  let prompt: string;
  let stream: boolean;
  try {
    const parsed = smokeEnvironment(argv, processEnv);
    prompt = parsed.prompt;
    stream = parsed.stream;
    const config = configFromEnv(parsed.env);
    client = new GenAiClient({ ...config, timeoutMs: config.timeoutMs ?? SMOKE_DEFAULTS.timeoutMs, maxTokens: SMOKE_DEFAULTS.maxTokens }, options);
  } catch (error) {
    if (error instanceof HelpRequested) return { exitCode: 0, message: error.message };
    if (error instanceof UsageError || error instanceof GenAiError) return { exitCode: 2, message: `smoke: ${error.message}` };
    throw error;
  }
  const { provider, modelId, baseUrl, region } = client.config;
  const where = baseUrl ?? `Bedrock in ${region}`;
  const started = Date.now();
  try {
    const response = await client.chat({ messages: [{ role: "user", content: prompt }], temperature: 0, onText: stream ? () => undefined : undefined });
    const u = response.usage;
    const reply = response.text.trim().replace(/\s+/g, " ").slice(0, 120);
    if (reply === "") return { exitCode: 1, message: `smoke FAILED: ${provider} model "${modelId}" at ${where} answered with no text (stop reason ${response.stopReason})` };
    return {
      exitCode: 0,
      message: `smoke ok: ${provider} model "${modelId}" at ${where} answered in ${Date.now() - started} ms${stream ? " (streamed)" : ""}, ${response.attempts} attempt(s), tokens ${u.inputTokens} in / ${u.outputTokens} out: "${reply}"`,
    };
  } catch (error) {
    if (!(error instanceof GenAiError)) throw error;
    return { exitCode: 1, message: `smoke FAILED after ${error.attempts} attempt(s) against ${where}: ${error.message}\nhint: ${HINTS[error.kind] ?? "see the error above"}` };
  }
}

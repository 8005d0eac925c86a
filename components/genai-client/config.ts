import { GenAiError, GenAiErrorKind } from "./errors";
import { GenAiProvider } from "./types";
import type { GenAiClientConfig } from "./types";

/** The env contract every GenAiAccess realisation exports (and the seed's Bedrock names). */
export const GENAI_ENV = {
  provider: "GENAI_PROVIDER",
  baseUrl: "GENAI_BASE_URL",
  modelId: "GENAI_MODEL_ID",
  apiKey: "GENAI_API_KEY",
  guardrailId: "GENAI_GUARDRAIL_ID",
  guardrailVersion: "GENAI_GUARDRAIL_VERSION",
  timeoutMs: "GENAI_TIMEOUT_MS",
  maxRetries: "GENAI_MAX_RETRIES",
  region: "AWS_REGION",
  defaultRegion: "AWS_DEFAULT_REGION",
  bedrockModelId: "BEDROCK_MODEL_ID",
} as const;

function configError(message: string): GenAiError {
  return new GenAiError(message, { kind: GenAiErrorKind.Config, provider: "genai", model: "(unset)" });
}

function integer(env: Record<string, string | undefined>, name: string, min: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw configError(`${name}="${text}" is not an integer >= ${min}`);
  return value;
}

/**
 * Reads the client's configuration from the environment: GENAI_PROVIDER
 * (bedrock | ollama | openai), GENAI_MODEL_ID, GENAI_BASE_URL, GENAI_API_KEY,
 * AWS_REGION; seed 000's AWS_DEFAULT_REGION and BEDROCK_MODEL_ID also work,
 * and BEDROCK_MODEL_ID alone implies bedrock.
 */
export function configFromEnv(env: Record<string, string | undefined> = process.env): GenAiClientConfig {
  const named = env[GENAI_ENV.provider] || (env[GENAI_ENV.bedrockModelId] ? GenAiProvider.Bedrock : undefined);
  const providers = Object.values(GenAiProvider) as string[];
  if (named === undefined) throw configError(`${GENAI_ENV.provider} is not set: expected one of ${providers.join(", ")}`);
  if (!providers.includes(named)) throw configError(`${GENAI_ENV.provider}="${named}": expected one of ${providers.join(", ")}`);
  const provider = named as GenAiProvider;
  const bedrock = provider === GenAiProvider.Bedrock;
  const modelId = env[GENAI_ENV.modelId] || (bedrock ? env[GENAI_ENV.bedrockModelId] : undefined);
  if (!modelId) throw configError(`${GENAI_ENV.modelId} is not set${bedrock ? ` (nor ${GENAI_ENV.bedrockModelId})` : ""}: expected the model id`);
  const baseUrl = env[GENAI_ENV.baseUrl] || undefined;
  const region = env[GENAI_ENV.region] || env[GENAI_ENV.defaultRegion] || undefined;
  const config: GenAiClientConfig = {
    provider,
    modelId,
    baseUrl,
    region,
    apiKey: env[GENAI_ENV.apiKey] || undefined,
    guardrailId: env[GENAI_ENV.guardrailId] || undefined,
    guardrailVersion: env[GENAI_ENV.guardrailVersion] || undefined,
    timeoutMs: integer(env, GENAI_ENV.timeoutMs, 1),
    maxRetries: integer(env, GENAI_ENV.maxRetries, 0),
  };
  return validateConfig(config);
}

/** The rules a configuration must satisfy, however it was built. */
export function validateConfig(config: GenAiClientConfig): GenAiClientConfig {
  if (!(Object.values(GenAiProvider) as string[]).includes(config.provider)) throw configError(`provider "${config.provider}": expected one of ${Object.values(GenAiProvider).join(", ")}`);
  if (!config.modelId) throw configError("modelId is empty: expected the model id");
  if (config.provider === GenAiProvider.Bedrock && !config.region) {
    throw configError(`${GENAI_ENV.region} (or ${GENAI_ENV.defaultRegion}) is not set: Bedrock needs the region to call`);
  }
  if (config.provider !== GenAiProvider.Bedrock && config.guardrailId) throw configError(`${GENAI_ENV.guardrailId} is set but ${config.provider} has no Bedrock Guardrails`);
  // A role that enforces the guardrail names a numbered version; the DRAFT a missing version means would be denied.
  if (config.guardrailId && !config.guardrailVersion) throw configError(`${GENAI_ENV.guardrailId} is set but ${GENAI_ENV.guardrailVersion} is not: expected the guardrail's version number`);
  if (config.provider !== GenAiProvider.Bedrock && !config.baseUrl) throw configError(`${GENAI_ENV.baseUrl} is not set: ${config.provider} needs the server's URL, e.g. http://ollama:11434`);
  if (config.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw configError(`${GENAI_ENV.baseUrl}="${config.baseUrl}" is not a URL`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw configError(`${GENAI_ENV.baseUrl}="${config.baseUrl}": expected http or https`);
  }
  return config;
}

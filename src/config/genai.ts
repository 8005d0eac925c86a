/**
 * `forja:genai`: how the stack's workloads reach a model (GenAiAccess). Its
 * own file so the section reads on its own; src/config/index.ts composes it.
 */
import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../../components/genai/defaults";

const emails = z.array(z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "expected an email address")).min(1);
const name = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "expected a Kubernetes name");

export const genaiSection = z
  .object({
    /** bedrock (eks only), ollama or openai. @default "bedrock" on eks, else "ollama" */
    provider: z.enum(["bedrock", "ollama", "openai"]).optional(),
    /** The model. @default bedrock: "us.anthropic.claude-sonnet-4-5-20250929-v1:0"; ollama: "llama3.2:3b"; openai: required */
    modelId: z.string().min(1).optional(),
    /** Bedrock: more models the role may call. @default [] */
    additionalModelIds: z.array(z.string().min(1)).default([]),
    /** Bedrock: regions a geographic profile may be called from, when AWS's list differs from Forja's. @default Forja's table */
    destinationRegions: z.array(z.string()).optional(),
    /** ollama/openai: the server URL. @default ollama: "http://ollama.<namespace>.svc.cluster.local:11434" (aci: "http://localhost:11434", the same container group) */
    baseUrl: z.string().regex(/^https?:\/\/[^/\s]+/, "expected an http(s) URL").optional(),
    /** Bedrock: namespace of serviceAccounts. @default forja:namespace */
    namespace: name.optional(),
    /** Bedrock: service accounts that run as the Bedrock role (e.g. Airflow's workers). @default [] */
    serviceAccounts: z.array(name).default([]),
    /** forja:services that get the env contract (and, with Bedrock, a role of their own with the policy). @default [] */
    services: z.array(name).default([]),
    /** Bedrock Guardrail. @default none */
    guardrail: z
      .object({
        contentFilterStrength: z.enum(["LOW", "MEDIUM", "HIGH"]).optional(),
        deniedTopics: z.array(z.object({ name: z.string(), definition: z.string(), examples: z.array(z.string()).optional() }).strict()).optional(),
        blockedWords: z.array(z.string()).optional(),
        anonymizePii: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /** Bedrock model invocation logging (one per account and region). @default off */
    invocationLogging: z
      .object({
        retentionDays: z
          .number()
          .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), `expected one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`)
          .optional(),
        textData: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /**
     * An LlmGateway (LiteLLM) in front of the stack's Ollama (forja:ollama):
     * each service in forja:genai.services (and Airflow) gets a virtual key
     * with these limits instead of raw access, with its Postgres for keys and
     * spend, and Redis when replicas > 1. @default none (workloads call Ollama)
     */
    gateway: z
      .object({
        /** Gateway pods; more than one adds Redis for shared counters. @default 1 */
        replicas: z.number().int().min(1).optional(),
        /** Every workload key's limits. @default none (unlimited) */
        keyLimits: z
          .object({
            rpmLimit: z.number().int().min(1).optional(),
            tpmLimit: z.number().int().min(1).optional(),
            maxBudgetUsd: z.number().positive().optional(),
            budgetDuration: z.string().regex(/^\d+[smhd]$/, 'expected a duration such as "30d" or "24h"').optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Bedrock spend alerts. @default none */
    costGuard: z
      .object({
        kind: z.enum(["budget", "alarm"]),
        monthlyLimitUsd: z.number().positive(),
        emails,
        thresholdPercents: z.array(z.number().int().min(1).max(1000)).optional(),
        costServices: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type GenAiConfig = z.output<typeof genaiSection>;

/** The key of an OpenAI-compatible server (a LiteLLM virtual key): secret, in its own key. */
export const GENAI_API_KEY = "forja:genaiApiKey";

export const GENAI_DEFAULT_OLLAMA_MODEL = "llama3.2:3b";

/** Target rules the schema cannot say alone. */
export function genaiProblems(genai: GenAiConfig | undefined, target: string, serviceNames: string[], apiKeySet: boolean): string[] {
  const problems: string[] = [];
  const provider = genai?.provider ?? (target === "eks" ? "bedrock" : "ollama");
  if (genai === undefined) {
    if (apiKeySet) problems.push(`${GENAI_API_KEY} is set but forja:genai is not`);
    return problems;
  }
  if (provider === "bedrock" && target !== "eks") problems.push(`forja:genai.provider = "bedrock" needs the eks target (workload identity); on ${target} use ollama or openai (an LlmGateway can reach Bedrock with keys)`);
  if (provider === "openai" && genai.modelId === undefined) problems.push(`forja:genai.modelId is missing: expected the model name the openai-compatible server routes`);
  if (provider === "openai" && genai.baseUrl === undefined) problems.push(`forja:genai.baseUrl is missing: expected the openai-compatible server's URL`);
  if (provider !== "openai" && apiKeySet) problems.push(`${GENAI_API_KEY} is set but forja:genai.provider is "${provider}": only openai-compatible servers take a key`);
  if (genai.gateway !== undefined && target !== "k3s") {
    problems.push(`forja:genai.gateway is set but forja:target is "${target}": the gateway is composed on k3s (prod keeps Bedrock direct, see docs/components/llm-gateway.md); compose an LlmGateway yourself elsewhere`);
  } else if (genai.gateway !== undefined && (provider !== "ollama" || genai.baseUrl !== undefined)) {
    problems.push(`forja:genai.gateway is set but workloads do not use the stack's in-cluster Ollama (provider "${provider}"${genai.baseUrl ? `, baseUrl ${genai.baseUrl}` : ""}, target ${target}): the gateway fronts forja:ollama; remove gateway or use provider "ollama" without baseUrl`);
  }
  if (target === "aci" && genai.services.length > 0) problems.push(`forja:genai.services is set but forja:target is "aci": the app gets the env in its container group`);
  for (const service of genai.services) {
    if (!serviceNames.includes(service)) problems.push(`forja:genai.services names "${service}", which is not in forja:services`);
  }
  if (provider !== "bedrock") {
    for (const key of ["serviceAccounts", "additionalModelIds"] as const) if (genai[key].length > 0) problems.push(`forja:genai.${key} is set but forja:genai.provider is "${provider}": it applies to Bedrock only`);
    for (const key of ["guardrail", "invocationLogging", "costGuard", "namespace", "destinationRegions"] as const) if (genai[key] !== undefined) problems.push(`forja:genai.${key} is set but forja:genai.provider is "${provider}": it applies to Bedrock only`);
  } else if (genai.baseUrl !== undefined) {
    problems.push(`forja:genai.baseUrl is set but forja:genai.provider is "bedrock": workloads call Bedrock's regional endpoint with their role`);
  }
  return problems;
}

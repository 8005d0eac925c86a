/**
 * `forja:genai`: how the stack's workloads reach a model (GenAiAccess). Its
 * own file so the section reads on its own; src/config/index.ts composes it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_BEDROCK_MODEL } from "../../components/genai/defaults";
import type { GenAiAccessArgs, GenAiProvider } from "../../components/genai/args";
import type { LlmGatewayArgs } from "../../components/llm-gateway/args";
import { OLLAMA_PORT } from "../../components/ollama/defaults";
import { ollamaSelector } from "../../components/ollama/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { Peer } from "../../components/core/peer";
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

/** The stack's Ollama (forja:ollama) as the program names it, in the workload namespace. */
const OLLAMA = "ollama";
/** Airflow's gateway key, when the stack runs Airflow: it calls the model like any workload. */
export const AIRFLOW_KEY = "airflow";

/** The pods of the stack's Ollama on its port: what a client's NetworkPolicy must allow. */
function ollamaPeer(namespace: string): Peer {
  return { namespace, podLabels: ollamaSelector(OLLAMA), ports: [OLLAMA_PORT] };
}

/** The parts of a stack config forja:genai reads. */
interface GenAiStack {
  project: string;
  target: string;
  tags: Record<string, string>;
  genai?: GenAiConfig & { apiKey?: pulumi.Input<string> };
  ollama?: unknown;
  airflow?: unknown;
}

/** Where GenAiAccess runs: the cluster (eks, k3s; unset on aci), the workload namespace and what the cloud says. */
export interface GenAiWhere {
  cluster?: ClusterCapabilities;
  namespace: string;
  /** Where an Ollama is, when forja:genai.baseUrl does not say. */
  defaultOllamaUrl: string;
  accountId?: string;
  region?: string;
}

export function genaiProvider(stack: GenAiStack): GenAiProvider {
  return stack.genai?.provider ?? (stack.target === "eks" ? "bedrock" : "ollama");
}

export function genaiModelId(stack: GenAiStack): string {
  return stack.genai?.modelId ?? (genaiProvider(stack) === "bedrock" ? DEFAULT_BEDROCK_MODEL : GENAI_DEFAULT_OLLAMA_MODEL);
}

/** GenAiAccess's args for forja:genai; `gateway` is the LlmGateway's endpoint when the stack runs one. */
export function genAiAccessArgs(stack: GenAiStack, where: GenAiWhere, gateway?: { baseUrl: pulumi.Input<string>; apiKey?: pulumi.Input<string>; peer: Peer }): GenAiAccessArgs {
  const genai = stack.genai!;
  const provider = genaiProvider(stack);
  const modelId = genaiModelId(stack);
  if (provider === "bedrock") {
    const withAccounts = genai.serviceAccounts.length > 0;
    return {
      provider,
      modelId,
      additionalModelIds: genai.additionalModelIds,
      destinationRegions: genai.destinationRegions,
      region: where.region,
      accountId: where.accountId,
      cluster: withAccounts ? where.cluster : undefined,
      namespace: withAccounts ? (genai.namespace ?? where.namespace) : undefined,
      serviceAccounts: genai.serviceAccounts,
      guardrail: genai.guardrail,
      invocationLogging: genai.invocationLogging,
      costGuard: genai.costGuard,
      tags: stack.tags,
    };
  }
  if (gateway) return { provider: "openai", modelId, ...gateway };
  // The stack's own Ollama (never a URL of the file's, whose pods Forja does not know): its pods are the peer.
  const peer = genai.baseUrl === undefined && stack.ollama !== undefined ? ollamaPeer(where.namespace) : undefined;
  return { provider, modelId, baseUrl: genai.baseUrl ?? where.defaultOllamaUrl, apiKey: genai.apiKey, peer };
}

/** LlmGateway's args for forja:genai.gateway; `backing` is what the gateway's Postgres and Redis provide. */
export function gatewayArgs(
  stack: GenAiStack,
  where: { cluster: ClusterCapabilities; namespace: pulumi.Input<string>; workloadNamespace: string; ollamaUrl: string; modelId: string },
  backing: Pick<LlmGatewayArgs, "databaseUrl" | "database" | "redis">,
): LlmGatewayArgs {
  const gateway = stack.genai!.gateway!;
  const keyNames = [...stack.genai!.services, ...(stack.airflow ? [AIRFLOW_KEY] : [])];
  return {
    cluster: where.cluster,
    namespace: where.namespace,
    models: [{ name: where.modelId, backend: "ollama", model: where.modelId, apiBase: where.ollamaUrl }],
    ...backing,
    replicas: gateway.replicas ?? 1,
    keys: keyNames.map((name) => ({ name, limits: gateway.keyLimits })),
    keyUpperBounds: gateway.keyLimits,
    // A laptop's share: LiteLLM idles at about 300Mi.
    resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    egressTo: [ollamaPeer(where.workloadNamespace)],
    // The gateway admits nobody by default: here, the stack's workload namespace, whose
    // workloads (the services forja:genai wires, Airflow) each call it with a key of their own.
    clients: [{ namespace: where.workloadNamespace }],
  };
}

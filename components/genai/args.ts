import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";

/** How workloads reach a model; the value of GENAI_PROVIDER in the env contract. */
export const GenAiProvider = {
  /** Amazon Bedrock through an IAM role (EKS workload identity). */
  Bedrock: "bedrock",
  /** An Ollama server (the Ollama component in a cluster, or the one inside an ACI container group). */
  Ollama: "ollama",
  /** An OpenAI-compatible server: an LlmGateway (LiteLLM) or any other. */
  OpenAi: "openai",
} as const;
export type GenAiProvider = (typeof GenAiProvider)[keyof typeof GenAiProvider];

/** What watches Bedrock spend. */
export const CostGuardKind = {
  /** AWS Budgets on the Bedrock service (and on AWS Marketplace for Claude), emailing at thresholds (actual and forecast). */
  Budget: "budget",
  /** A CloudWatch billing alarm on Bedrock's estimated charges, through an SNS topic, both in us-east-1 (where billing metrics are). Not for Marketplace-billed models (Claude). */
  Alarm: "alarm",
} as const;
export type CostGuardKind = (typeof CostGuardKind)[keyof typeof CostGuardKind];

export const GuardrailStrength = { Low: "LOW", Medium: "MEDIUM", High: "HIGH" } as const;
export type GuardrailStrength = (typeof GuardrailStrength)[keyof typeof GuardrailStrength];

export interface GuardrailTopicArgs {
  /** Short name of the denied topic. */
  name: string;
  /** What the topic covers, in a sentence. */
  definition: string;
  /** Example prompts on the topic. @default [] */
  examples?: string[];
}

export interface GuardrailArgs {
  /** Answer when a prompt is blocked. @default "This request is not allowed." */
  blockedInputMessaging?: string;
  /** Answer when a response is blocked. @default "The answer was blocked by policy." */
  blockedOutputsMessaging?: string;
  /** Strength of the content filters (hate, insults, sexual, violence, misconduct) and of prompt-attack detection. @default "HIGH" */
  contentFilterStrength?: GuardrailStrength;
  /** Topics the model must refuse. @default [] */
  deniedTopics?: GuardrailTopicArgs[];
  /** Words or phrases blocked, on top of AWS's managed profanity list. @default [] */
  blockedWords?: string[];
  /** PII entity types anonymized in prompts and answers (EMAIL, PHONE, NAME, ...). @default [] */
  anonymizePii?: string[];
}

export interface CostGuardArgs {
  kind: CostGuardKind;
  /** Monthly Bedrock spend, in US dollars, that alerts. */
  monthlyLimitUsd: number;
  /** Who is told. At least one. */
  emails: string[];
  /** Budget: percentages of the limit that alert on actual spend (100 also alerts on forecast). Integers. @default [80, 100] */
  thresholdPercents?: number[];
  /**
   * Budget: Cost Explorer service names counted as Bedrock spend. Models that
   * bill through AWS Marketplace (Claude) get a second budget on the
   * Marketplace billing entity whatever this says. @default ["Amazon Bedrock"]
   */
  costServices?: string[];
}

export interface InvocationLoggingArgs {
  /**
   * Days the log group keeps prompts and answers (they may hold personal
   * data: keep it short). One of CloudWatch's periods: 1, 3, 5, 7, 14, 30, 60,
   * 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. @default 30
   */
  retentionDays?: number;
  /** Log the text of prompts and answers, not only metadata. @default true */
  textData?: boolean;
}

export interface GenAiAccessArgs {
  provider: GenAiProvider;
  /**
   * The model workloads call. Bedrock: an inference profile id
   * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`) or an on-demand foundation
   * model id (`anthropic.claude-3-5-sonnet-20241022-v2:0`); Ollama: a model tag
   * (`llama3.2:3b`); OpenAI-compatible: the server's model name.
   * @default "us.anthropic.claude-sonnet-4-5-20250929-v1:0" for bedrock; required otherwise
   */
  modelId?: string;
  /** Bedrock: further model ids the role may call (same shapes as modelId). @default [] */
  additionalModelIds?: string[];
  /** Bedrock: the region workloads call (AWS_REGION). @default cluster.region */
  region?: string;
  /** Bedrock: the account in system inference profile ARNs. Required when a model id is a profile. @default unset */
  accountId?: pulumi.Input<string>;
  /**
   * Bedrock: the regions a geographic inference profile may be called from,
   * when AWS's list differs from Forja's table (see defaults.ts). Only checks
   * `region`: the grant covers every destination under the profile condition.
   * @default the profile's geography in Forja's table
   */
  destinationRegions?: string[];
  /** Bedrock: the cluster whose workload identity (Pod Identity or IRSA) gives the service accounts the role. @default unset */
  cluster?: ClusterCapabilities;
  /** Namespace of `serviceAccounts`. @default unset */
  namespace?: pulumi.Input<string>;
  /**
   * Bedrock: service accounts that run as the role, e.g. Airflow's workers.
   * Without any, no role is made: hand `policyJson` to a WebService's
   * `rolePolicies` instead. @default []
   */
  serviceAccounts?: string[];
  /**
   * Bedrock: a Guardrail and a numbered version that follows its content.
   * The role may then only call models with it (`bedrock:GuardrailIdentifier`);
   * workloads get it in GENAI_GUARDRAIL_ID and GENAI_GUARDRAIL_VERSION. @default none
   */
  guardrail?: GuardrailArgs;
  /**
   * Bedrock: model invocation logging to CloudWatch. One configuration per
   * account and region: two stacks that both enable it overwrite each other.
   * @default none
   */
  invocationLogging?: InvocationLoggingArgs;
  /** Bedrock: a budget or billing alarm on Bedrock spend. @default none */
  costGuard?: CostGuardArgs;
  /** Ollama and OpenAI-compatible: the server's URL, e.g. `ollama.url` or `gateway.url`. @default unset */
  baseUrl?: pulumi.Input<string>;
  /**
   * Ollama and OpenAI-compatible servers in a cluster: where the server's pods
   * are, with its port (`gateway.clientPeer`, or `ollama.clientPeer`, or `{ podLabels: ollama.podSelector,
   * ports: [11434] }`). It joins `egress`, so every workload given the env
   * contract can also reach the server through its default-deny
   * NetworkPolicy. @default unset (an endpoint outside the cluster: allow it yourself)
   */
  peer?: Peer;
  /** OpenAI-compatible: the key workloads send (a LiteLLM virtual key); delivered as a secret. @default unset (no key) */
  apiKey?: pulumi.Input<string>;
  /** Tags on every AWS resource. @default {} */
  tags?: Record<string, string>;
}

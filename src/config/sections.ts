/**
 * Every section's component validator, run on the parsed config before
 * anything is composed (the synth and `pulumi up` alike: `loadStackConfig`
 * runs before the first resource). Each entry builds the args the program
 * will pass (the same builders the targets use) and reports the component's
 * errors under the stack keys that set them.
 */
import { validateGenAiAccess } from "../../components/genai/values";
import { validateLlmGateway } from "../../components/llm-gateway/values";
import { validateOllamaContainerGroup } from "../../components/ollama-aci/values";
import { validateOllama } from "../../components/ollama/values";
import type { AciCapabilities } from "../../components/platform/aci/capabilities";
import { validateAciEnvironment } from "../../components/platform/aci/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { aciEnvironmentArgs, ollamaGroupArgs } from "./aci";
import type { AciStackConfig } from "./aci";
import { gatewayArgs, genAiAccessArgs, genaiModelId } from "./genai";
import { caught } from "./issues";
import { ollamaArgs } from "./ollama";
import type { StackConfig } from "./stack-config";

/** What an entry sees: the typed config, the cluster it would run on (unset on aci) and which keys are secret. */
export interface SectionInput {
  config: StackConfig;
  cluster?: ClusterCapabilities;
  isSecret: (path: string) => boolean;
}


/** Stand-ins for what only exists once the stack is up: validators check their presence, never their value. */
const LATER = "known once created";
const ACI_LATER: AciCapabilities = {
  location: "",
  resourceGroupName: LATER,
  registryServer: "registry.azurecr.io",
  identityResourceId: LATER,
  identityClientId: LATER,
  identityPrincipalId: LATER,
  keyVaultName: LATER,
  keyVaultUri: LATER,
  workspaceId: LATER,
  workspaceName: LATER,
  workspaceResourceId: LATER,
} as AciCapabilities;

function ollama({ config, cluster, isSecret }: SectionInput): string[] {
  if (config.target === "aci" || config.ollama === undefined || cluster === undefined) return [];
  const args = ollamaArgs(config.ollama, cluster, config.namespace, config.environment === "production");
  return caught(() => validateOllama("ollama", args), [["", "forja:ollama"]], isSecret);
}

function aciEnvironment({ config, isSecret }: SectionInput): string[] {
  if (config.target !== "aci") return [];
  const table = [["", "forja:aci"], ["location", "azure-native:location"], ["name", "the project name (Pulumi.yaml name:)"]] as const;
  return caught(() => validateAciEnvironment(config.project, aciEnvironmentArgs(config)), table, isSecret);
}

function aciOllama({ config, isSecret }: SectionInput): string[] {
  if (config.target !== "aci" || config.aci.ollama === undefined) return [];
  const aci = config as AciStackConfig;
  const table = [
    ["", "forja:aci"],
    ["name", "the project name (Pulumi.yaml name:)"],
    ["models", "forja:aci.ollama.models"],
    ["modelStorage", "forja:aci.ollama.storage"],
    ["modelShareQuotaGiB", "forja:aci.ollama.shareQuotaGiB"],
    ["ollama", "forja:aci.ollama"],
    ["apps[0]", "forja:aci.app"],
  ] as const;
  const args = ollamaGroupArgs(aci, { ...ACI_LATER, location: aci.location }, { env: {}, secureEnv: { MONGO_URI: LATER } });
  return caught(() => validateOllamaContainerGroup(`${config.project}-group`, args), table, isSecret);
}

function genai({ config, cluster, isSecret }: SectionInput): string[] {
  if (config.genai === undefined) return [];
  const where = {
    cluster,
    namespace: config.namespace,
    defaultOllamaUrl: config.target === "aci" ? "http://localhost:11434" : `http://ollama.${config.namespace}.svc.cluster.local:11434`,
    accountId: config.target === "eks" ? config.eks.accountId : undefined,
    region: config.target === "eks" ? config.region : undefined,
  };
  const gateway = config.genai.gateway !== undefined && config.target === "k3s" ? { baseUrl: "http://llm-gateway:4000", peer: { podLabels: { gateway: LATER }, ports: [4000] } } : undefined;
  const table = [
    ["", "forja:genai"],
    ["region", "aws:region"],
    ["accountId", "forja:eks.accountId"],
    ["apiKey", "forja:genaiApiKey"],
    ["cluster", "forja:target"],
  ] as const;
  return caught(() => validateGenAiAccess(genAiAccessArgs(config, where, gateway)), table, isSecret);
}

function llmGateway({ config, cluster, isSecret }: SectionInput): string[] {
  if (config.genai?.gateway === undefined || config.target !== "k3s" || cluster === undefined) return [];
  const where = { cluster, namespace: config.namespace, workloadNamespace: config.namespace, ollamaUrl: `http://ollama.${config.namespace}.svc.cluster.local:11434`, modelId: genaiModelId(config) };
  const backing = { databaseUrl: "postgresql://litellm@postgres/litellm", database: { podLabels: { database: LATER } }, redis: (config.genai.gateway.replicas ?? 1) > 1 ? { url: "redis://redis:6379", peer: { podLabels: { redis: LATER } } } : undefined };
  const table = [
    ["", "forja:genai.gateway"],
    ["models[0].name", "forja:genai.modelId"],
    ["models[0].model", "forja:genai.modelId"],
    ["keys", "forja:genai.services"],
    ["keyUpperBounds", "forja:genai.gateway.keyLimits"],
  ] as const;
  return caught(() => validateLlmGateway("llm-gateway", gatewayArgs(config, where, backing)), table, isSecret);
}

/** The validators this file adds; src/config/index.ts runs them beside the ones it has always run. */
export const COMPONENT_SECTIONS = { ollama, "aci environment": aciEnvironment, "aci ollama": aciOllama, genai, "llm gateway": llmGateway } as const;

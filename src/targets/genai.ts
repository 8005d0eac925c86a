import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_BEDROCK_MODEL } from "../../components/genai/defaults";
import { GenAiAccess } from "../../components/genai";
import type { GenAiProvider } from "../../components/genai";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { ServiceSpec, StackConfig } from "../config";
import { GENAI_DEFAULT_OLLAMA_MODEL } from "../config/genai";

export interface GenAiPlacement {
  /** The cluster (eks, k3s); unset on aci. */
  cluster?: ClusterCapabilities;
  /** The workload namespace's name (plain: it is also the default namespace of serviceAccounts). */
  namespace: string;
  /** Where an Ollama is, when forja:genai.baseUrl does not say. */
  defaultOllamaUrl: string;
  accountId?: string;
  region?: string;
}

export interface ComposedGenAi {
  access?: GenAiAccess;
  /** forja:services with the env contract merged in for those forja:genai.services names (and, for Bedrock, their own role). */
  services: Record<string, ServiceSpec>;
  /** Stack output: the env contract and who runs as the role. */
  outputs?: Record<string, unknown>;
}

/**
 * forja:genai -> one GenAiAccess, and the listed services wired to it: the
 * env contract in their env, the API key in their secrets, and with Bedrock
 * the least-privilege policy as a role of their own.
 */
export function composeGenAi(config: StackConfig, services: Record<string, ServiceSpec>, placement: GenAiPlacement, opts: pulumi.ComponentResourceOptions): ComposedGenAi {
  const genai = config.genai;
  if (genai === undefined) return { services };
  const provider: GenAiProvider = genai.provider ?? (config.target === "eks" ? "bedrock" : "ollama");
  const bedrock = provider === "bedrock";
  const access = new GenAiAccess(
    `${config.project}-genai`,
    bedrock
      ? {
          provider,
          modelId: genai.modelId ?? DEFAULT_BEDROCK_MODEL,
          additionalModelIds: genai.additionalModelIds,
          destinationRegions: genai.destinationRegions,
          region: placement.region,
          accountId: placement.accountId,
          cluster: genai.serviceAccounts.length > 0 ? placement.cluster : undefined,
          namespace: genai.serviceAccounts.length > 0 ? (genai.namespace ?? placement.namespace) : undefined,
          serviceAccounts: genai.serviceAccounts,
          guardrail: genai.guardrail,
          invocationLogging: genai.invocationLogging,
          costGuard: genai.costGuard,
          tags: config.tags,
        }
      : {
          provider,
          modelId: genai.modelId ?? GENAI_DEFAULT_OLLAMA_MODEL,
          baseUrl: genai.baseUrl ?? placement.defaultOllamaUrl,
          apiKey: genai.apiKey,
        },
    opts,
  );
  const wired = Object.fromEntries(
    Object.entries(services).map(([name, spec]) => {
      if (!genai.services.includes(name)) return [name, spec];
      const withGenAi: ServiceSpec = { ...spec, env: { ...access.env, ...spec.env }, secretEnv: { ...access.secretEnv, ...spec.secretEnv } };
      if (bedrock) withGenAi.rolePolicies = { bedrock: access.policyJson as pulumi.Output<string> };
      return [name, withGenAi];
    }),
  );
  return {
    access,
    services: wired,
    outputs: { env: access.env, serviceAccounts: access.serviceAccounts, serviceAccountAnnotations: access.serviceAccountAnnotations, roleArn: access.roleArn, services: genai.services },
  };
}

import type * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { GenAiAccess } from "../../components/genai";
import { LlmGateway } from "../../components/llm-gateway";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { Postgres } from "../../components/postgres";
import { Redis } from "../../components/redis";
import type { ServiceSpec, StackConfig } from "../config";
import type { GenAiConfig } from "../config/genai";
import { AIRFLOW_KEY, gatewayArgs, genAiAccessArgs, genaiModelId, genaiProvider } from "../config/genai";

export interface GenAiPlacement {
  /** The cluster (eks, k3s); unset on aci. */
  cluster?: ClusterCapabilities;
  /** The workload namespace's name (plain: it is also the default namespace of serviceAccounts). */
  namespace: string;
  /** Where an Ollama is, when forja:genai.baseUrl does not say. */
  defaultOllamaUrl: string;
  /** Where the gateway (forja:genai.gateway) runs: the cluster's provider and what must exist first. */
  kubernetes?: { provider: pulumi.ProviderResource; namespace: pulumi.Input<string>; dependsOn: pulumi.Input<pulumi.Resource>[] };
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

/** The gateway's name in the namespace (its Service, and so its URL). */
const GATEWAY = "llm-gateway";

/**
 * forja:genai.gateway: LiteLLM in front of the in-cluster Ollama, its Postgres
 * (keys, spend), Redis when it runs more than one pod, and a virtual key with
 * the configured limits for every workload that calls the model.
 */
function composeGateway(config: StackConfig, genai: GenAiConfig, placement: GenAiPlacement, modelId: string): LlmGateway {
  const gateway = genai.gateway!;
  const kubernetes = placement.kubernetes;
  if (kubernetes === undefined) throw new Error(`forja:genai.gateway: the ${config.target} target does not compose a gateway`);
  const cluster = placement.cluster!;
  // Generated passwords and keys come from an explicit provider too, like every other resource of the stack.
  const opts = { providers: { kubernetes: kubernetes.provider, random: new random.Provider(`${GATEWAY}-random`, {}) }, dependsOn: kubernetes.dependsOn };
  const production = config.environment === "production";
  const client = { podLabels: { "app.kubernetes.io/instance": GATEWAY } };
  const postgres = new Postgres(`${GATEWAY}-db`, { cluster, namespace: kubernetes.namespace, databases: [{ name: "litellm" }], clients: [client], protect: production, storageSize: "2Gi" }, opts);
  const redis = (gateway.replicas ?? 1) > 1 ? new Redis(`${GATEWAY}-redis`, { cluster, namespace: kubernetes.namespace, clients: [client], protect: production }, opts) : undefined;
  const databaseUrl = postgres.connectionUrls.apply((urls) => urls.litellm);
  return new LlmGateway(
    GATEWAY,
    gatewayArgs(config, { cluster, namespace: kubernetes.namespace, workloadNamespace: placement.namespace, ollamaUrl: placement.defaultOllamaUrl, modelId }, {
      databaseUrl,
      database: postgres.clientPeer,
      redis: redis ? { url: redis.url, peer: redis.clientPeer } : undefined,
    }),
    { ...opts, dependsOn: [...kubernetes.dependsOn, postgres] },
  );
}

/**
 * forja:genai -> one GenAiAccess, and the listed services wired to it: the
 * env contract in their env, the API key in their secrets, the egress to an
 * in-cluster server in their NetworkPolicy, and with Bedrock the
 * least-privilege policy as a role of their own. With forja:genai.gateway,
 * the contract points at an LlmGateway and each service gets its own key.
 */
export function composeGenAi(config: StackConfig, services: Record<string, ServiceSpec>, placement: GenAiPlacement, opts: pulumi.ComponentResourceOptions): ComposedGenAi {
  const genai = config.genai;
  if (genai === undefined) return { services };
  const bedrock = genaiProvider(config) === "bedrock";
  const modelId = genaiModelId(config);
  const gateway = genai.gateway !== undefined ? composeGateway(config, genai, placement, modelId) : undefined;
  const endpoint = gateway ? { baseUrl: gateway.url, apiKey: gateway.keys[AIRFLOW_KEY], peer: gateway.peer } : undefined;
  const access = new GenAiAccess(`${config.project}-genai`, genAiAccessArgs(config, placement, endpoint), opts);
  const wired = Object.fromEntries(
    Object.entries(services).map(([name, spec]) => {
      if (!genai.services.includes(name)) return [name, spec];
      const key: Record<string, pulumi.Output<string>> = gateway ? { GENAI_API_KEY: gateway.keys[name] } : {};
      const withGenAi: ServiceSpec = { ...spec, env: { ...access.env, ...spec.env }, secretEnv: { ...access.secretEnv, ...key, ...spec.secretEnv } };
      // Default-deny egress: the contract is useless unless the service can reach the server.
      if (access.egress.length > 0) withGenAi.networkPolicy = { ...spec.networkPolicy, egressTo: [...(spec.networkPolicy?.egressTo ?? []), ...access.egress] };
      if (bedrock) withGenAi.rolePolicies = { bedrock: access.policyJson as pulumi.Output<string> };
      return [name, withGenAi];
    }),
  );
  return {
    access,
    services: wired,
    outputs: {
      env: access.env,
      serviceAccounts: access.serviceAccounts,
      serviceAccountAnnotations: access.serviceAccountAnnotations,
      roleArn: access.roleArn,
      services: genai.services,
      ...(gateway ? { gateway: { url: gateway.url, models: gateway.modelNames, keys: Object.keys(gateway.keys), keyLimits: genai.gateway?.keyLimits ?? {} } } : {}),
    },
  };
}

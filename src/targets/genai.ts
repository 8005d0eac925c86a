import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DEFAULT_BEDROCK_MODEL } from "../../components/genai/defaults";
import { GenAiAccess } from "../../components/genai";
import type { GenAiProvider } from "../../components/genai";
import { LlmGateway } from "../../components/llm-gateway";
import { OLLAMA_PORT } from "../../components/ollama/defaults";
import { ollamaSelector } from "../../components/ollama/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { Postgres } from "../../components/postgres";
import { postgresUrl } from "../../components/postgres/values";
import { Redis } from "../../components/redis";
import type { NetworkPeer } from "../../components/web-service/args";
import type { ServiceSpec, StackConfig } from "../config";
import type { GenAiConfig } from "../config/genai";
import { GENAI_DEFAULT_OLLAMA_MODEL } from "../config/genai";

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

/** The stack's Ollama (forja:ollama) as composeOllama names it, in the workload namespace. */
const OLLAMA = "ollama";
/** The gateway's name in the namespace (its Service, and so its URL). */
const GATEWAY = "llm-gateway";
/** Airflow's key, when the stack runs Airflow: it calls the model like any workload. */
const AIRFLOW_KEY = "airflow";

/** The pods of the stack's Ollama on its port: what a client's NetworkPolicy must allow. */
function ollamaPeer(name: string, namespace: string): NetworkPeer {
  return { namespace, podLabels: ollamaSelector(name), ports: [OLLAMA_PORT] };
}

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
  const replicas = gateway.replicas ?? 1;
  const redis = replicas > 1 ? new Redis(`${GATEWAY}-redis`, { cluster, namespace: kubernetes.namespace, clients: [client], protect: production }, opts) : undefined;
  const keyNames = [...genai.services, ...("airflow" in config && config.airflow ? [AIRFLOW_KEY] : [])];
  return new LlmGateway(
    GATEWAY,
    {
      cluster,
      namespace: kubernetes.namespace,
      models: [{ name: modelId, backend: "ollama", model: modelId, apiBase: placement.defaultOllamaUrl }],
      databaseUrl: pulumi.secret(pulumi.all([postgres.ownerPasswords, postgres.host]).apply(([passwords, host]) => postgresUrl("litellm", passwords.litellm, host, postgres.port, "litellm"))),
      database: { podLabels: postgres.podSelector },
      replicas,
      redis: redis ? { url: redis.url, peer: { podLabels: redis.podSelector } } : undefined,
      keys: keyNames.map((name) => ({ name, limits: gateway.keyLimits })),
      keyUpperBounds: gateway.keyLimits,
      // A laptop's share: LiteLLM idles at about 300Mi.
      resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
      egressTo: [ollamaPeer(OLLAMA, placement.namespace)],
    },
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
  const provider: GenAiProvider = genai.provider ?? (config.target === "eks" ? "bedrock" : "ollama");
  const bedrock = provider === "bedrock";
  const modelId = genai.modelId ?? (bedrock ? DEFAULT_BEDROCK_MODEL : GENAI_DEFAULT_OLLAMA_MODEL);
  const gateway = genai.gateway !== undefined ? composeGateway(config, genai, placement, modelId) : undefined;
  // The stack's own Ollama (never a URL of the file's, whose pods Forja does not know): its pods are the peer.
  const ollama = genai.baseUrl === undefined && "ollama" in config && config.ollama !== undefined ? ollamaPeer(OLLAMA, placement.namespace) : undefined;
  const access = new GenAiAccess(
    `${config.project}-genai`,
    bedrock
      ? {
          provider,
          modelId,
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
      : gateway
        ? { provider: "openai", modelId, baseUrl: gateway.url, apiKey: gateway.keys[AIRFLOW_KEY], peer: gateway.peer }
        : { provider, modelId, baseUrl: genai.baseUrl ?? placement.defaultOllamaUrl, apiKey: genai.apiKey, peer: ollama },
    opts,
  );
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

/**
 * Pure pieces of LlmGateway: argument rules, LiteLLM's config (model list,
 * key limits; secrets only as os.environ/ references), and the WebService
 * shape the gateway's Kubernetes objects are rendered from.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { withDefaults } from "../core/defaults";
import { kubernetesName } from "../core/naming";
import { ForjaArgumentError } from "../core/errors";
import { unpinnedReason } from "../core/images";
import { validateCapabilities } from "../platform/capabilities";
import { checkOnDemand, parseBedrockModel } from "../genai/values";
import type { BedrockModel } from "../genai/values";
import type { WebServiceArgs } from "../web-service/args";
import type { Peer } from "../core/peer";
import { serverPeer } from "../core/connect";
import type { KeyLimitsArgs, LlmGatewayArgs } from "./args";
import { GatewayBackend } from "./args";
import { LITELLM_PREFIX, LLM_GATEWAY_DEFAULTS } from "./defaults";

const COMPONENT = "LlmGateway";
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const DURATION = /^\d+[smhd]$/;
/** Ollama's port: the default egress allow toward an in-namespace Ollama. */
const OLLAMA_PORT = 11434;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

/** The env names of secrets the config points at (never the values). */
export const GATEWAY_ENV = {
  masterKey: "LITELLM_MASTER_KEY",
  /** Encrypts credentials LiteLLM stores in the database: must never change once set. */
  saltKey: "LITELLM_SALT_KEY",
  databaseUrl: "DATABASE_URL",
  accessKeyId: "AWS_ACCESS_KEY_ID",
  secretAccessKey: "AWS_SECRET_ACCESS_KEY",
  modelKey: (index: number) => `GATEWAY_MODEL_${index + 1}_API_KEY`,
  redisUrl: "REDIS_URL",
} as const;

/**
 * Plain env of the serving pods. DISABLE_SCHEMA_UPDATE: only the migration Job
 * migrates (two pods migrating at once race); the cost map bundled in the
 * image, since fetching it at start needs egress the pods do not have.
 */
export const GATEWAY_POD_ENV: Record<string, string> = {
  DISABLE_SCHEMA_UPDATE: "true",
  LITELLM_LOCAL_MODEL_COST_MAP: "True",
};

function checkLimits(argument: string, limits: KeyLimitsArgs | undefined): void {
  if (limits === undefined) return;
  for (const field of ["rpmLimit", "tpmLimit"] as const) {
    const value = limits[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) fail(`${argument}.${field}`, value, "a positive integer");
  }
  if (limits.maxBudgetUsd !== undefined && !(limits.maxBudgetUsd > 0)) fail(`${argument}.maxBudgetUsd`, limits.maxBudgetUsd, "a positive amount of US dollars");
  if (limits.budgetDuration !== undefined && !DURATION.test(limits.budgetDuration)) fail(`${argument}.budgetDuration`, limits.budgetDuration, 'a duration such as "30d", "24h" or "30m"');
}

/** Every rule, before anything is registered; returns the Bedrock models the gateway's role must reach. */
export function validateLlmGateway(name: string, args: LlmGatewayArgs | undefined): BedrockModel[] {
  if (!args || typeof args !== "object") return fail("args", args, "an object with at least cluster, namespace, models, databaseUrl and database");
  validateCapabilities(COMPONENT, args.cluster);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 52) fail("name", name, "a DNS-1123 label of at most 52 characters");
  if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace to run in");
  if (args.databaseUrl === undefined || args.databaseUrl === "") fail("databaseUrl", args.databaseUrl, "a postgresql:// URL (a secret) for virtual keys and spend");
  if (typeof args.databaseUrl === "string" && !/^postgres(ql)?:\/\//.test(args.databaseUrl)) fail("databaseUrl", "[secret]", "a postgresql:// URL");
  if (!args.database || (args.database.cidr === undefined && args.database.podLabels === undefined)) fail("database", args.database, "where the database is: podLabels (e.g. postgres.clientPeer) or a cidr");
  if (args.image !== undefined) {
    const reason = unpinnedReason(args.image);
    if (reason) fail("image", args.image, `an image pinned to a tag other than latest, or a digest (${reason})`);
  }
  if (!Array.isArray(args.models) || args.models.length === 0) fail("models", args.models, "at least one model");
  const names = args.models.map((m) => m?.name);
  const backends = Object.values(GatewayBackend) as string[];
  const bedrock: BedrockModel[] = [];
  args.models.forEach((model, i) => {
    const at = `models[${i}]`;
    if (!model || typeof model.name !== "string" || !MODEL_NAME.test(model.name)) fail(`${at}.name`, model?.name, "a model name of 1-128 letters, digits and ._:/-");
    if (names.indexOf(model.name) !== i) fail(`${at}.name`, model.name, "a name not used by another model (LiteLLM would load-balance them as one)");
    if (!backends.includes(model.backend)) fail(`${at}.backend`, model.backend, `one of ${backends.map((b) => `"${b}"`).join(", ")}`);
    if (typeof model.model !== "string" || model.model === "") fail(`${at}.model`, model.model, "the backend's model id");
    for (const field of ["rpm", "tpm"] as const) {
      const value = model[field];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) fail(`${at}.${field}`, value, "a positive integer");
    }
    if (model.backend === GatewayBackend.Bedrock) {
      if (model.apiBase !== undefined || model.apiKey !== undefined) fail(`${at}.apiBase`, model.apiBase, "nothing for a Bedrock model: the gateway calls Bedrock with its role (or bedrockAccessKeyId)");
      bedrock.push(parseBedrockModel(`${at}.model`, model.model));
    } else {
      if (model.apiBase === undefined || model.apiBase === "") fail(`${at}.apiBase`, model.apiBase, `the ${model.backend} server's URL`);
      if (typeof model.apiBase === "string" && !/^https?:\/\/[^/\s]+/.test(model.apiBase)) fail(`${at}.apiBase`, model.apiBase, "an http(s) URL");
      if (model.backend === GatewayBackend.Ollama && model.apiKey !== undefined) fail(`${at}.apiKey`, "[secret]", "nothing for an Ollama model (Ollama has no keys)");
    }
  });
  if (bedrock.length > 0) {
    const region = args.bedrockRegion ?? args.cluster.region;
    if (region === undefined) fail("bedrockRegion", region, "the region the gateway calls Bedrock in (the cluster has none)");
    const bedrockIndexes = args.models.flatMap((m, i) => (m.backend === GatewayBackend.Bedrock ? [i] : []));
    bedrock.forEach((model, j) => checkOnDemand(COMPONENT, `models[${bedrockIndexes[j]}].model`, model, region));
    const staticKeys = [args.bedrockAccessKeyId, args.bedrockSecretAccessKey].filter((k) => k !== undefined).length;
    if (staticKeys === 1) fail("bedrockSecretAccessKey", "[secret]", "both bedrockAccessKeyId and bedrockSecretAccessKey, or neither");
    if (staticKeys === 0 && args.cluster.workloadIdentity.kind === "none") {
      fail("bedrockAccessKeyId", undefined, `keys (as secrets) for Bedrock models: this ${args.cluster.kind} cluster has no workload identity to give the gateway a role`);
    }
    if (staticKeys === 0 && bedrock.some((m) => m.geography !== undefined) && (args.bedrockAccountId === undefined || args.bedrockAccountId === "")) {
      fail("bedrockAccountId", args.bedrockAccountId, "the AWS account id: an inference profile's ARN names it (for the gateway's role)");
    }
  } else if (args.bedrockAccessKeyId !== undefined || args.bedrockSecretAccessKey !== undefined || args.bedrockAccountId !== undefined) {
    fail("bedrockAccessKeyId", "[secret]", "nothing without a Bedrock model");
  }
  if (args.keys !== undefined) {
    if (!Array.isArray(args.keys)) fail("keys", args.keys, "a list of virtual keys");
    const keyNames = args.keys.map((k) => k?.name);
    args.keys.forEach((key, i) => {
      const at = `keys[${i}]`;
      if (!key || typeof key.name !== "string" || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(key.name)) fail(`${at}.name`, key?.name, "a DNS-1123 label (the key's alias)");
      if (keyNames.indexOf(key.name) !== i) fail(`${at}.name`, key.name, "a name not used by another key");
      const unknown = (key.models ?? []).find((m) => !names.includes(m));
      if (unknown !== undefined) fail(`${at}.models`, unknown, `models the gateway serves (${names.join(", ")})`);
      checkLimits(`${at}.limits`, key.limits);
    });
  }
  checkLimits("keyDefaults", args.keyDefaults);
  checkLimits("keyUpperBounds", args.keyUpperBounds);
  if (args.replicas !== undefined && (!Number.isInteger(args.replicas) || args.replicas < 1)) fail("replicas", args.replicas, "a positive integer");
  if (args.redis !== undefined) {
    if (args.redis.url === undefined || args.redis.url === "") fail("redis.url", args.redis.url, "a redis:// URL (a secret), e.g. the Redis component's url");
    if (typeof args.redis.url === "string" && !/^rediss?:\/\//.test(args.redis.url)) fail("redis.url", "[secret]", "a redis:// or rediss:// URL");
    if (!args.redis.peer || (args.redis.peer.cidr === undefined && args.redis.peer.podLabels === undefined)) fail("redis.peer", args.redis.peer, "where Redis is: podLabels (e.g. redis.clientPeer) or a cidr");
  } else if (args.replicas !== undefined && args.replicas > 1) {
    fail("replicas", args.replicas, "1 without redis: each replica would count rate limits and budgets on its own (a limit of 100 rpm lets 100 x replicas through); give redis (the Redis component's url and podSelector)");
  }
  if (args.metrics !== undefined && (!Array.isArray(args.metrics.scrapers) || args.metrics.scrapers.length === 0)) {
    fail("metrics.scrapers", args.metrics.scrapers, "the peers (e.g. Prometheus's pods) that may scrape /metrics/ without a key");
  }
  if (args.runAsUser !== undefined && (!Number.isInteger(args.runAsUser) || args.runAsUser < 1)) fail("runAsUser", args.runAsUser, "a non-root UID");
  return bedrock;
}

/** Whether the gateway calls Bedrock through a workload role (rather than static keys). */
export function usesBedrockRole(args: LlmGatewayArgs, bedrock: BedrockModel[]): boolean {
  return bedrock.length > 0 && args.bedrockAccessKeyId === undefined;
}

export function keyParams(limits: KeyLimitsArgs | undefined): Record<string, unknown> | undefined {
  if (limits === undefined) return undefined;
  const params = {
    rpm_limit: limits.rpmLimit,
    tpm_limit: limits.tpmLimit,
    max_budget: limits.maxBudgetUsd,
    budget_duration: limits.maxBudgetUsd === undefined ? limits.budgetDuration : (limits.budgetDuration ?? LLM_GATEWAY_DEFAULTS.budgetDuration),
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

/**
 * LiteLLM's config.yaml. `apiBases` are the models' resolved URLs, by index.
 * Secrets appear only as `os.environ/NAME`: the file lives in a ConfigMap.
 */
export function liteLlmConfig(args: LlmGatewayArgs, apiBases: (string | undefined)[]): string {
  const region = args.bedrockRegion ?? args.cluster.region;
  const modelList = args.models.map((model, i) => {
    const params: Record<string, unknown> = { model: `${LITELLM_PREFIX[model.backend]}/${model.model}` };
    if (model.backend === GatewayBackend.Bedrock) params.aws_region_name = region;
    else params.api_base = apiBases[i];
    if (model.apiKey !== undefined) params.api_key = `os.environ/${GATEWAY_ENV.modelKey(i)}`;
    if (model.rpm !== undefined) params.rpm = model.rpm;
    if (model.tpm !== undefined) params.tpm = model.tpm;
    return { model_name: model.name, litellm_params: params };
  });
  const metrics = args.metrics === undefined ? {} : { callbacks: ["prometheus"], require_auth_for_metrics_endpoint: false };
  const litellmSettings = Object.fromEntries(
    Object.entries({ default_key_generate_params: keyParams(args.keyDefaults), upperbound_key_generate_params: keyParams(args.keyUpperBounds), ...metrics }).filter(([, v]) => v !== undefined),
  );
  const config: Record<string, unknown> = {
    model_list: modelList,
    general_settings: { master_key: `os.environ/${GATEWAY_ENV.masterKey}`, database_url: `os.environ/${GATEWAY_ENV.databaseUrl}` },
  };
  if (Object.keys(litellmSettings).length > 0) config.litellm_settings = litellmSettings;
  // Rate-limit, budget and cooldown counters in Redis: every replica sees the same ones.
  if (args.redis !== undefined) config.router_settings = { redis_url: `os.environ/${GATEWAY_ENV.redisUrl}` };
  return stringify(config);
}

export function configFilePath(): string {
  return `${LLM_GATEWAY_DEFAULTS.configPath}/${LLM_GATEWAY_DEFAULTS.configFile}`;
}

/** The named clients on 4000 (nobody by default, like every Forja server), the metrics scrapers, and the gateway's own key Job. */
function gatewayIngress(name: string, args: LlmGatewayArgs): Peer[] {
  const port = LLM_GATEWAY_DEFAULTS.port;
  const scrapers = (args.metrics?.scrapers ?? []).map((s) => ({ ...s, ports: s.ports ?? [port] }));
  const keyJob = (args.keys ?? []).length > 0 ? [{ podLabels: keysSelector(name), ports: [port] }] : [];
  return [...(args.clients ?? []).map((c) => ({ ...c, ports: c.ports ?? [port] })), ...keyJob, ...scrapers];
}

/**
 * The gateway as a WebService: LiteLLM on 4000, probes on the two health
 * endpoints that need no key and call no model, egress to the database and
 * the backends only.
 */
export function gatewayService(args: LlmGatewayArgs, bedrock: BedrockModel[], secretEnv: WebServiceArgs["secretEnv"], name = "llm-gateway"): WebServiceArgs {
  const d = withDefaults(LLM_GATEWAY_DEFAULTS, { image: args.image, resources: args.resources, uid: args.runAsUser });
  const replicas = args.replicas ?? (args.redis ? LLM_GATEWAY_DEFAULTS.replicasWithRedis : LLM_GATEWAY_DEFAULTS.replicasWithoutRedis);
  const backends = new Set(args.models.map((m) => m.backend));
  const egress: Peer[] = [{ ...args.database, ports: args.database.ports ?? [LLM_GATEWAY_DEFAULTS.databasePort] }];
  if (args.redis) egress.push({ ...args.redis.peer, ports: args.redis.peer.ports ?? [LLM_GATEWAY_DEFAULTS.redisPort] });
  // Without named peers, an Ollama in the namespace on its port.
  if (backends.has(GatewayBackend.Ollama) && args.egressTo === undefined) egress.push({ ports: [OLLAMA_PORT] });
  // Bedrock and hosted APIs are public HTTPS endpoints (a role adds the same through WebService).
  if (backends.has(GatewayBackend.OpenAi) || (backends.has(GatewayBackend.Bedrock) && !usesBedrockRole(args, bedrock))) egress.push({ cidr: "0.0.0.0/0", ports: [LLM_GATEWAY_DEFAULTS.httpsPort] });
  const port = LLM_GATEWAY_DEFAULTS.port;
  return {
    cluster: args.cluster,
    namespace: args.namespace,
    image: d.image,
    port,
    args: ["--config", configFilePath(), "--port", String(port), "--num_workers", String(LLM_GATEWAY_DEFAULTS.workers)],
    replicas,
    resources: d.resources,
    secretEnv,
    probes: {
      readiness: { http: { path: LLM_GATEWAY_DEFAULTS.readinessPath } },
      liveness: { http: { path: LLM_GATEWAY_DEFAULTS.livenessPath } },
      startup: { http: { path: LLM_GATEWAY_DEFAULTS.livenessPath }, failureThreshold: LLM_GATEWAY_DEFAULTS.startupFailureThreshold },
    },
    // Only consulted for the identity egress; the gateway makes its role itself (see LlmGateway).
    rolePolicies: usesBedrockRole(args, bedrock) ? { bedrock: "{}" } : undefined,
    networkPolicy: { ingressFrom: gatewayIngress(name, args), egressTo: [...egress, ...(args.egressTo ?? [])] },
    runAsUser: d.uid,
    // The image's own tree (/app, site-packages/prisma, /var/lib/litellm/ui) is chowned to nobody
    // and written at start; emptyDirs over it would hide the baked Prisma engines and UI.
    readOnlyRootFilesystem: false,
    labels: args.labels,
  };
}

/** Labels of the migration Job's pods: the gateway's instance (a database client), never its Service's selector. */
export function migrationSelector(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": kubernetesName([name, "migrate"]), "app.kubernetes.io/instance": name };
}

/** What the database must admit: the gateway's pods and its migration Job's (e.g. Postgres `clients`). */
export function databaseClientLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/instance": name };
}

type DeploymentArgs = k8s.apps.v1.DeploymentArgs & { spec: k8s.types.input.apps.v1.DeploymentSpec };
interface PodLike {
  metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: { containers: { env?: unknown[]; volumeMounts?: unknown[] }[]; volumes?: unknown[] };
}

/**
 * The serving pods on top of WebService's (whose pod defaults already turn
 * service links off: a Service named "redis" would inject REDIS_PORT=tcp://...,
 * which LiteLLM reads as a port): the model list mounted read-only, the pod
 * env, and scrape annotations when metrics are on.
 */
export function gatewayDeployment(deployment: DeploymentArgs, args: LlmGatewayArgs, configMapName: pulumi.Input<string>): DeploymentArgs {
  const template = deployment.spec.template as unknown as PodLike;
  const container = template.spec.containers[0];
  template.spec.volumes = [...(template.spec.volumes ?? []), { name: "models", configMap: { name: configMapName } }];
  container.volumeMounts = [...(container.volumeMounts ?? []), { name: "models", mountPath: LLM_GATEWAY_DEFAULTS.configPath, readOnly: true }];
  container.env = Object.entries(GATEWAY_POD_ENV).map(([name, value]) => ({ name, value }));
  if (args.metrics !== undefined) {
    template.metadata = {
      ...template.metadata,
      annotations: { "prometheus.io/scrape": "true", "prometheus.io/port": String(LLM_GATEWAY_DEFAULTS.port), "prometheus.io/path": LLM_GATEWAY_DEFAULTS.metricsPath },
    };
  }
  return deployment;
}

/** Labels of the key-registration Job's pods. */
export function keysSelector(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": kubernetesName([name, "keys"]), "app.kubernetes.io/instance": name };
}

/** The peer a client's NetworkPolicy needs to call the gateway (GenAiAccess `peer`): `connect`'s egress half. */
export function gatewayPeer(name: string, namespace: pulumi.Input<string>): Peer {
  return serverPeer(name, namespace, [LLM_GATEWAY_DEFAULTS.port]);
}

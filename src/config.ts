/**
 * The one reader of stack configuration. Everything below `components/` takes
 * typed args; this file turns `Pulumi.<stack>.yaml` into them, and reports every
 * bad key at once, with its path, the value given and what was expected.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { GENAI_API_KEY, GENAI_DEFAULT_OLLAMA_MODEL, genaiProblems, genaiSection } from "./config/genai";
import type { GenAiConfig } from "./config/genai";
import { MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage, TolerationEffect, TolerationOperator } from "../components/milvus/args";
import { MILVUS_DEFAULTS } from "../components/milvus/defaults";

export const TARGETS = ["eks", "k3s", "aci"] as const;
export type Target = (typeof TARGETS)[number];

export const ENVIRONMENTS = ["development", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Keys that hold credentials: accepted only when set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["forja:kubeconfig", "forja:registryCredentials", "forja:serviceSecrets", GENAI_API_KEY] as const;

export const UPSTREAM_NAMES = ["docker-hub", "quay", "ghcr", "k8s", "ecr-public"] as const;

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "expected a DNS-1123 label: lower-case letters, digits and '-', at most 63 characters");
const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/, { message: "expected an IPv4 CIDR such as 203.0.113.0/24", abort: true })
  .refine((value) => value.split("/")[0].split(".").every((octet) => Number(octet) <= 255), "expected each octet <= 255");
const tags = z.record(z.string().min(1).max(128), z.string().max(256));

const k3sSection = z
  .object({
    /** Path to a kubeconfig file; the Kubernetes provider reads it. @default the provider's ambient kubeconfig */
    kubeconfigPath: z.string().min(1).optional(),
    /** kubeconfig context to use. @default the file's current context */
    context: z.string().min(1).optional(),
    /** StorageClass for persistent volumes (`standard` on Minikube). @default "local-path" */
    storageClass: dnsLabel.default("local-path"),
    /** IngressClass for HTTP routes (`nginx` on Minikube). @default "traefik" */
    ingressClass: dnsLabel.default("traefik"),
  })
  .strict();

const nodeGroup = z
  .object({
    /** amd64 instance types: the Kafka/ZooKeeper images are amd64-only. @default ["m6i.xlarge"] */
    instanceTypes: z.array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "expected an EC2 instance type such as m6i.xlarge")).min(1).default(["m6i.xlarge"]),
    /** @default 3 */
    minSize: z.number().int().min(1).max(100).default(3),
    /** @default 6 */
    maxSize: z.number().int().min(1).max(100).default(6),
    /** @default 3 */
    desiredSize: z.number().int().min(1).max(100).default(3),
    /** Root volume size in GiB. @default 50 */
    diskSizeGiB: z.number().int().min(20).max(16384).default(50),
  })
  .strict()
  .refine((n) => n.minSize <= n.desiredSize && n.desiredSize <= n.maxSize, {
    message: "expected minSize <= desiredSize <= maxSize",
  });

const imageMirrorSection = z
  .object({
    /** Public registries cached through ECR. @default every one that has a credential, plus quay, k8s and ecr-public */
    upstreams: z.array(z.enum(UPSTREAM_NAMES)).optional(),
    /** Private images copied into ECR once, e.g. icr.io/mjc-cr/mmjc-airflow-service. @default [] */
    privateRepositories: z.array(z.string().min(1)).default([]),
    /**
     * Existing Secrets Manager secrets (named ecr-pullthroughcache/...) per upstream:
     * the credential never passes through Pulumi state. @default {}
     */
    credentialArns: z
      .partialRecord(z.enum(UPSTREAM_NAMES), z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:ecr-pullthroughcache\/.+$/, "expected the ARN of a Secrets Manager secret named ecr-pullthroughcache/..."))
      .default({}),
  })
  .strict();

const eksSection = z
  .object({
    /** The AWS account the stack may deploy to: the provider refuses any other, and ECR lives there. */
    accountId: z.string().regex(/^\d{12}$/, "expected a 12-digit AWS account id"),
    /** @default ["<region>a", "<region>b", "<region>c"] */
    availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "expected a zone name such as us-east-1a")).min(2).max(3).optional(),
    /** @default "per-az" in production, "single" otherwise */
    natGateways: z.enum(["per-az", "single"]).optional(),
    /** IAM roles granted cluster admin. @default [] */
    adminRoleArns: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "expected an IAM role ARN")).default([]),
    /** ECR pull-through cache and private repositories; every image pulls through it. @default enabled */
    imageMirror: imageMirrorSection.default({ privateRepositories: [], credentialArns: {} }),
    /** VPC CIDR; /16 leaves room for three private and three public subnets. @default "10.0.0.0/16" */
    vpcCidr: cidr.default("10.0.0.0/16"),
    /** CIDRs allowed to reach the public API endpoint: where `pulumi up` and CI run. Required unless privateEndpointOnly. */
    publicAccessCidrs: z.array(cidr).default([]).refine((list) => !list.includes("0.0.0.0/0"), "0.0.0.0/0 opens the API server to the internet; list your own CIDRs"),
    /** No public API endpoint: deployments run from inside the VPC. @default false */
    privateEndpointOnly: z.boolean().default(false),
    /** Managed node group sizes. */
    nodes: nodeGroup.default({ instanceTypes: ["m6i.xlarge"], minSize: 3, maxSize: 6, desiredSize: 3, diskSizeGiB: 50 }),
  })
  .strict();

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'expected a Kubernetes quantity such as "250m" or "512Mi"');
const port = z.number().int().min(1).max(65535);
const probe = z
  .object({
    http: z.object({ path: z.string().startsWith("/"), port: port.optional() }).strict().optional(),
    tcp: z.object({ port: port.optional() }).strict().optional(),
    exec: z.object({ command: z.array(z.string()).min(1) }).strict().optional(),
    initialDelaySeconds: z.number().int().min(0).optional(),
    periodSeconds: z.number().int().min(1).optional(),
    timeoutSeconds: z.number().int().min(1).optional(),
    failureThreshold: z.number().int().min(1).optional(),
  })
  .strict();
const peer = z
  .object({ namespace: z.string().optional(), podLabels: z.record(z.string(), z.string()).optional(), cidr: z.string().optional(), ports: z.array(port).optional() })
  .strict();

/** One WebService per entry; semantic checks (pinned image, HPA bounds...) are the component's. */
const service = z
  .object({
    image: z.string().min(1),
    port: port.optional(),
    servicePort: port.optional(),
    extraPorts: z.array(z.object({ name: z.string(), port }).strict()).optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    replicas: z.number().int().min(0).optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict(),
    env: z.record(z.string(), z.string()).optional(),
    /** Names of variables whose values are in the secret key forja:serviceSecrets.<service>. */
    secretEnv: z.array(z.string()).optional(),
    autoscaling: z.object({ minReplicas: z.number().int(), maxReplicas: z.number().int(), cpuUtilization: z.number().int().optional() }).strict().optional(),
    ingress: z
      .object({
        path: z.string(),
        pathType: z.enum(["Prefix", "Exact"]).optional(),
        host: z.string().optional(),
        group: z.string().optional(),
        healthCheckPath: z.string().optional(),
        internetFacing: z.boolean().optional(),
        certificateArn: z.string().optional(),
        allowPlainHttp: z.boolean().optional(),
      })
      .strict()
      .optional(),
    probes: z.object({ readiness: probe.optional(), liveness: probe.optional(), startup: probe.optional() }).strict().optional(),
    imagePullSecrets: z.array(z.string()).optional(),
    networkPolicy: z.object({ ingressFrom: z.array(peer).optional(), egressTo: z.array(peer).optional() }).strict().optional(),
    roleArn: z.string().optional(),
    runAsUser: z.number().int().min(1).optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
  })
  .strict();
export type ServiceConfig = z.output<typeof service>;

/** Milvus: semantic checks (odd quorum, IRSA for S3, pinned images...) are the component's. */
const milvusComponent = z
  .object({
    replicas: z.number().int().min(1).optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict()
      .optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    tolerations: z
      .array(
        z
          .object({
            key: z.string().optional(),
            operator: z.enum(Object.values(TolerationOperator)).optional(),
            value: z.string().optional(),
            effect: z.enum(Object.values(TolerationEffect)).optional(),
            tolerationSeconds: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .optional(),
    storageSize: quantity.optional(),
  })
  .strict();
const MILVUS_COMPONENT_NAMES = ["proxy", "mixCoordinator", "dataNode", "indexNode", "queryNode", "etcd", "kafka", "zookeeper", "minio"] as const;

const milvusSection = z
  .object({
    /** Namespace the MilvusCluster creates. @default "milvus" */
    namespace: dnsLabel.default("milvus"),
    /** @default "production" in a production stack, else "development" */
    preset: z.enum(Object.values(MilvusPreset)).optional(),
    /** @default "s3" on eks, "minio" on k3s */
    storage: z.enum(Object.values(MilvusStorage)).optional(),
    /** S3 mode: exact bucket name. @default auto-named */
    bucketName: z.string().min(3).max(63).optional(),
    /** @default "kafka" */
    messageQueue: z.enum(Object.values(MilvusMessageQueue)).default(MILVUS_DEFAULTS.messageQueue),
    /** An existing Kafka (MSK's TLS listener): bootstrap brokers as host:port. */
    externalKafka: z.object({ brokers: z.array(z.string().min(1)).min(1), securityProtocol: z.literal(MILVUS_DEFAULTS.externalKafkaProtocol).default(MILVUS_DEFAULTS.externalKafkaProtocol) }).strict().optional(),
    /** @default "cluster-ip" */
    access: z.enum(Object.values(MilvusAccess)).default(MILVUS_DEFAULTS.access),
    /** Attu UI behind the cluster's ingress. @default unset (no Attu) */
    attu: z.object({ host: z.string().min(1).optional(), path: z.string().startsWith("/").optional() }).strict().optional(),
    /** @default false */
    serviceMonitor: z.boolean().default(MILVUS_DEFAULTS.serviceMonitor),
    /** @default true in production (and it may not be false there), else false */
    protect: z.boolean().optional(),
    /** Per-component overrides of the preset. @default {} */
    components: z.partialRecord(z.enum(MILVUS_COMPONENT_NAMES), milvusComponent).default({}),
  })
  .strict();
export type MilvusConfig = z.output<typeof milvusSection>;

/** Ollama on the k3s and eks targets; semantic checks are the Ollama component's. */
const ollamaSection = z
  .object({
    /** Models pulled before the server starts, pinned (qwen2.5:0.5b). */
    models: z.array(z.string()).min(1),
    /** @default "50Gi" */
    storageSize: quantity.optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict()
      .optional(),
    gpuCount: z.number().int().min(0).optional(),
    keepAlive: z.string().optional(),
    numParallel: z.number().int().optional(),
    maxLoadedModels: z.number().int().optional(),
  })
  .strict();
export type OllamaConfig = z.output<typeof ollamaSection>;

const credential = z.object({ username: z.string().min(1), accessToken: z.string().min(1) }).strict();

/** The app container next to Ollama (seed 001's datalk-api); semantic checks are OllamaContainerGroup's. */
const aciApp = z
  .object({
    /** @default "api" */
    name: z.string().default("api"),
    /** Repository in the stack's registry, e.g. datalk-api (pushed once, see README). */
    repository: z.string().min(1),
    /** Pinned image tag. */
    tag: z.string().min(1),
    /** @default 8000 */
    port: port.default(8000),
    /** @default "/docs" */
    probePath: z.string().startsWith("/").default("/docs"),
    cpu: z.number().positive().optional(),
    memoryInGB: z.number().positive().optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const aciOllama = z
  .object({
    /** Models pulled before Ollama starts, pinned (llama3.2:1b). */
    models: z.array(z.string()).min(1),
    /** Explicit: azure-files persists models, empty-dir pulls them at every start. */
    storage: z.enum(["azure-files", "empty-dir"]),
    shareQuotaGiB: z.number().int().optional(),
    cpu: z.number().positive().optional(),
    memoryInGB: z.number().positive().optional(),
    keepAlive: z.string().optional(),
    numParallel: z.number().int().optional(),
    maxLoadedModels: z.number().int().optional(),
    imageFromRegistry: z.boolean().optional(),
  })
  .strict();

const aciMongo = z
  .object({
    /** @default "app" */
    database: z.string().default("app"),
    /** Collections created up front (the app's role cannot create them). @default [] */
    collections: z.array(z.string()).default([]),
  })
  .strict();

const aciSection = z
  .object({
    /** Resource group to create for the stack's Azure resources. @default "<project>-<stack>" */
    resourceGroupName: z.string().regex(/^[-\w._()]{1,89}[-\w_()]$/, "expected 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'").optional(),
    /** Use an existing resource group named resourceGroupName instead of creating one. @default false */
    useExistingResourceGroup: z.boolean().default(false),
    /** Public DNS label of the container group. @default "<project>-group" */
    dnsNameLabel: z.string().optional(),
    /** Subnet for a private container group (and the only network Cosmos DB admits). @default unset (public IP) */
    subnetId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i, "expected a subnet resource id").optional(),
    app: aciApp.optional(),
    /** Ollama and the app in one container group. @default unset (no group: the environment and the database only) */
    ollama: aciOllama.optional(),
    mongo: aciMongo.default({ database: "app", collections: [] }),
  })
  .strict();

/** The whole `forja:` namespace; exported so tests can hold the README to it. */
export const forjaSchema = z
  .object({
    target: z.enum(TARGETS),
    /** Production protects stateful resources and spreads NAT per AZ. @default "development" on k3s, else "production" */
    environment: z.enum(ENVIRONMENTS).optional(),
    /** Namespace for the stack's workloads. @default "forja" */
    namespace: dnsLabel.default("forja"),
    /** Tags on every cloud resource that takes tags. @default {} */
    tags: tags.default({}),
    k3s: k3sSection.optional(),
    eks: eksSection.optional(),
    aci: aciSection.optional(),
    /** kubeconfig content for k3s (secret). @default unset */
    kubeconfig: z.string().min(1).optional(),
    /** WebServices to run, by name (k3s and eks). @default {} */
    /** Ollama in the workload namespace (k3s and eks). @default unset */
    ollama: ollamaSection.optional(),
    services: z.record(z.string().regex(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/, "expected a DNS-1123 name of at most 52 characters"), service).default({}),
    /** A MilvusCluster (k3s and eks). @default unset (none) */
    milvus: milvusSection.optional(),
    /** Secret env values per service: { <service>: { <VAR>: <value> } } (secret). @default {} */
    serviceSecrets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    /** Upstream registry credentials for the ECR cache (secret): { docker-hub: { username, accessToken } }. @default {} */
    registryCredentials: z.partialRecord(z.enum(UPSTREAM_NAMES), credential).default({}),
    /** How workloads reach a model (see src/config/genai.ts). @default none */
    genai: genaiSection.optional(),
    /** Key for an openai-compatible GenAI server (secret). @default unset */
    genaiApiKey: z.string().min(1).optional(),
  })
  .strict();

type RawForja = z.output<typeof forjaSchema>;

interface BaseConfig {
  /** forja:genai, with forja:genaiApiKey as a secret. */
  genai?: GenAiConfig & { apiKey?: pulumi.Output<string> };
  project: string;
  stack: string;
  environment: Environment;
  namespace: string;
  tags: Record<string, string>;
}
/** A service as the program composes it: its secret env resolved to Pulumi secrets. */
export interface ServiceSpec extends Omit<ServiceConfig, "secretEnv" | "env"> {
  env?: Record<string, pulumi.Input<string>>;
  secretEnv: Record<string, pulumi.Output<string>>;
  /** A role made for this service alone (GenAiAccess's Bedrock policy). */
  rolePolicies?: Record<string, pulumi.Input<string>>;
}
interface KubernetesConfig {
  services: Record<string, ServiceSpec>;
  milvus?: MilvusConfig;
  ollama?: OllamaConfig;
}
export interface K3sStackConfig extends BaseConfig, KubernetesConfig {
  target: "k3s";
  k3s: z.output<typeof k3sSection>;
  /** Secret kubeconfig content, when given instead of a path. */
  kubeconfig?: pulumi.Output<string>;
}
export interface EksStackConfig extends BaseConfig, KubernetesConfig {
  target: "eks";
  region: string;
  eks: z.output<typeof eksSection> & { availabilityZones: string[]; natGateways: "per-az" | "single" };
  registryCredentials: Partial<Record<(typeof UPSTREAM_NAMES)[number], { username: pulumi.Output<string>; accessToken: pulumi.Output<string> }>>;
}
export interface AciStackConfig extends BaseConfig {
  target: "aci";
  location: string;
  aci: z.output<typeof aciSection>;
}
export type StackConfig = K3sStackConfig | EksStackConfig | AciStackConfig;

/**
 * Invalid stack config. A `RunError`, so `pulumi up` prints the message alone,
 * without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${problems.join("; ")}.`);
    this.name = "StackConfigError";
  }
}

export interface ConfigSource {
  project: string;
  stack: string;
  /** Flat config as Pulumi holds it: `namespace:key` -> string (objects as JSON). */
  values: Record<string, string>;
  /** Keys that were set with `--secret`. */
  secretKeys: readonly string[];
}

/** Pure: config values in, typed config or one `StackConfigError` listing every problem out. */
export function parseStackConfig(source: ConfigSource): StackConfig {
  const problems: string[] = [];
  const forja: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(source.values)) {
    if (!key.startsWith("forja:")) continue;
    forja[key.slice("forja:".length)] = parseValue(text);
  }
  for (const key of SECRET_KEYS) {
    if (source.values[key] !== undefined && !source.secretKeys.includes(key)) {
      problems.push(`${key} holds a credential in plain text: set it with \`pulumi config set --secret ${key.slice(6)} ...\``);
    }
  }
  const parsed = forjaSchema.safeParse(forja, { reportInput: true });
  if (!parsed.success) problems.push(...parsed.error.issues.map(describeIssue));

  // Target-specific checks still run when other keys are bad: all problems at once.
  const target = TARGETS.find((t) => t === forja.target);
  const region = source.values["aws:region"];
  const location = source.values["azure-native:location"];
  if (target === "eks" && !region) problems.push(`aws:region is missing: expected the AWS region for the EKS target, e.g. us-east-1`);
  if (target === "aci" && !location) problems.push(`azure-native:location is missing: expected the Azure region for the ACI target, e.g. eastus`);
  if (parsed.success) {
    for (const other of TARGETS.filter((t) => t !== target)) {
      if (parsed.data[other] !== undefined) problems.push(`forja:${other} is set but forja:target is "${target}": remove the section or change the target`);
    }
    if (target !== "k3s" && parsed.data.kubeconfig !== undefined) problems.push(`forja:kubeconfig is set but forja:target is "${target}": only the k3s target takes a kubeconfig`);
    if (target === "aci" && Object.keys(parsed.data.services).length > 0) problems.push(`forja:services is set but forja:target is "aci": services run on the k3s and eks targets`);
    problems.push(...milvusProblems(parsed.data, target));
    if (target === "aci" && parsed.data.ollama !== undefined) problems.push(`forja:ollama is set but forja:target is "aci": the aci target runs Ollama from forja:aci.ollama`);
    if (target !== "eks" && Object.keys(parsed.data.registryCredentials).length > 0) problems.push(`forja:registryCredentials is set but forja:target is "${target}": only the eks target mirrors images`);
    const aci = parsed.data.aci;
    if (aci?.dnsNameLabel !== undefined && aci.subnetId !== undefined) problems.push(`forja:aci.dnsNameLabel is set with forja:aci.subnetId: a private container group has no public DNS name, choose one`);
    if (aci?.app !== undefined && aci.ollama === undefined) problems.push(`forja:aci.app is set without forja:aci.ollama: expected its models and an explicit storage choice, the app runs next to Ollama`);
    if (target === "eks" && !parsed.data.eks) problems.push(`forja:eks is missing: expected at least forja:eks.accountId, the AWS account the stack deploys to`);
    const endpoint = parsed.data.eks;
    if (target === "eks" && endpoint && endpoint.publicAccessCidrs.length === 0 && !endpoint.privateEndpointOnly) {
      problems.push(`forja:eks.publicAccessCidrs is empty: expected the CIDRs \`pulumi up\` and CI run from, or forja:eks.privateEndpointOnly: true when they run inside the VPC`);
    }
    if (target === "eks" && endpoint && endpoint.publicAccessCidrs.length > 0 && endpoint.privateEndpointOnly) {
      problems.push(`forja:eks.publicAccessCidrs is set but forja:eks.privateEndpointOnly is true: choose one`);
    }
    problems.push(...genaiProblems(parsed.data.genai, target as string, Object.keys(parsed.data.services), parsed.data.genaiApiKey !== undefined));
    // Workloads told to use a model the stack's own Ollama never pulls would fail at their first request.
    const pulled = target === "aci" ? parsed.data.aci?.ollama?.models : parsed.data.ollama?.models;
    const genai = parsed.data.genai;
    if (pulled !== undefined && genai !== undefined && (genai.provider ?? (target === "eks" ? "bedrock" : "ollama")) === "ollama" && genai.baseUrl === undefined) {
      const model = genai.modelId ?? GENAI_DEFAULT_OLLAMA_MODEL;
      const where = target === "aci" ? "forja:aci.ollama.models" : "forja:ollama.models";
      if (!pulled.includes(model)) problems.push(`forja:genai.modelId = "${model}" is not in ${where} (${pulled.join(", ")}): the stack's Ollama would not have it`);
    }
    for (const [name, spec] of Object.entries(parsed.data.services)) {
      for (const variable of spec.secretEnv ?? []) {
        if (parsed.data.serviceSecrets[name]?.[variable] === undefined) {
          problems.push(`forja:services.${name}.secretEnv names ${variable} but forja:serviceSecrets.${name}.${variable} is not set: \`pulumi config set --secret --path 'serviceSecrets.${name}.${variable}' ...\``);
        }
      }
    }
  }
  if (problems.length > 0 || !parsed.success) throw new StackConfigError(problems);
  return toStackConfig(parsed.data, source, region, location);
}

/** Rules that need the rest of the config: where Milvus may run and what production demands of it. */
function milvusProblems(data: RawForja, target: Target | undefined): string[] {
  const milvus = data.milvus;
  if (!milvus) return [];
  const problems: string[] = [];
  const production = (data.environment ?? (target === "k3s" ? "development" : "production")) === "production";
  if (target === "aci") problems.push(`forja:milvus is set but forja:target is "aci": Milvus runs on the k3s and eks targets`);
  if (production && milvus.preset === MilvusPreset.Development) {
    problems.push(`forja:milvus.preset = "development" in a production stack: expected "production" (the development preset runs one etcd and one Kafka broker, no quorum)`);
  }
  if (production && milvus.protect === false) problems.push(`forja:milvus.protect = false in a production stack: expected true (the namespace, bucket and credentials hold production data)`);
  if (milvus.messageQueue === MilvusMessageQueue.ExternalKafka && !milvus.externalKafka) problems.push(`forja:milvus.externalKafka is missing: expected the brokers with messageQueue "external-kafka"`);
  return problems;
}

function toStackConfig(data: RawForja, source: ConfigSource, region?: string, location?: string): StackConfig {
  const services = Object.fromEntries(
    Object.entries(data.services).map(([name, spec]) => [
      name,
      { ...spec, secretEnv: Object.fromEntries((spec.secretEnv ?? []).map((v) => [v, pulumi.secret(data.serviceSecrets[name][v])])) },
    ]),
  );
  const base: BaseConfig = {
    project: source.project,
    stack: source.stack,
    environment: data.environment ?? (data.target === "k3s" ? "development" : "production"),
    namespace: data.namespace,
    tags: data.tags,
    genai: data.genai === undefined ? undefined : { ...data.genai, apiKey: data.genaiApiKey === undefined ? undefined : pulumi.secret(data.genaiApiKey) },
  };
  switch (data.target) {
    case "k3s":
      return {
        ...base,
        services,
        milvus: data.milvus,
        ollama: data.ollama,
        target: "k3s",
        k3s: data.k3s ?? k3sSection.parse({}),
        kubeconfig: data.kubeconfig === undefined ? undefined : pulumi.secret(data.kubeconfig),
      };
    case "eks": {
      const eks = data.eks as z.output<typeof eksSection>;
      const zones = eks.availabilityZones ?? ["a", "b", "c"].map((suffix) => `${region}${suffix}`);
      const registryCredentials = Object.fromEntries(
        Object.entries(data.registryCredentials).map(([upstream, c]) => [upstream, { username: pulumi.secret(c.username), accessToken: pulumi.secret(c.accessToken) }]),
      );
      return {
        ...base,
        services,
        milvus: data.milvus,
        ollama: data.ollama,
        target: "eks",
        region: region as string,
        eks: { ...eks, availabilityZones: zones, natGateways: eks.natGateways ?? (base.environment === "production" ? "per-az" : "single") },
        registryCredentials,
      };
    }
    case "aci":
      return { ...base, target: "aci", location: location as string, aci: data.aci ?? aciSection.parse({}) };
  }
}

/** Pulumi hands objects and arrays over as JSON text, scalars as plain text. */
function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = ["forja", ...issue.path.map(String)].join(".").replace(/^forja\./, "forja:");
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? "forja:" : `${key}.`;
    return issue.keys.map((k) => `${where}${k} is not a known key`).join("; ");
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues.map((i) => i.message).join("; ");
    return `${key.replace(/\.[^.]*$/, "")} has an invalid name ${JSON.stringify(issue.input)}: ${inner}`;
  }
  const given = "input" in issue ? ` = ${issue.input === undefined ? "(missing)" : JSON.stringify(issue.input)}` : "";
  const message = issue.message.replace(/^Invalid (option|input): /, "");
  return `${key}${given}: ${message}`;
}

/** Reads the running stack's config. The only place that touches Pulumi config. */
export function loadStackConfig(): StackConfig {
  const values = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(values).filter((key) => isSecretConfigKey(key));
  return parseStackConfig({ project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys });
}

function isSecretConfigKey(key: string): boolean {
  // The SDK keeps secret keys in an internal list; `Config.getSecret` does not
  // say whether a value was set as plain text, and we must refuse that case.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret?.(key) ?? false;
}

/**
 * The one reader of stack configuration. Everything below `components/` takes
 * typed args; this file turns `Pulumi.<stack>.yaml` into them, and reports every
 * bad key at once, with its path, the value given and what was expected.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export const TARGETS = ["eks", "k3s", "aci"] as const;
export type Target = (typeof TARGETS)[number];

export const ENVIRONMENTS = ["development", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Keys that hold credentials: accepted only when set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["forja:kubeconfig"] as const;

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

const eksSection = z
  .object({
    /** VPC CIDR; /16 leaves room for three private and three public subnets. @default "10.0.0.0/16" */
    vpcCidr: cidr.default("10.0.0.0/16"),
    /** CIDRs allowed to reach the public API endpoint; empty means private endpoint only. @default [] */
    publicAccessCidrs: z.array(cidr).default([]).refine((list) => !list.includes("0.0.0.0/0"), "0.0.0.0/0 opens the API server to the internet; list your own CIDRs"),
    /** Managed node group sizes. */
    nodes: nodeGroup.default({ instanceTypes: ["m6i.xlarge"], minSize: 3, maxSize: 6, desiredSize: 3, diskSizeGiB: 50 }),
  })
  .strict();

const aciSection = z
  .object({
    /** Resource group to create for the stack's Azure resources. @default "<project>-<stack>" */
    resourceGroupName: z.string().regex(/^[-\w._()]{1,89}[-\w_()]$/, "expected 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'").optional(),
  })
  .strict();

const forjaSchema = z
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
  })
  .strict();

type RawForja = z.output<typeof forjaSchema>;

interface BaseConfig {
  project: string;
  stack: string;
  environment: Environment;
  namespace: string;
  tags: Record<string, string>;
}
export interface K3sStackConfig extends BaseConfig {
  target: "k3s";
  k3s: z.output<typeof k3sSection>;
  /** Secret kubeconfig content, when given instead of a path. */
  kubeconfig?: pulumi.Output<string>;
}
export interface EksStackConfig extends BaseConfig {
  target: "eks";
  region: string;
  eks: z.output<typeof eksSection>;
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
  }
  if (problems.length > 0 || !parsed.success) throw new StackConfigError(problems);
  return toStackConfig(parsed.data, source, region, location);
}

function toStackConfig(data: RawForja, source: ConfigSource, region?: string, location?: string): StackConfig {
  const base: BaseConfig = {
    project: source.project,
    stack: source.stack,
    environment: data.environment ?? (data.target === "k3s" ? "development" : "production"),
    namespace: data.namespace,
    tags: data.tags,
  };
  switch (data.target) {
    case "k3s":
      return {
        ...base,
        target: "k3s",
        k3s: data.k3s ?? k3sSection.parse({}),
        kubeconfig: data.kubeconfig === undefined ? undefined : pulumi.secret(data.kubeconfig),
      };
    case "eks":
      return { ...base, target: "eks", region: region as string, eks: data.eks ?? eksSection.parse({}) };
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

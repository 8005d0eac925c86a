/**
 * `forja:eks` (EksCluster's args, with `accountId` and `imageMirror` for
 * ImageMirror's) and `forja:registryCredentials`. Defaults and enums come
 * from the components; tsc holds the keys to their args in both directions.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { ImageMirrorArgs, UpstreamName } from "../../components/image-mirror";
import { Upstream } from "../../components/image-mirror";
import { UPSTREAMS } from "../../components/image-mirror/defaults";
import { imageMirrorProblems } from "../../components/image-mirror/validate";
import type { EksClusterArgs, NodeGroupArgs } from "../../components/platform/eks";
import { EksWorkloadIdentity, NatGateways, NodeAutoscaler, TaintEffect } from "../../components/platform/eks";
import { EKS_DEFAULTS } from "../../components/platform/eks/defaults";
import { eksClusterProblems } from "../../components/platform/eks/validate";
import type { BaseConfig } from "./base";
import { stackTags } from "./base";
import { componentProblems, problem } from "./issues";
import { parseArn } from "../../components/aws/validate";
import { formatImage, mirrorImage, parseImage, unpinnedReason } from "../../components/core/images";
import type { AirflowConfig } from "./airflow";
import type { MlPlatformConfig } from "./mlplatform";
import type { MilvusConfig } from "./milvus";
import type { OllamaConfig } from "./ollama";
import type { ServiceSpec } from "./services";
import type { Assert, Fits, SameKeys } from "./types";

/** A component's `as const` enum object as a zod enum. */
const enumOf = <T extends Record<string, string>>(e: T) => z.enum(Object.values(e) as [T[keyof T], ...T[keyof T][]]);

export const UPSTREAM_NAMES = Object.values(Upstream) as [UpstreamName, ...UpstreamName[]];

const count = z.number().int();

/** One managed node group: NodeGroupArgs. */
const nodeGroup = z
  .object({
    /** Instance types of one architecture. @default ["m6i.xlarge"] */
    instanceTypes: z.array(z.string()).optional(),
    minSize: count.optional(),
    desiredSize: count.optional(),
    maxSize: count.optional(),
    /** Root volume size in GiB. */
    diskSizeGiB: count.optional(),
    labels: z.record(z.string(), z.string()).optional(),
    taints: z.array(z.object({ key: z.string(), value: z.string().optional(), effect: enumOf(TaintEffect) }).strict()).optional(),
    gpu: z.boolean().optional(),
  })
  .strict();
export type NodeGroupFitsNodeGroupArgs = Assert<Fits<z.output<typeof nodeGroup>, NodeGroupArgs>>;
export type NodeGroupKeysMatch = Assert<SameKeys<keyof z.output<typeof nodeGroup>, keyof NodeGroupArgs>>;

/** An existing VPC: ExistingNetworkArgs. */
const network = z
  .object({
    vpcId: z.string(),
    vpcCidr: z.string(),
    privateSubnetIds: z.array(z.string()),
    publicSubnetIds: z.array(z.string()).optional(),
    egressIps: z.array(z.string()).optional(),
  })
  .strict();

const imageMirrorSection = z
  .object({
    /** Public registries cached through ECR. @default every one that has a credential, plus quay, k8s and ecr-public */
    upstreams: z.array(z.enum(UPSTREAM_NAMES)).optional(),
    /** Private images copied into ECR once, e.g. icr.io/mjc-cr/mmjc-airflow-service. @default [] */
    privateRepositories: z.array(z.string()).default([]),
    /** ECR repository name per private repository. @default the source path without its registry host */
    repositoryNames: z.record(z.string(), z.string()).optional(),
    /** Existing Secrets Manager secrets (named ecr-pullthroughcache/...) per upstream: the credential never passes through Pulumi state. @default {} */
    credentialArns: z.partialRecord(z.enum(UPSTREAM_NAMES), z.string()).default({}),
    /** Own the account's registry scanning configuration. @default true */
    manageRegistryScanning: z.boolean().optional(),
    /** KMS key for the repositories. @default a new key with yearly rotation */
    kmsKeyArn: z.string().optional(),
    /** Images kept per cached repository. @default 30 */
    keepImages: count.optional(),
    /** Days before untagged images expire. @default 7 */
    untaggedDays: count.optional(),
  })
  .strict();

export const eksSection = z
  .object({
    /** The AWS account the stack may deploy to: the provider refuses any other, and ECR lives there. */
    accountId: z.union([z.string(), z.number()], { error: "expected the 12-digit AWS account id, quoted" }).transform(String),
    /** @default ["<region>a", "<region>b", "<region>c"] */
    availabilityZones: z.array(z.string()).optional(),
    /** Bring your own VPC instead of creating one. @default a new VPC */
    network: network.optional(),
    /** @default "per-az" in production, "single" otherwise */
    natGateways: enumOf(NatGateways).optional(),
    /** EKS Kubernetes version, e.g. "1.35". @default the version Forja pins */
    kubernetesVersion: z.string().optional(),
    /** How pods get AWS roles. @default "irsa" */
    workloadIdentity: enumOf(EksWorkloadIdentity).optional(),
    /** IAM roles granted cluster admin. @default [] */
    adminRoleArns: z.array(z.string()).default([]),
    /** ECR pull-through cache and private repositories; every image pulls through it. @default enabled */
    imageMirror: imageMirrorSection.default({ privateRepositories: [], credentialArns: {} }),
    /** VPC CIDR; /16 leaves room for three private and three public subnets. @default "10.0.0.0/16" (unset with network) */
    vpcCidr: z.string().optional(),
    /** CIDRs allowed to reach the public API endpoint: where `pulumi up` and CI run. Required unless privateEndpointOnly. */
    publicAccessCidrs: z.array(z.string()).default([]),
    /** No public API endpoint: deployments run from inside the VPC. @default false */
    privateEndpointOnly: z.boolean().default(EKS_DEFAULTS.privateEndpointOnly),
    /** VPC flow logs to CloudWatch. @default true */
    flowLogs: z.boolean().optional(),
    /** Helm repository (a mirror) of the cluster's add-on charts (ALB controller, Cluster Autoscaler, NVIDIA device plugin). @default each chart's upstream repository */
    chartRepository: z.string().optional(),
    /** What grows and shrinks the node groups between minSize and maxSize. @default "cluster-autoscaler" */
    nodeAutoscaler: enumOf(NodeAutoscaler).optional(),
    /** Values merged over Forja's for the cluster-autoscaler chart. @default {} */
    clusterAutoscalerValues: z.record(z.string(), z.unknown()).optional(),
    /** Values merged over Forja's for the ALB controller chart. @default {} */
    albControllerValues: z.record(z.string(), z.unknown()).optional(),
    /** Managed node groups by name. @default { general: 3-6 m6i.xlarge nodes } */
    nodeGroups: z.record(z.string(), nodeGroup).optional(),
    /** The one default node group (the `general` group): kept for stack files written before nodeGroups. @default 3-6 m6i.xlarge nodes */
    nodes: nodeGroup.optional(),
  })
  .strict();
type EksSection = z.output<typeof eksSection>;

/** Keys of forja:eks that feed ImageMirror rather than EksCluster. */
const MIRROR_KEYS = ["accountId", "imageMirror"] as const;
type MirrorKeys = (typeof MIRROR_KEYS)[number];

function omit<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !(keys as readonly PropertyKey[]).includes(key))) as Omit<T, K>;
}
/** EksCluster args the program supplies. */
type ClusterSupplied = "region" | "nodeRolePolicies" | "imageMirrors" | "protect" | "tags";
/** `nodes` is the `general` entry of `nodeGroups`. */
type ClusterTransformed = "nodes";
type ClusterKeys = Exclude<keyof EksSection, MirrorKeys | ClusterTransformed>;
export type EksKeysMatchEksCluster = Assert<SameKeys<ClusterKeys | ClusterSupplied, keyof EksClusterArgs>>;
export type EksFitsEksCluster = Assert<Fits<Pick<EksSection, ClusterKeys>, Partial<Pick<EksClusterArgs, ClusterKeys>>>>;

type MirrorSection = EksSection["imageMirror"];
/** ImageMirror args the program supplies; `credentialArns` (with forja:registryCredentials) becomes `credentials`. */
type MirrorSupplied = "accountId" | "region" | "credentials" | "protect" | "tags";
export type ImageMirrorKeysMatchImageMirror = Assert<SameKeys<Exclude<keyof MirrorSection, "credentialArns"> | MirrorSupplied, keyof ImageMirrorArgs>>;
export type ImageMirrorFitsImageMirror = Assert<Fits<Omit<MirrorSection, "credentialArns">, Partial<ImageMirrorArgs>>>;

const credential = z.object({ username: z.string(), accessToken: z.string() }).strict();
/** Upstream registry credentials for the ECR cache (secret): { docker-hub: { username, accessToken } }. @default {} */
export const registryCredentialsSchema = z.partialRecord(z.enum(UPSTREAM_NAMES), credential).default({});

export interface RegistryCredential {
  username: pulumi.Output<string>;
  accessToken: pulumi.Output<string>;
}

export interface EksStackConfig extends BaseConfig {
  target: "eks";
  region: string;
  eks: EksSection & { availabilityZones: string[]; natGateways: NatGateways };
  registryCredentials: Partial<Record<UpstreamName, RegistryCredential>>;
  services: Record<string, ServiceSpec>;
  milvus?: MilvusConfig;
  ollama?: OllamaConfig;
  airflow?: AirflowConfig;
  mlplatform?: MlPlatformConfig;
}

/** Section defaults that depend on other keys: zones from the region, NAT per AZ in production. */
export function resolveEks(section: EksSection, region: string, production: boolean): EksStackConfig["eks"] {
  return {
    ...section,
    availabilityZones: section.availabilityZones ?? ["a", "b", "c"].map((suffix) => `${region}${suffix}`),
    natGateways: section.natGateways ?? (production ? NatGateways.PerAz : NatGateways.Single),
  };
}

/** `forja:eks.nodes` is the default group; `forja:eks.nodeGroups` names them all. */
function nodeGroups(section: EksSection): EksClusterArgs["nodeGroups"] {
  if (section.nodes === undefined) return section.nodeGroups;
  return { ...section.nodeGroups, [EKS_DEFAULTS.nodeGroupName]: section.nodes };
}

export function imageMirrorArgs(config: EksStackConfig): ImageMirrorArgs {
  // `?? {}`: a section zod refused arrives raw, and the components still check it.
  const { credentialArns, ...mirror } = config.eks.imageMirror ?? {};
  const credentials: ImageMirrorArgs["credentials"] = {};
  for (const [upstream, credentialArn] of Object.entries(credentialArns ?? {}) as [UpstreamName, string][]) credentials[upstream] = { credentialArn };
  for (const [upstream, c] of Object.entries(config.registryCredentials ?? {}) as [UpstreamName, RegistryCredential][]) credentials[upstream] = c;
  return { ...mirror, accountId: config.eks.accountId, region: config.region, credentials, protect: config.environment === "production", tags: stackTags(config) };
}

/** EksCluster's args; `wiring` is what other components of the stack provide. */
export function eksClusterArgs(config: EksStackConfig, wiring: Pick<EksClusterArgs, "nodeRolePolicies" | "imageMirrors">): EksClusterArgs {
  return {
    ...omit(config.eks, [...MIRROR_KEYS, "nodes"]),
    nodeGroups: nodeGroups(config.eks),
    ...wiring,
    region: config.region,
    protect: config.environment === "production",
    tags: stackTags(config),
  };
}

/** Where each ImageMirror argument comes from: credentials from credentialArns or forja:registryCredentials. */
export function mirrorKeys(config: EksStackConfig): [string, string][] {
  const table: [string, string][] = [
    ["", "forja:eks.imageMirror"],
    ["accountId", "forja:eks.accountId"],
    ["region", "aws:region"],
    ["protect", "forja:environment"],
    ["credentials", "forja:eks.imageMirror.credentialArns"],
  ];
  for (const upstream of UPSTREAM_NAMES) {
    if (config.registryCredentials?.[upstream] !== undefined) table.push([`credentials.${upstream}`, `forja:registryCredentials.${upstream}`]);
    table.push([`credentials.${upstream}.credentialArn`, `forja:eks.imageMirror.credentialArns.${upstream}`]);
  }
  return table;
}

/** Where each EksCluster argument comes from. */
export function clusterKeys(config: EksStackConfig): [string, string][] {
  const table: [string, string][] = [
    ["", "forja:eks"],
    ["region", "aws:region"],
    ["protect", "forja:environment"],
    ["imageMirrors", "forja:eks.imageMirror"],
    ["nodeRolePolicies", "forja:eks.imageMirror"],
  ];
  if (config.eks.nodes !== undefined) table.push([`nodeGroups.${EKS_DEFAULTS.nodeGroupName}`, "forja:eks.nodes"]);
  return table;
}

/** Tags are checked once, as forja:tags, against everything the stack adds (see base.ts). */
const isTagArgument = (argument: string) => argument === "tags" || argument.startsWith("tags.");

/**
 * ImageMirror's and EksCluster's rules on the args the program passes.
 * `skipRegion` when aws:region is missing (already reported on its own).
 */
export function eksProblems(config: EksStackConfig, wiring: Pick<EksClusterArgs, "nodeRolePolicies" | "imageMirrors">, isSecret: (path: string) => boolean, skipRegion = false): string[] {
  const skip = (argument: string) => isTagArgument(argument) || (skipRegion && argument === "region");
  const problems: string[] = [];
  if (config.eks.nodes !== undefined && config.eks.nodeGroups?.[EKS_DEFAULTS.nodeGroupName] !== undefined) {
    problems.push(`forja:eks.nodes and forja:eks.nodeGroups.${EKS_DEFAULTS.nodeGroupName} are both set: expected one (nodes is the ${EKS_DEFAULTS.nodeGroupName} group)`);
  }
  for (const upstream of UPSTREAM_NAMES) {
    if (config.eks.imageMirror?.credentialArns?.[upstream] !== undefined && config.registryCredentials?.[upstream] !== undefined) {
      problems.push(`forja:eks.imageMirror.credentialArns.${upstream} and forja:registryCredentials.${upstream} are both set: expected one credential per upstream (an existing secret's ARN, or a username and token to store)`);
    }
  }
  return [
    ...problems,
    ...componentProblems(imageMirrorProblems(imageMirrorArgs(config)), mirrorKeys(config), isSecret, skip),
    ...componentProblems(eksClusterProblems(eksClusterArgs(config, wiring)), clusterKeys(config), isSecret, skip),
  ];
}

/**
 * Every image of a private registry a stack file names must come through the
 * stack's mirror on EKS (the README's promise: nodes pull private images from
 * ECR only). One whose repository is not in privateRepositories would be
 * pulled from its registry directly, with no credential and no copy.
 */
export function mirrorEscapes(config: EksStackConfig, mirrors: Record<string, string>): string[] {
  const images: [string, unknown][] = [
    ...Object.entries(config.services).map(([name, spec]) => [`forja:services.${name}.image`, spec.image] as [string, unknown]),
    ["forja:airflow.image", config.airflow?.image],
  ];
  const problems: string[] = [];
  for (const [key, image] of images) {
    if (typeof image !== "string" || unpinnedReason(image) !== undefined) continue;
    const parsed = parseImage(image);
    if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(parsed.registry)) continue;
    if (mirrorImage(image, mirrors) !== formatImage(parsed)) continue;
    // A public upstream left uncached (no credential) is pulled from upstream by choice; a private registry nobody listed is the mistake.
    if (Object.values(UPSTREAMS).some((upstream) => upstream.registry === parsed.registry)) continue;
    const repository = `${parsed.registry}/${parsed.repository}`;
    problems.push(problem(key, image, `an image the stack's mirror serves: ${parsed.registry} is a private registry and "${repository}" is not in forja:eks.imageMirror.privateRepositories, so nodes would pull it from ${parsed.registry} directly (no credential, no copy in ECR); add it to privateRepositories`));
  }
  return problems;
}

/**
 * An ACM certificate must be in the stack's account: an ALB cannot use a
 * certificate another account owns (ACM does not share certificates), and
 * the listener would fail at `pulumi up`. The region is WebService's and
 * Airflow's own rule.
 */
export function certificateAccountProblems(config: EksStackConfig): string[] {
  const certificates: [string, unknown][] = [
    ...Object.entries(config.services).map(([name, spec]) => [`forja:services.${name}.ingress.certificateArn`, spec.ingress?.certificateArn] as [string, unknown]),
    ["forja:airflow.ingress.certificateArn", config.airflow?.ingress?.certificateArn],
  ];
  return certificates.flatMap(([key, arn]) => {
    const account = typeof arn === "string" ? parseArn(arn)?.account : undefined;
    return account !== undefined && account !== "" && account !== config.eks.accountId
      ? [problem(key, arn, `a certificate of account ${config.eks.accountId} (forja:eks.accountId): ACM certificates are not shared across accounts, so the ALB could not use one of ${account}`)]
      : [];
  });
}

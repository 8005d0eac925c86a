/** Every rule EksCluster's args must satisfy, collected (the stack config reports them all; the component throws the first). */
import { chartRepositoryReason } from "../../helm/chart";
import type { ForjaArgumentError } from "../../core/errors";
import { coversInternet, isNonPublicCidr, isUnroutableCidr, parseCidr } from "../../core/network";
import { AWS_TAG_LIMITS, ArgumentProblems, checkTags, enumReason, expectShape, isKnown, isRecord, tagProblems } from "../../core/validate";
import { awsPartition } from "../../aws/iam";
import { availabilityZoneReason, awsRegionReason, iamRoleArnReason, parseArn } from "../../aws/validate";
import type { EksClusterArgs, NodeGroupArgs } from "./args";
import { EKS_DEFAULTS } from "./defaults";
import { EksWorkloadIdentity, NatGateways, NodeAutoscaler } from "./args";
import { subnetLayout } from "./network";
import { defaultArchitecture, nodeGroupPlans } from "./values";
import type { NodeGroupPlan } from "./values";

const COMPONENT = "EksCluster";

/** Every EksCluster argument; both directions are checked against EksClusterArgs at compile time. */
export const EKS_CLUSTER_ARGUMENTS = [
  "region",
  "availabilityZones",
  "vpcCidr",
  "network",
  "natGateways",
  "kubernetesVersion",
  "publicAccessCidrs",
  "privateEndpointOnly",
  "adminRoleArns",
  "nodeGroups",
  "nodeRolePolicies",
  "nodeAutoscaler",
  "clusterAutoscalerValues",
  "workloadIdentity",
  "imageMirrors",
  "flowLogs",
  "protect",
  "chartRepository",
  "albControllerValues",
  "tags",
] as const satisfies readonly (keyof EksClusterArgs)[];
export const everyEksClusterArgumentListed: Exclude<keyof EksClusterArgs, (typeof EKS_CLUSTER_ARGUMENTS)[number]> extends never ? true : never = true;

/** Tags EksCluster adds to what it is given. */
export const EKS_CLUSTER_ADDED_TAGS = ["forja:cluster", "Name"];
/** EKS quota: CIDR blocks on the public endpoint. */
const MAX_PUBLIC_ACCESS_CIDRS = 40;

type Args = Record<string, unknown>;

export function eksClusterProblems(input: EksClusterArgs): ForjaArgumentError[] {
  const p = new ArgumentProblems(COMPONENT);
  if (!isRecord(input)) {
    p.add("args", input, "an object with at least region, availabilityZones and publicAccessCidrs (or privateEndpointOnly)");
    return p.errors;
  }
  const args = input as unknown as Args;
  for (const key of Object.keys(args)) {
    if (!(EKS_CLUSTER_ARGUMENTS as readonly string[]).includes(key)) p.add(key, args[key], `an EksCluster argument (one of ${EKS_CLUSTER_ARGUMENTS.join(", ")})`);
  }
  const region = typeof args.region === "string" && awsRegionReason(args.region) === undefined ? args.region : undefined;
  p.check("region", args.region, awsRegionReason(args.region));

  if (!Array.isArray(args.availabilityZones) || args.availabilityZones.length < 2 || args.availabilityZones.length > 3) {
    p.add("availabilityZones", args.availabilityZones, "2 or 3 zones of the region");
  } else {
    const zones = args.availabilityZones as unknown[];
    if (region) zones.forEach((zone, i) => p.check(`availabilityZones[${i}]`, zone, availabilityZoneReason(zone, region)));
    if (new Set(zones).size !== zones.length) p.add("availabilityZones", zones, "distinct zones");
  }

  checkNetwork(p, args);
  if (args.natGateways !== undefined) p.check("natGateways", args.natGateways, enumReason(args.natGateways, NatGateways));
  if (args.workloadIdentity !== undefined) p.check("workloadIdentity", args.workloadIdentity, enumReason(args.workloadIdentity, EksWorkloadIdentity));
  if (args.nodeAutoscaler !== undefined) p.check("nodeAutoscaler", args.nodeAutoscaler, enumReason(args.nodeAutoscaler, NodeAutoscaler));
  if (args.kubernetesVersion !== undefined && (typeof args.kubernetesVersion !== "string" || !/^1\.\d{2}$/.test(args.kubernetesVersion))) {
    p.add("kubernetesVersion", args.kubernetesVersion, 'an EKS Kubernetes version such as "1.35" (a string: 1.30 as a number is 1.3)');
  }
  for (const flag of ["privateEndpointOnly", "flowLogs", "protect"] as const) expectShape(p, flag, args[flag], "boolean");
  checkEndpoint(p, args);
  checkAdmins(p, args.adminRoleArns, region);
  checkNodeGroups(p, args.nodeGroups);
  expectShape(p, "albControllerValues", args.albControllerValues, "object");
  if (expectShape(p, "clusterAutoscalerValues", args.clusterAutoscalerValues, "object") && args.nodeAutoscaler === NodeAutoscaler.None) {
    p.add("clusterAutoscalerValues", args.clusterAutoscalerValues, 'unset when nodeAutoscaler is "none" (no autoscaler is installed)');
  }
  if (expectShape(p, "nodeRolePolicies", args.nodeRolePolicies, "object")) {
    for (const [name, policy] of Object.entries(args.nodeRolePolicies as Args)) {
      if (!/^[\w+=,.@-]{1,64}$/.test(name)) p.add(`nodeRolePolicies.${name}`, name, "a policy name of at most 64 letters, digits and _+=,.@-");
      if (policy === undefined || (isKnown(policy) && typeof policy !== "string")) p.add(`nodeRolePolicies.${name}`, policy, "an IAM policy document as JSON text");
    }
  }
  if (expectShape(p, "imageMirrors", args.imageMirrors, "object")) {
    for (const [prefix, mirror] of Object.entries(args.imageMirrors as Args)) if (typeof mirror !== "string" || mirror === "") p.add(`imageMirrors.${prefix}`, mirror, "the mirror prefix, a string");
  }
  const repositoryReason = args.chartRepository === undefined ? undefined : chartRepositoryReason(args.chartRepository);
  if (repositoryReason) p.add("chartRepository", args.chartRepository, repositoryReason);
  checkTags(p, "tags", tagProblems(args.tags, AWS_TAG_LIMITS, EKS_CLUSTER_ADDED_TAGS));
  return p.errors;
}

/** The public endpoint: who may reach the API server, in any spelling of an address. */
function checkEndpoint(p: ArgumentProblems, args: Args): void {
  const cidrs = args.publicAccessCidrs;
  if (cidrs !== undefined && !Array.isArray(cidrs)) {
    p.add("publicAccessCidrs", cidrs, "a list of CIDRs");
    return;
  }
  const list = (cidrs ?? []) as unknown[];
  if (args.privateEndpointOnly === true && list.length > 0) p.add("publicAccessCidrs", list, "none when privateEndpointOnly is true");
  if (args.privateEndpointOnly !== true && list.length === 0) {
    p.add("publicAccessCidrs", list, "the CIDRs `pulumi up` runs from, or privateEndpointOnly: true when it runs inside the VPC");
  }
  if (list.length > MAX_PUBLIC_ACCESS_CIDRS) p.add("publicAccessCidrs", `${list.length} CIDRs`, `at most ${MAX_PUBLIC_ACCESS_CIDRS} (the EKS limit)`);
  const seen = new Set<string>();
  list.forEach((cidr, i) => {
    const parsed = typeof cidr === "string" ? parseCidr(cidr) : undefined;
    if (!parsed || parsed.version !== 4) return p.add(`publicAccessCidrs[${i}]`, cidr, "an IPv4 CIDR such as 203.0.113.0/24");
    if (coversInternet([cidr as string])) return;
    if (parsed.cidr !== cidr) p.add(`publicAccessCidrs[${i}]`, cidr, `the network address ${parsed.cidr}`);
    else if (isNonPublicCidr(parsed.cidr)) p.add(`publicAccessCidrs[${i}]`, cidr, "a public address block: the public endpoint never sees private, loopback or link-local sources (use privateEndpointOnly for access from inside the VPC)");
    if (seen.has(parsed.cidr)) p.add(`publicAccessCidrs[${i}]`, cidr, "each CIDR once");
    seen.add(parsed.cidr);
  });
  const strings = list.filter((c): c is string => typeof c === "string");
  if (coversInternet(strings)) {
    p.add("publicAccessCidrs", list, "your own CIDRs: 0.0.0.0/0 opens the API server to the internet (together these cover every address)");
  }
}

function checkAdmins(p: ArgumentProblems, arns: unknown, region: string | undefined): void {
  if (!expectShape(p, "adminRoleArns", arns, "list")) return;
  const seen = new Set<unknown>();
  (arns as unknown[]).forEach((arn, i) => {
    if (!isKnown(arn)) return;
    p.check(`adminRoleArns[${i}]`, arn, iamRoleArnReason(arn));
    const parsed = parseArn(arn);
    if (parsed && region && parsed.partition !== awsPartition(region)) p.add(`adminRoleArns[${i}]`, arn, `a role of the ${awsPartition(region)} partition, where ${region} is`);
    if (seen.has(arn)) p.add(`adminRoleArns[${i}]`, arn, "each role once (one access entry per principal)");
    seen.add(arn);
  });
}

/** A VPC of Forja's own (vpcCidr, zones a-c) or one brought in (network). */
function checkNetwork(p: ArgumentProblems, args: Args): void {
  const zones = Array.isArray(args.availabilityZones) ? (args.availabilityZones as string[]) : [];
  if (args.network === undefined) {
    if (args.vpcCidr !== undefined && (typeof args.vpcCidr !== "string" || !parseCidr(args.vpcCidr))) p.add("vpcCidr", args.vpcCidr, "an IPv4 CIDR from /16 to /20");
    else if (typeof args.vpcCidr === "string" && isUnroutableCidr(args.vpcCidr)) p.add("vpcCidr", args.vpcCidr, "a private range such as 10.0.0.0/16 (loopback, link-local, multicast and reserved blocks cannot hold a VPC)");
    else if (zones.length >= 2 && zones.length <= 3) p.capture(() => subnetLayout((args.vpcCidr as string | undefined) ?? EKS_DEFAULTS.vpcCidr, zones));
    return;
  }
  if (!isRecord(args.network)) return p.add("network", args.network, "the existing VPC: vpcId, vpcCidr and privateSubnetIds");
  const n = args.network;
  if (args.vpcCidr !== undefined) p.add("vpcCidr", args.vpcCidr, "unset when network is given (the network's own CIDR is network.vpcCidr)");
  if (n.vpcId === undefined) p.add("network.vpcId", undefined, "the existing VPC's id");
  else if (typeof n.vpcId === "string" && !/^vpc-[0-9a-f]{8,17}$/.test(n.vpcId)) p.add("network.vpcId", n.vpcId, "a VPC id such as vpc-0123456789abcdef0");
  const cidr = typeof n.vpcCidr === "string" ? parseCidr(n.vpcCidr) : undefined;
  if (!cidr || cidr.version !== 4) p.add("network.vpcCidr", n.vpcCidr, "the existing VPC's IPv4 CIDR");
  else if (cidr.cidr !== n.vpcCidr) p.add("network.vpcCidr", n.vpcCidr, `the network address ${cidr.cidr}`);
  else if (coversInternet([n.vpcCidr as string]) || cidr.prefix < 16 || isUnroutableCidr(cidr.cidr)) p.add("network.vpcCidr", n.vpcCidr, "a VPC CIDR of /16 or narrower (AWS VPCs are /16 to /28; routed traffic is admitted from it)");
  for (const list of ["privateSubnetIds", "publicSubnetIds"] as const) {
    const ids = n[list];
    if (ids === undefined && list === "publicSubnetIds") continue;
    if (!Array.isArray(ids) || (list === "privateSubnetIds" && ids.length < 2)) {
      p.add(`network.${list}`, ids, list === "privateSubnetIds" ? "a private subnet in at least 2 zones" : "a list of subnet ids");
      continue;
    }
    ids.forEach((id, i) => {
      if (typeof id === "string" && !/^subnet-[0-9a-f]{8,17}$/.test(id)) p.add(`network.${list}[${i}]`, id, "a subnet id such as subnet-0123456789abcdef0");
    });
    if (new Set(ids).size !== ids.length) p.add(`network.${list}`, ids, "each subnet once");
  }
  if (n.egressIps !== undefined && (!Array.isArray(n.egressIps) || n.egressIps.some((ip) => typeof ip !== "string" || !parseCidr(`${ip}/32`)))) {
    p.add("network.egressIps", n.egressIps, "a list of IPv4 addresses");
  }
}

/** Each group on its own (one bad group does not hide another's problem), then the rule across groups. */
function checkNodeGroups(p: ArgumentProblems, groups: unknown): void {
  if (!expectShape(p, "nodeGroups", groups, "object")) {
    p.capture(() => defaultArchitecture(nodeGroupPlans({} as EksClusterArgs)));
    return;
  }
  const entries = Object.entries(groups as Args);
  if (entries.length === 0) return p.add("nodeGroups", groups, "at least one node group");
  const plans: NodeGroupPlan[] = [];
  for (const [name, group] of entries) {
    if (group !== undefined && !isRecord(group)) {
      p.add(`nodeGroups.${name}`, group, "a node group: instanceTypes, sizes, labels, taints, gpu");
      continue;
    }
    for (const key of Object.keys(group ?? {})) {
      if (!(NODE_GROUP_KEYS as readonly string[]).includes(key)) p.add(`nodeGroups.${name}.${key}`, (group as Args)[key], `a node group setting (one of ${NODE_GROUP_KEYS.join(", ")})`);
    }
    const before = p.errors.length;
    p.capture(() => plans.push(...nodeGroupPlans({ nodeGroups: { [name]: group ?? {} } } as unknown as EksClusterArgs)));
    if (p.errors.length > before) continue;
    const types = (group as { instanceTypes?: unknown } | undefined)?.instanceTypes;
    if (Array.isArray(types) && new Set(types).size !== types.length) p.add(`nodeGroups.${name}.instanceTypes`, types, "each instance type once");
    const max = plans[plans.length - 1].maxSize;
    if (max > MAX_NODES_PER_GROUP) p.add(`nodeGroups.${name}.maxSize`, max, `at most ${MAX_NODES_PER_GROUP} nodes (the EKS managed node group limit)`);
  }
  if (plans.length === entries.length) p.capture(() => defaultArchitecture(plans));
}

/** Settings a node group takes (NodeGroupArgs), for JavaScript callers' typos. */
const NODE_GROUP_KEYS = ["instanceTypes", "minSize", "desiredSize", "maxSize", "diskSizeGiB", "labels", "taints", "gpu"] as const satisfies readonly (keyof NodeGroupArgs)[];
export const everyNodeGroupSettingListed: Exclude<keyof NodeGroupArgs, (typeof NODE_GROUP_KEYS)[number]> extends never ? true : never = true;
/** EKS quota: nodes per managed node group. */
const MAX_NODES_PER_GROUP = 450;

/** Every rule of EksClusterArgs; the first problem is thrown. */
export function validateEksCluster(args: EksClusterArgs): void {
  const [first] = eksClusterProblems(args);
  if (first) throw first;
}

import type * as pulumi from "@pulumi/pulumi";

/** NAT layout: one gateway per AZ survives an AZ outage; a single one is cheaper (dev). */
export const NatGateways = { PerAz: "per-az", Single: "single" } as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];

/** How pods get AWS roles. IRSA works for everything (Milvus's storage layer needs it); Pod Identity is simpler. */
export const EksWorkloadIdentity = { Irsa: "irsa", PodIdentity: "pod-identity" } as const;
export type EksWorkloadIdentity = (typeof EksWorkloadIdentity)[keyof typeof EksWorkloadIdentity];

/**
 * What adds and removes nodes. The Cluster Autoscaler scales the managed node
 * groups between their minSize and maxSize; `none` keeps each group at its
 * desiredSize.
 */
export const NodeAutoscaler = { ClusterAutoscaler: "cluster-autoscaler", None: "none" } as const;
export type NodeAutoscaler = (typeof NodeAutoscaler)[keyof typeof NodeAutoscaler];

/** What a node taint does to pods that do not tolerate it (EKS API spelling). */
export const TaintEffect = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" } as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

export interface NodeTaint {
  /** Taint key. */
  key: string;
  /** @default "" */
  value?: string;
  effect: TaintEffect;
}

export interface NodeGroupArgs {
  /** Instance types of one architecture (Graviton `g` families are arm64). @default ["m6i.xlarge"] */
  instanceTypes?: string[];
  /** Integer. @default 3 */
  minSize?: number;
  /** Integer: the size at creation; with an autoscaler it then owns the size (raise minSize to force more nodes). @default 3 */
  desiredSize?: number;
  /** Integer. @default 6 */
  maxSize?: number;
  /** Root volume in GiB, integer (encrypted gp3). @default 50 */
  diskSizeGiB?: number;
  /** Node labels (every group also gets `forja/node-group: <name>`). @default {} */
  labels?: Record<string, string>;
  /** Taints: only pods that tolerate them land here. @default none; GPU groups get nvidia.com/gpu=true:NO_SCHEDULE */
  taints?: NodeTaint[];
  /** NVIDIA GPU nodes (accelerated AMI, device plugin installed). @default true when every instance type is a GPU family (g4dn, g5, g6, p4d, p5...) */
  gpu?: boolean;
}

/** A VPC made elsewhere: Forja then creates no VPC, subnets, gateways or flow logs. */
export interface ExistingNetworkArgs {
  /** The VPC to create the cluster in. */
  vpcId: pulumi.Input<string>;
  /** The VPC's CIDR: routed ALB traffic is admitted from it. */
  vpcCidr: string;
  /** Private subnets (one per zone, routed to a NAT): nodes and internal load balancers. */
  privateSubnetIds: pulumi.Input<string>[];
  /** Public subnets for internet-facing load balancers. @default [] (internal load balancers only) */
  publicSubnetIds?: pulumi.Input<string>[];
  /** The network's static egress addresses, if it has them (reported as egressIps). @default [] */
  egressIps?: string[];
}

export interface EksClusterArgs {
  /** AWS region, e.g. us-east-1. */
  region: string;
  /**
   * Two or three availability zones of the region whose letter is a, b or c
   * (e.g. ["us-east-1a", "us-east-1b", "us-east-1c"]): each zone's subnets
   * are cut from a fixed slot of the VPC by its letter, so reordering zones
   * never moves a subnet.
   */
  availabilityZones: string[];
  /** VPC CIDR, /16 to /20. @default "10.0.0.0/16" */
  vpcCidr?: string;
  /** Bring your own VPC instead of creating one. @default a new VPC */
  network?: ExistingNetworkArgs;
  /** @default "per-az" */
  natGateways?: NatGateways;
  /** @default "1.35" */
  kubernetesVersion?: string;
  /**
   * CIDRs allowed to the public API endpoint (where `pulumi up` and CI run).
   * @default none: required unless privateEndpointOnly
   */
  publicAccessCidrs?: string[];
  /**
   * No public API endpoint at all. Only for deployments run from inside the
   * VPC (a runner or bastion there): the same `pulumi up` must reach the API
   * server to install add-ons. @default false
   */
  privateEndpointOnly?: boolean;
  /** IAM roles granted cluster admin through access entries. @default [] */
  adminRoleArns?: pulumi.Input<string>[];
  /** Managed node groups by name, e.g. `system`, `workloads`, `gpu`. @default { general: 3-6 m6i.xlarge nodes with 50 GiB disks } */
  nodeGroups?: Record<string, NodeGroupArgs>;
  /** Extra inline policies (JSON) for the node role by a stable name, e.g. `{ "image-mirror": mirror.nodePolicyJson }`. @default {} */
  nodeRolePolicies?: Record<string, pulumi.Input<string>>;
  /**
   * Node capacity that follows demand: the Cluster Autoscaler adds nodes
   * (up to each group's maxSize) when pods cannot be scheduled and removes
   * idle ones (down to minSize). @default "cluster-autoscaler"
   */
  nodeAutoscaler?: NodeAutoscaler;
  /** Values for the cluster-autoscaler chart, merged over Forja's (`any`: the schema analyzer rejects `unknown`). @default {} */
  clusterAutoscalerValues?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** @default "irsa" */
  workloadIdentity?: EksWorkloadIdentity;
  /** Registry mirrors every image is rewritten through (ImageMirror.mirrors): upstream prefix -> mirror prefix. @default {} */
  imageMirrors?: Record<string, string>;
  /** Record every VPC flow (accepted and rejected) in CloudWatch Logs for 90 days. @default true */
  flowLogs?: boolean;
  /** This holds data: refuse to destroy the control plane, its secrets key and the egress IPs. @default true */
  protect?: boolean;
  /** Helm repository (a mirror) of the cluster's add-on charts: ALB controller, Cluster Autoscaler, NVIDIA device plugin. @default each chart's upstream repository */
  chartRepository?: string;
  /** Values for the ALB controller chart, merged over Forja's (`any`: the schema analyzer rejects `unknown`). @default {} */
  albControllerValues?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** @default {} */
  tags?: Record<string, string>;
}

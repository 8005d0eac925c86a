import type * as pulumi from "@pulumi/pulumi";
import type { RegistryMirrors } from "../../core/images";

export interface NodeGroupArgs {
  /** amd64 instance types only: Kafka/ZooKeeper images are amd64-only. @default ["m6i.xlarge"] */
  instanceTypes?: string[];
  /** @default 3 */
  minSize?: number;
  /** @default 3 */
  desiredSize?: number;
  /** @default 6 */
  maxSize?: number;
  /** Root volume in GiB (encrypted). @default 50 */
  diskSizeGiB?: number;
}

export interface EksClusterArgs {
  /** AWS region, e.g. us-east-1. */
  region: string;
  /** Two or three availability zones of the region, e.g. ["us-east-1a", "us-east-1b", "us-east-1c"]. */
  availabilityZones: string[];
  /** VPC CIDR, /16 to /20. @default "10.0.0.0/16" */
  vpcCidr?: string;
  /** One NAT gateway per AZ (survives an AZ outage) or a single one (cheaper, for dev). @default "per-az" */
  natGateways?: "per-az" | "single";
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
  /** The managed node group. @default 3-6 m6i.xlarge nodes with 50 GiB disks */
  nodes?: NodeGroupArgs;
  /** Extra inline policies (JSON) for the node role by a stable name, e.g. `{ "image-mirror": mirror.nodePolicyJson }`. @default {} */
  nodeRolePolicies?: Record<string, pulumi.Input<string>>;
  /** Identity components get: IRSA works for everything (Milvus needs it); Pod Identity is simpler. @default "irsa" */
  workloadIdentity?: "irsa" | "pod-identity";
  /** Registry mirrors every image is rewritten through (ImageMirror.mirrors). @default {} */
  imageMirrors?: RegistryMirrors;
  /** Record every VPC flow (accepted and rejected) in CloudWatch Logs for 90 days. @default true */
  flowLogs?: boolean;
  /** Refuse `pulumi destroy` of the control plane. @default true */
  deletionProtection?: boolean;
  /** Helm repository of the ALB controller chart (a mirror). @default "https://aws.github.io/eks-charts" */
  chartRepository?: string;
  /** @default {} */
  tags?: Record<string, string>;
}

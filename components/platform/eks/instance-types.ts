/**
 * What an EKS node offers pods: the instance types Forja's stacks and docs
 * use, and the allocatable formula of the EKS-optimized Amazon Linux 2023 AMI.
 * Pure data and arithmetic, for capacity checks.
 */
import { ForjaArgumentError } from "../../core/errors";

export interface InstanceTypeSpec {
  vCpus: number;
  /** Nominal memory (the kernel keeps a further 2-5% from the node's reported capacity). */
  memoryMiB: number;
  /** Pods the node accepts (EKS managed node groups, VPC CNI without prefix delegation). */
  maxPods: number;
  /** NVIDIA GPUs. */
  gpus: number;
}

/**
 * vCPUs, memory and GPUs are AWS's published specifications (EC2 "Instance
 * types" guide, general purpose / compute / memory optimized / accelerated
 * computing pages), the same figures `aws ec2 describe-instance-types`
 * returns. ENIs and IPv4 addresses per ENI come from the EKS AMI's own table
 * (awslabs/amazon-eks-ami nodeadm/internal/kubelet/instance-info.jsonl),
 * which nodeadm reads to set maxPods.
 */
const SIZES: [family: string, size: string, vCpus: number, memoryGiB: number, enis: number, ipsPerEni: number, gpus: number][] = [
  ...(["m6i", "m7i"] as const).flatMap((family) => [
    [family, "large", 2, 8, 3, 10, 0],
    [family, "xlarge", 4, 16, 4, 15, 0],
    [family, "2xlarge", 8, 32, 4, 15, 0],
    [family, "4xlarge", 16, 64, 8, 30, 0],
    [family, "8xlarge", 32, 128, 8, 30, 0],
    [family, "12xlarge", 48, 192, 8, 30, 0],
    [family, "16xlarge", 64, 256, 15, 50, 0],
  ] as [string, string, number, number, number, number, number][]),
  ["c6i", "large", 2, 4, 3, 10, 0],
  ["c6i", "xlarge", 4, 8, 4, 15, 0],
  ["c6i", "2xlarge", 8, 16, 4, 15, 0],
  ["c6i", "4xlarge", 16, 32, 8, 30, 0],
  ["c6i", "8xlarge", 32, 64, 8, 30, 0],
  ["c6i", "12xlarge", 48, 96, 8, 30, 0],
  ["c6i", "16xlarge", 64, 128, 15, 50, 0],
  ["r6i", "large", 2, 16, 3, 10, 0],
  ["r6i", "xlarge", 4, 32, 4, 15, 0],
  ["r6i", "2xlarge", 8, 64, 4, 15, 0],
  ["r6i", "4xlarge", 16, 128, 8, 30, 0],
  ["r6i", "8xlarge", 32, 256, 8, 30, 0],
  ["r6i", "12xlarge", 48, 384, 8, 30, 0],
  ["r6i", "16xlarge", 64, 512, 15, 50, 0],
  ["t3", "micro", 2, 1, 2, 2, 0],
  ["t3", "small", 2, 2, 3, 4, 0],
  ["t3", "medium", 2, 4, 3, 6, 0],
  ["t3", "large", 2, 8, 3, 12, 0],
  ["t3", "xlarge", 4, 16, 4, 15, 0],
  ["t3", "2xlarge", 8, 32, 4, 15, 0],
  // g5: NVIDIA A10G; g6: NVIDIA L4. Same vCPU, memory and GPU count per size.
  ["g5", "xlarge", 4, 16, 4, 15, 1],
  ["g5", "2xlarge", 8, 32, 4, 15, 1],
  ["g5", "4xlarge", 16, 64, 8, 30, 1],
  ["g5", "8xlarge", 32, 128, 8, 30, 1],
  ["g5", "12xlarge", 48, 192, 15, 50, 4],
  ["g5", "16xlarge", 64, 256, 8, 30, 1],
  ["g5", "24xlarge", 96, 384, 15, 50, 4],
  ["g5", "48xlarge", 192, 768, 7, 50, 8],
  ["g6", "xlarge", 4, 16, 4, 15, 1],
  ["g6", "2xlarge", 8, 32, 4, 15, 1],
  ["g6", "4xlarge", 16, 64, 8, 30, 1],
  ["g6", "8xlarge", 32, 128, 8, 30, 1],
  ["g6", "12xlarge", 48, 192, 8, 30, 4],
  ["g6", "16xlarge", 64, 256, 15, 50, 1],
  ["g6", "24xlarge", 96, 384, 15, 50, 4],
  ["g6", "48xlarge", 192, 768, 15, 50, 8],
];

/**
 * EKS caps maxPods on managed node groups: 110 below 30 vCPUs, 250 from 30
 * (EKS user guide, "Amazon EKS recommended maximum Pods for each Amazon EC2
 * instance type").
 */
function managedNodeGroupMaxPods(vCpus: number, enis: number, ipsPerEni: number): number {
  // nodeadm's default: one address per ENI is the ENI's own, plus 2 host-network pods (aws-node, kube-proxy).
  const fromEnis = enis * (ipsPerEni - 1) + 2;
  return Math.min(fromEnis, vCpus < 30 ? 110 : 250);
}

/** The instance types Forja knows, by name (m6i.xlarge ...). */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeSpec>> = Object.freeze(
  Object.fromEntries(
    SIZES.map(([family, size, vCpus, memoryGiB, enis, ipsPerEni, gpus]) => [`${family}.${size}`, { vCpus, memoryMiB: memoryGiB * 1024, maxPods: managedNodeGroupMaxPods(vCpus, enis, ipsPerEni), gpus }]),
  ),
);

/** An instance type's specification; other types are given as a spec (from `aws ec2 describe-instance-types`). */
export function instanceTypeSpec(instanceType: string | InstanceTypeSpec): InstanceTypeSpec {
  if (typeof instanceType !== "string") return instanceType;
  const spec = INSTANCE_TYPES[instanceType];
  if (!spec) {
    throw new ForjaArgumentError("EksCluster", "instanceType", instanceType, `one of ${Object.keys(INSTANCE_TYPES).join(", ")}, or its vCpus, memoryMiB, maxPods and gpus as an InstanceTypeSpec`);
  }
  return spec;
}

export interface NodeResources {
  cpuMillis: number;
  memoryMiB: number;
  pods: number;
}

/** EKS AMI (nodeadm) reservations: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest. */
const CPU_RESERVED_PER_10K: [upToMillis: number, per10k: number][] = [
  [1000, 600],
  [2000, 100],
  [4000, 50],
  [Infinity, 25],
];
/** kubelet's evictionHard memory.available on the EKS AMI. */
const EVICTION_MEMORY_MIB = 100;

/** kube-reserved CPU in millicores, as nodeadm computes it (integer arithmetic, rounded down per tier). */
export function kubeReservedCpuMillis(vCpus: number): number {
  const total = vCpus * 1000;
  let from = 0;
  let reserved = 0;
  for (const [upTo, per10k] of CPU_RESERVED_PER_10K) {
    if (total <= from) break;
    reserved += Math.floor(((Math.min(total, upTo) - from) * per10k) / 10000);
    from = upTo;
  }
  return reserved;
}

/** kube-reserved memory in MiB: 255 + 11 per pod the node accepts. */
export function kubeReservedMemoryMiB(maxPods: number): number {
  return 255 + 11 * maxPods;
}

/**
 * What the scheduler can place on one node: capacity minus kube-reserved
 * (CPU tiers; memory 255Mi + 11Mi per max pod) minus the 100Mi hard eviction
 * threshold. Source: awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go
 * (getCPUMillicoresToReserve, getMemoryMebibytesToReserve, EvictionHard).
 * Memory starts from the nominal size, so this is an upper bound by the
 * kernel's share.
 */
export function allocatable(instanceType: string | InstanceTypeSpec): NodeResources {
  const spec = instanceTypeSpec(instanceType);
  return {
    cpuMillis: spec.vCpus * 1000 - kubeReservedCpuMillis(spec.vCpus),
    memoryMiB: spec.memoryMiB - kubeReservedMemoryMiB(spec.maxPods) - EVICTION_MEMORY_MIB,
    pods: spec.maxPods,
  };
}

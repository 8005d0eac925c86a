/** Pure parts of EksCluster: validation, node-group plans, capabilities, add-on values. */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../../core/defaults";
import { ForjaArgumentError } from "../../core/errors";
import { mirrorImage, parseImage } from "../../core/images";
import { restrictedContainerSecurityContext } from "../../core/security";
import type { ClusterCapabilities, NodeArchitecture, NodeAutoscaling, NodeGroupCapacity, NodeTaintEffect } from "../capabilities";
import type { EksClusterArgs, NodeGroupArgs, NodeTaint } from "./args";
import { EksWorkloadIdentity, NodeAutoscaler, TaintEffect } from "./args";
import { EKS_DEFAULTS, EKS_VERSIONS, SYSTEM_ACCOUNTS } from "./defaults";
import { isArm64InstanceType, isNvidiaGpuInstanceType } from "./network";

const COMPONENT = "EksCluster";
const GROUP_NAME = /^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

/** One node group as it will be created. */
export interface NodeGroupPlan {
  name: string;
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskSizeGiB: number;
  architecture: NodeArchitecture;
  gpu: boolean;
  amiType: string;
  labels: Record<string, string>;
  taints: NodeTaint[];
}

/** The node groups to create, with defaults, architecture, AMI and GPU taints resolved. */
export function nodeGroupPlans(args: EksClusterArgs): NodeGroupPlan[] {
  const groups = args.nodeGroups ?? { [EKS_DEFAULTS.nodeGroupName]: {} };
  return Object.entries(groups).map(([name, group]) => planNodeGroup(name, group ?? {}));
}

function planNodeGroup(name: string, group: NodeGroupArgs): NodeGroupPlan {
  const where = `nodeGroups.${name}`;
  if (!GROUP_NAME.test(name)) fail("nodeGroups", name, "group names of at most 32 lower-case letters, digits and '-'");
  const g = withDefaults(EKS_DEFAULTS.nodes, group);
  if (!Array.isArray(g.instanceTypes) || g.instanceTypes.length === 0 || g.instanceTypes.some((t) => typeof t !== "string" || !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(t))) {
    fail(`${where}.instanceTypes`, g.instanceTypes, "EC2 instance types such as m6i.xlarge");
  }
  const arm = g.instanceTypes.filter(isArm64InstanceType);
  if (arm.length > 0 && arm.length < g.instanceTypes.length) fail(`${where}.instanceTypes`, g.instanceTypes, "instance types of one architecture per group (Graviton is arm64)");
  for (const field of ["minSize", "desiredSize", "maxSize", "diskSizeGiB"] as const) {
    if (!Number.isInteger(g[field])) fail(`${where}.${field}`, g[field], "an integer");
  }
  if (!(g.minSize >= 0 && g.minSize <= g.desiredSize && g.desiredSize <= g.maxSize && g.maxSize >= 1)) {
    fail(where, { minSize: g.minSize, desiredSize: g.desiredSize, maxSize: g.maxSize }, "0 <= minSize <= desiredSize <= maxSize, maxSize >= 1");
  }
  if (g.diskSizeGiB < 20 || g.diskSizeGiB > 16384) fail(`${where}.diskSizeGiB`, g.diskSizeGiB, "20 to 16384 GiB");
  const allGpu = g.instanceTypes.every(isNvidiaGpuInstanceType);
  const gpu = group.gpu ?? allGpu;
  if (typeof gpu !== "boolean") fail(`${where}.gpu`, gpu, "true or false");
  if (gpu && !allGpu) fail(`${where}.instanceTypes`, g.instanceTypes, "NVIDIA GPU instance types (g4dn, g5, g6, p4d, p5...) for a gpu group");
  const taints = group.taints ?? (gpu ? [{ ...EKS_DEFAULTS.gpuTaint }] : []);
  const effects = Object.values(TaintEffect) as string[];
  taints.forEach((taint, i) => {
    if (!taint || typeof taint.key !== "string" || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(taint.key)) fail(`${where}.taints[${i}].key`, taint?.key, "a label-style key");
    if (!effects.includes(taint.effect)) fail(`${where}.taints[${i}].effect`, taint.effect, `one of ${effects.join(", ")}`);
  });
  const architecture: NodeArchitecture = arm.length > 0 ? "arm64" : "amd64";
  const amiTypes = EKS_DEFAULTS.amiTypes;
  const amiType = architecture === "arm64" ? (gpu ? amiTypes.arm64Gpu : amiTypes.arm64) : gpu ? amiTypes.amd64Gpu : amiTypes.amd64;
  // nvidia.com/gpu.present: the device plugin chart's own node affinity selects it.
  const labels = { ...group.labels, "forja/node-group": name, ...(gpu ? { "nvidia.com/gpu.present": "true" } : {}) };
  return { name, instanceTypes: [...g.instanceTypes], minSize: g.minSize, desiredSize: g.desiredSize, maxSize: g.maxSize, diskSizeGiB: g.diskSizeGiB, architecture, gpu, amiType, labels, taints };
}

/** The architecture of the groups that take pods without tolerations: where components schedule by default. */
export function defaultArchitecture(plans: NodeGroupPlan[]): NodeArchitecture {
  const open = plans.filter((plan) => plan.taints.length === 0);
  const architectures = [...new Set(open.map((plan) => plan.architecture))];
  if (architectures.length !== 1) {
    fail("nodeGroups", plans.map((p) => `${p.name}: ${p.architecture}${p.taints.length ? " (tainted)" : ""}`), "at least one untainted node group, and all untainted groups of one architecture");
  }
  return architectures[0];
}

export interface ClusterIdentityOutputs {
  oidcProviderArn: pulumi.Input<string>;
  issuerUrl: pulumi.Input<string>;
  clusterName: pulumi.Input<string>;
  /** Resolves once the ingress controller is installed. */
  ingressReady: pulumi.Input<string>;
  /** The StorageClass name, resolving once the EBS CSI driver runs. @default unset (capabilities to check config against, not to deploy with) */
  storageReady?: pulumi.Input<string>;
}

/** What components may rely on when running on this cluster. */
export function eksCapabilities(args: EksClusterArgs, cluster: ClusterIdentityOutputs): ClusterCapabilities {
  const plans = nodeGroupPlans(args);
  return {
    kind: "eks",
    storageClass: EKS_DEFAULTS.storageClass,
    storageReady: cluster.storageReady,
    ingress: {
      className: EKS_DEFAULTS.ingressClass,
      controller: "aws-alb",
      annotations: {},
      // target-type ip: the ALB reaches pod IPs from inside the VPC.
      sourcePeers: [{ cidr: args.network?.vpcCidr ?? args.vpcCidr ?? EKS_DEFAULTS.vpcCidr }],
      controllerReady: cluster.ingressReady,
    },
    workloadIdentity:
      (args.workloadIdentity ?? EKS_DEFAULTS.workloadIdentity) === EksWorkloadIdentity.Irsa
        ? { kind: "irsa", oidcProviderArn: cluster.oidcProviderArn, issuerUrl: cluster.issuerUrl }
        : { kind: "pod-identity", clusterName: cluster.clusterName },
    region: args.region,
    nodeArchitecture: defaultArchitecture(plans),
    gpu: plans.some((plan) => plan.gpu),
    imageMirrors: args.imageMirrors ?? {},
    nodeGroups: plans.map(nodeGroupCapacity),
    nodeAutoscaling: nodeAutoscaling(args, plans),
  };
}

/** The node autoscaler the cluster runs. */
export function nodeAutoscalerOf(args: Pick<EksClusterArgs, "nodeAutoscaler">): NodeAutoscaler {
  return args.nodeAutoscaler ?? EKS_DEFAULTS.nodeAutoscaler;
}

function nodeAutoscaling(args: EksClusterArgs, plans: NodeGroupPlan[]): NodeAutoscaling {
  const kind = nodeAutoscalerOf(args);
  const sizes = plans.map((plan) => (kind === NodeAutoscaler.None ? plan.desiredSize : plan.maxSize));
  return { kind, maxNodes: sizes.reduce((sum, size) => sum + size, 0) };
}

/** EKS spells taint effects NO_SCHEDULE; Kubernetes (and the capability) NoSchedule. */
const KUBERNETES_EFFECT: Record<TaintEffect, NodeTaintEffect> = { NO_SCHEDULE: "NoSchedule", PREFER_NO_SCHEDULE: "PreferNoSchedule", NO_EXECUTE: "NoExecute" };

function nodeGroupCapacity(plan: NodeGroupPlan): NodeGroupCapacity {
  return {
    name: plan.name,
    instanceTypes: [...plan.instanceTypes],
    minSize: plan.minSize,
    desiredSize: plan.desiredSize,
    maxSize: plan.maxSize,
    architecture: plan.architecture,
    gpu: plan.gpu,
    taints: plan.taints.map((taint) => ({ key: taint.key, value: taint.value ?? "", effect: KUBERNETES_EFFECT[taint.effect] })),
    labels: { ...plan.labels },
  };
}

/** The default StorageClass: encrypted gp3, bound where the pod lands, never deleting data on PVC removal. */
export function gp3StorageClass() {
  return {
    metadata: { name: EKS_DEFAULTS.storageClass, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Retain",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}

/**
 * EBS CSI add-on settings. Nodes allow IMDSv2 with a hop limit of 1, so pods
 * cannot take the node role's credentials; the driver's node pods then reach
 * instance metadata only on the host network, which they need to count the
 * ENIs sharing the instance's attachment slots (from Kubernetes metadata
 * alone they would overstate the volume limit). They are privileged and
 * root already, so the host network adds no real power.
 */
export function ebsCsiConfiguration(): string {
  return JSON.stringify({ node: { hostNetwork: true } });
}

/** Computed values for the ALB controller chart (keys checked against chart 3.5.0's values.yaml). */
export function albControllerValues(clusterName: pulumi.Input<string>, region: string, vpcId: pulumi.Input<string>) {
  return {
    clusterName,
    region,
    vpcId,
    replicaCount: EKS_DEFAULTS.albController.replicaCount,
    image: imageValues(EKS_VERSIONS.albController.image),
    // The WorkloadRole's annotation is added by the cluster (IRSA) or none is needed (Pod Identity).
    serviceAccount: { create: true, name: SYSTEM_ACCOUNTS.albController },
    podSecurityContext: { fsGroup: EKS_DEFAULTS.albController.fsGroup, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    securityContext: restrictedContainerSecurityContext(),
    resources: EKS_DEFAULTS.albController.resources,
    podDisruptionBudget: { maxUnavailable: 1 },
    defaultTargetType: "ip",
    // The Service webhook sees every Service created in the cluster. Workloads
    // start with the nodes, not after this controller: with the chart's "Fail",
    // any Service created before its pods are ready is refused and `pulumi up`
    // fails (kubernetes-sigs/aws-load-balancer-controller#4140). With "Ignore" such a
    // Service is only not defaulted to this controller: Forja's load balancers
    // name it (`aws-load-balancer-type: external`) and wait for it anyway.
    serviceMutatorWebhookConfig: { failurePolicy: "Ignore" },
  };
}

/**
 * Computed values for the NVIDIA device plugin chart (keys from its values.yaml).
 * The plugin must run as root with the kubelet's device-plugin socket folder
 * mounted (and the MPS daemon privileged): exempted by name in
 * policies/exemptions.ts; everything else meets the restricted profile.
 */
export function nvidiaDevicePluginValues() {
  return {
    image: imageValues(EKS_VERSIONS.nvidiaDevicePlugin.image),
    podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
    resources: EKS_DEFAULTS.nvidiaDevicePlugin.resources,
  };
}

/** `{repository, tag}` as most charts take an image; mirroring happens on the merged values. */
function imageValues(reference: string): { repository: string; tag: string | undefined } {
  const image = parseImage(mirrorImage(reference, {}));
  return { repository: `${image.registry}/${image.repository}`, tag: image.tag };
}

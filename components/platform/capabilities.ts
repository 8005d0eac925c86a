/**
 * What a cluster can do, as plain data. Every Kubernetes component takes this
 * as its `cluster` arg and branches on capabilities, never on cloud names, so
 * the same component runs on EKS, K3s or Minikube.
 *
 * Plain data on purpose: a program in another language (through the component
 * package) can pass it as a literal, and the fields a component branches on
 * are known when the program runs. Only identifiers that come from other
 * resources (ARNs, URLs, names) are `Input`s.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";
import { WorkloadIdentityKind } from "../aws/workload-identity";
import type { WorkloadIdentity } from "../aws/workload-identity";
import type { Peer } from "../core/peer";

// Workload identity is defined beside the AWS pieces that use it (which sit below the platforms).
export { WorkloadIdentityKind };
export type { WorkloadIdentity };

/** Which kind of cluster: decides what a component may assume about it. */
export const ClusterKind = { Eks: "eks", K3s: "k3s" } as const;
export type ClusterKind = (typeof ClusterKind)[keyof typeof ClusterKind];

export const NodeArchitecture = { Amd64: "amd64", Arm64: "arm64" } as const;
export type NodeArchitecture = (typeof NodeArchitecture)[keyof typeof NodeArchitecture];

/** Which controller serves an IngressClass: decides the annotations a route needs. */
export const IngressController = { AwsAlb: "aws-alb", Traefik: "traefik", Nginx: "nginx", Other: "other" } as const;
export type IngressController = (typeof IngressController)[keyof typeof IngressController];

/** What adds and removes nodes as pods need them. */
export const NodeAutoscalerKind = { None: "none", ClusterAutoscaler: "cluster-autoscaler" } as const;
export type NodeAutoscalerKind = (typeof NodeAutoscalerKind)[keyof typeof NodeAutoscalerKind];

/** @deprecated use `Peer` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type TrafficSource = Peer;

/** How the cluster routes external HTTP traffic to Services. */
export interface IngressCapability {
  /** `spec.ingressClassName` of every Ingress. */
  className: string;
  controller: IngressController;
  /** Annotations every Ingress on this cluster carries (e.g. ALB scheme). */
  annotations: Record<string, string>;
  /**
   * Where routed traffic arrives from: the controller's pods (Traefik,
   * ingress-nginx), or the VPC for an ALB that targets pod IPs.
   */
  sourcePeers: Peer[];
  /**
   * Resolves once the ingress controller is installed (EksCluster: the ALB
   * controller release). Forja's Ingresses carry it as an annotation, which
   * makes each Ingress depend on the controller: created after it, and deleted
   * before it, so the controller is still there to delete the load balancer.
   * @default unset (the controller ships with the cluster)
   */
  controllerReady?: pulumi.Input<string>;
}

/** What a taint does to pods that do not tolerate it (Kubernetes spelling). */
export const NodeTaintEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type NodeTaintEffect = (typeof NodeTaintEffect)[keyof typeof NodeTaintEffect];

/** A node taint as pods' tolerations match it. */
export interface NodeGroupTaint {
  /** Taint key. */
  key: string;
  /** Taint value. */
  value: string;
  effect: NodeTaintEffect;
}

/** One group of identical nodes and the sizes it may take. */
export interface NodeGroupCapacity {
  /** The group's name. */
  name: string;
  /** Instance types of one shape (the first is what an autoscaler plans with). */
  instanceTypes: string[];
  /** The fewest nodes the group runs. */
  minSize: number;
  /** Nodes at creation; without an autoscaler, always. */
  desiredSize: number;
  /** The most nodes an autoscaler may run in this group. */
  maxSize: number;
  architecture: NodeArchitecture;
  /** Whether its nodes have NVIDIA GPUs. */
  gpu: boolean;
  /** Only pods that tolerate every taint land here. */
  taints: NodeGroupTaint[];
  /** Labels on its nodes. */
  labels: Record<string, string>;
}

/** Whether node capacity follows demand, and how far. */
export interface NodeAutoscaling {
  kind: NodeAutoscalerKind;
  /** Nodes the cluster can grow to: the sum of the groups' maxSize with an autoscaler, of their desiredSize without. @integer */
  maxNodes: number;
}

export interface ClusterCapabilities {
  /** Which kind of cluster it is. */
  kind: ClusterKind;
  /** StorageClass for PersistentVolumeClaims. */
  storageClass: string;
  /**
   * `storageClass` again, resolving once volumes can be provisioned
   * (EksCluster: after the EBS CSI driver runs). Objects that claim volumes
   * take their storage class name from it (`storageClassName(cluster)`), so
   * they, and only they, wait for storage.
   * @default unset (storage ships with the cluster)
   */
  storageReady?: pulumi.Input<string>;
  /** How Ingresses are served. */
  ingress: IngressCapability;
  workloadIdentity: WorkloadIdentity;
  /** Cloud region the cluster runs in (decides ARN partitions and regional endpoints). @default unset (not a cloud cluster) */
  region?: string;
  /** Architecture of the nodes that take untolerated pods: amd64-only images must not land on arm64. */
  nodeArchitecture: NodeArchitecture;
  /** Whether GPU nodes (nvidia.com/gpu) are schedulable. */
  gpu: boolean;
  /** Registry mirrors every image is rewritten through (ECR pull-through on EKS): upstream prefix -> mirror prefix. */
  imageMirrors: Record<string, string>;
  /** The node groups the platform manages, for capacity checks. @default unset (nodes the platform does not manage, e.g. K3s) */
  nodeGroups?: NodeGroupCapacity[];
  /** Node autoscaling. @default unset (treated as none: only the nodes that exist) */
  nodeAutoscaling?: NodeAutoscaling;
}

/** Peers for an in-cluster ingress controller, found by its standard name label in any namespace. */
export function controllerPodPeers(appName: string): Peer[] {
  return [{ namespaceLabels: {}, podLabels: { "app.kubernetes.io/name": appName } }];
}

/** Annotation that ties an Ingress to the ingress controller's readiness (see `IngressCapability.controllerReady`). */
export const INGRESS_CONTROLLER_ANNOTATION = "forja.dev/ingress-controller";

export function ingressControllerAnnotation(cluster: ClusterCapabilities): Record<string, pulumi.Input<string>> {
  const ready = cluster.ingress.controllerReady;
  return ready === undefined ? {} : { [INGRESS_CONTROLLER_ANNOTATION]: ready };
}

/** The storage class name for a volume claim: waits for the cluster's storage when it has to (see `storageReady`). */
export function storageClassName(cluster: ClusterCapabilities): pulumi.Input<string> {
  return cluster.storageReady ?? cluster.storageClass;
}

/** A workload identity that can give pods a role: IRSA or Pod Identity with the fields each needs. */
export function requireWorkloadIdentity(component: string, cluster: ClusterCapabilities, why: string): WorkloadIdentity {
  const identity = cluster.workloadIdentity;
  if (identity.kind === WorkloadIdentityKind.None) {
    throw new ForjaArgumentError(component, "cluster.workloadIdentity.kind", identity.kind, `"irsa" or "pod-identity": ${why}`);
  }
  return identity;
}

const ENUMS = {
  kind: Object.values(ClusterKind),
  nodeArchitecture: Object.values(NodeArchitecture),
  "ingress.controller": Object.values(IngressController),
  "workloadIdentity.kind": Object.values(WorkloadIdentityKind),
  "nodeAutoscaling.kind": Object.values(NodeAutoscalerKind),
} as const;

/**
 * Checks a `cluster` arg before a component registers anything. Capabilities
 * must be plain data: a component branches on them while the program runs, so
 * an `Output` (what a Python program holds for `K3sCluster.capabilities`)
 * would silently change which resources exist. That is refused with a
 * message saying how to pass them instead.
 */
export function validateCapabilities(component: string, cluster: ClusterCapabilities | undefined): ClusterCapabilities {
  const fail = (argument: string, value: unknown, expected: string): never => {
    throw new ForjaArgumentError(component, argument, value, expected);
  };
  if (cluster === undefined || cluster === null || typeof cluster !== "object") {
    return fail("cluster", cluster, "the cluster's capabilities (EksCluster.capabilities or K3sCluster.capabilities)");
  }
  if (isOutput(cluster) || isOutput(cluster.ingress) || isOutput(cluster.workloadIdentity)) {
    fail("cluster", "an Output", "plain data known while the program runs: in TypeScript pass cluster.capabilities; from another language pass the capabilities as a literal object (docs/other-languages.md)");
  }
  const fields: Record<keyof typeof ENUMS, unknown> = {
    kind: cluster.kind,
    nodeArchitecture: cluster.nodeArchitecture,
    "ingress.controller": cluster.ingress?.controller,
    "workloadIdentity.kind": cluster.workloadIdentity?.kind,
    "nodeAutoscaling.kind": cluster.nodeAutoscaling?.kind,
  };
  for (const [field, allowed] of Object.entries(ENUMS) as [keyof typeof ENUMS, readonly string[]][]) {
    const value = fields[field];
    // Capacity fields came later: capabilities written before them stay valid.
    if (field === "nodeAutoscaling.kind" && cluster.nodeAutoscaling === undefined) continue;
    if (typeof value !== "string" || !allowed.includes(value)) fail(`cluster.${field}`, value, `one of ${allowed.map((v) => `"${v}"`).join(", ")}`);
  }
  for (const field of ["storageClass", "ingress.className"] as const) {
    const value = field === "storageClass" ? cluster.storageClass : cluster.ingress.className;
    if (typeof value !== "string" || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) fail(`cluster.${field}`, value, "a Kubernetes object name");
  }
  if (typeof cluster.gpu !== "boolean") fail("cluster.gpu", cluster.gpu, "true or false");
  const identity = cluster.workloadIdentity;
  if (identity.kind === WorkloadIdentityKind.Irsa && (identity.oidcProviderArn === undefined || identity.issuerUrl === undefined)) {
    fail("cluster.workloadIdentity", { kind: identity.kind }, "oidcProviderArn and issuerUrl with kind \"irsa\"");
  }
  if (identity.kind === WorkloadIdentityKind.PodIdentity && identity.clusterName === undefined) {
    fail("cluster.workloadIdentity", { kind: identity.kind }, "clusterName with kind \"pod-identity\"");
  }
  return cluster;
}

/** Without importing the SDK at run time: Outputs carry this marker. */
function isOutput(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { __pulumiOutput?: boolean }).__pulumiOutput === true;
}

/**
 * What a cluster can do, as plain data. Every Kubernetes component takes this
 * as its `cluster` arg and branches on capabilities, never on cloud names, so
 * the same component runs on EKS, K3s or Minikube.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";
import type { RegistryMirrors } from "../core/images";

export const ClusterKind = { Eks: "eks", K3s: "k3s" } as const;
export type ClusterKind = (typeof ClusterKind)[keyof typeof ClusterKind];

export const NodeArchitecture = { Amd64: "amd64", Arm64: "arm64" } as const;
export type NodeArchitecture = (typeof NodeArchitecture)[keyof typeof NodeArchitecture];

/** Which controller serves an IngressClass: decides the annotations a route needs. */
export const IngressController = { AwsAlb: "aws-alb", Traefik: "traefik", Nginx: "nginx", Other: "other" } as const;
export type IngressController = (typeof IngressController)[keyof typeof IngressController];

export interface IngressCapability {
  /** `spec.ingressClassName` of every Ingress. */
  className: string;
  controller: IngressController;
  /** Annotations every Ingress on this cluster carries (e.g. ALB scheme). */
  annotations: Record<string, string>;
  /**
   * NetworkPolicy peers that routed traffic arrives from: the controller's pods
   * (Traefik, ingress-nginx), or the VPC for an ALB that targets pod IPs.
   */
  sourcePeers: Record<string, unknown>[];
}

/** Peers for an in-cluster ingress controller, found by its standard name label. */
export function controllerPodPeers(appName: string): Record<string, unknown>[] {
  return [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": appName } } }];
}

export type WorkloadIdentity =
  | { kind: "none" }
  /** IAM Roles for Service Accounts: trust via the cluster's OIDC provider. */
  | { kind: "irsa"; oidcProviderArn: pulumi.Input<string>; issuerUrl: pulumi.Input<string> }
  /** EKS Pod Identity: needs the eks-pod-identity-agent add-on. */
  | { kind: "pod-identity"; clusterName: pulumi.Input<string> };

export interface ClusterCapabilities {
  kind: ClusterKind;
  /** StorageClass for PersistentVolumeClaims. */
  storageClass: string;
  ingress: IngressCapability;
  workloadIdentity: WorkloadIdentity;
  /** Architecture of the default nodes: amd64-only images must not land on arm64. */
  nodeArchitecture: NodeArchitecture;
  /** Whether GPU nodes (nvidia.com/gpu) are schedulable. */
  gpu: boolean;
  /** Registry mirrors every image is rewritten through (ECR pull-through on EKS). */
  imageMirrors: RegistryMirrors;
}

/** Fails early, naming the component and what it needed, when identity is missing. */
export function requireWorkloadIdentity(component: string, cluster: ClusterCapabilities, why: string): Exclude<WorkloadIdentity, { kind: "none" }> {
  if (cluster.workloadIdentity.kind === "none") {
    throw new ForjaArgumentError(component, "cluster.workloadIdentity", "none", `IRSA or EKS Pod Identity: ${why}`);
  }
  return cluster.workloadIdentity;
}

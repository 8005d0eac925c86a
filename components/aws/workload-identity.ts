/**
 * What a pod needs to use a cloud role, per workload identity: pure data, no
 * AWS SDK, so Kubernetes-only entry points can use it without @pulumi/aws.
 */
import type * as pulumi from "@pulumi/pulumi";

/** How pods get a cloud role. */
export const WorkloadIdentityKind = {
  None: "none",
  /** IAM Roles for Service Accounts: trust via the cluster's OIDC provider. */
  Irsa: "irsa",
  /** EKS Pod Identity: needs the eks-pod-identity-agent add-on. */
  PodIdentity: "pod-identity",
} as const;
export type WorkloadIdentityKind = (typeof WorkloadIdentityKind)[keyof typeof WorkloadIdentityKind];

/** How pods get a cloud role, flattened so every language can pass it: the fields follow `kind`. */
export interface WorkloadIdentity {
  kind: WorkloadIdentityKind;
  /** IRSA: the cluster's IAM OIDC provider ARN. @default unset */
  oidcProviderArn?: pulumi.Input<string>;
  /** IRSA: the cluster's OIDC issuer URL (https://oidc.eks...). @default unset */
  issuerUrl?: pulumi.Input<string>;
  /** Pod Identity: the EKS cluster name the associations belong to. @default unset */
  clusterName?: pulumi.Input<string>;
}

/** The annotation IRSA's webhook reads to inject the role's web-identity token. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/** One egress allow a pod with a role needs. */
export interface IdentityEgress {
  /** Destination block. */
  cidr: string;
  /** TCP ports. */
  ports: number[];
}

/**
 * AWS APIs are public HTTPS endpoints (unless the VPC has interface
 * endpoints); Pod Identity adds the agent on its link-local address.
 */
const EGRESS: Record<WorkloadIdentityKind, IdentityEgress[]> = {
  none: [],
  irsa: [{ cidr: "0.0.0.0/0", ports: [443] }],
  "pod-identity": [
    { cidr: "169.254.170.23/32", ports: [80] },
    { cidr: "0.0.0.0/0", ports: [443] },
  ],
};

export function identityEgress(kind: WorkloadIdentityKind): IdentityEgress[] {
  return EGRESS[kind].map((rule) => ({ cidr: rule.cidr, ports: [...rule.ports] }));
}

/** Annotations the pod's ServiceAccount needs: IRSA names the role; Pod Identity binds by association instead. */
export function serviceAccountAnnotations(kind: WorkloadIdentityKind, roleArn: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
  return kind === "irsa" ? { [IRSA_ROLE_ANNOTATION]: roleArn } : {};
}

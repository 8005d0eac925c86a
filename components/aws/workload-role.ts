import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";
import { childName } from "../core/naming";
import type { WorkloadIdentity } from "./workload-identity";
import { WorkloadIdentityKind } from "./workload-identity";
import { irsaTrustPolicy, managedPolicyArn, podIdentityTrustPolicy } from "./iam";
import type { IdentityEgress } from "./workload-identity";
import { identityEgress, serviceAccountAnnotations } from "./workload-identity";

const COMPONENT = "WorkloadRole";
const SERVICE_ACCOUNT = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

export interface WorkloadRoleArgs {
  /** The cluster's workload identity (`cluster.workloadIdentity`): IRSA or Pod Identity. */
  identity: WorkloadIdentity;
  /** Namespace of the service accounts. */
  namespace: pulumi.Input<string>;
  /** The only service accounts that may assume the role. */
  serviceAccounts: string[];
  /** Inline policies (JSON documents) by a stable name. @default {} */
  policies?: Record<string, pulumi.Input<string>>;
  /** AWS managed policies by name, e.g. `service-role/AmazonEBSCSIDriverPolicy`. @default [] */
  managedPolicies?: string[];
  /** Region of the cluster: decides the ARN partition of managed policies. @default "us-east-1" (partition aws) */
  region?: string;
  /** What the role is for, shown in IAM. @default "Forja workload role" */
  description?: string;
  /** @default {} */
  tags?: Record<string, string>;
}

/** Every rule a WorkloadRole's args must satisfy, checked before anything is registered. */
export function validateWorkloadRole(args: WorkloadRoleArgs | undefined): WorkloadRoleArgs {
  const fail = (argument: string, value: unknown, expected: string): never => {
    throw new ForjaArgumentError(COMPONENT, argument, value, expected);
  };
  if (!args || typeof args !== "object") return fail("args", args, "an object");
  const identity = args.identity;
  if (!identity || (identity.kind !== WorkloadIdentityKind.Irsa && identity.kind !== WorkloadIdentityKind.PodIdentity)) {
    fail("identity.kind", identity?.kind, '"irsa" or "pod-identity" (the cluster gives pods no cloud role otherwise)');
  }
  if (identity.kind === WorkloadIdentityKind.Irsa && (identity.oidcProviderArn === undefined || identity.issuerUrl === undefined)) {
    fail("identity", { kind: identity.kind }, "oidcProviderArn and issuerUrl for IRSA");
  }
  if (identity.kind === WorkloadIdentityKind.PodIdentity && identity.clusterName === undefined) fail("identity.clusterName", undefined, "the EKS cluster name for Pod Identity");
  if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace of the service accounts");
  if (!Array.isArray(args.serviceAccounts) || args.serviceAccounts.length === 0) fail("serviceAccounts", args.serviceAccounts, "at least one service account name");
  const bad = args.serviceAccounts.find((account, i) => typeof account !== "string" || !SERVICE_ACCOUNT.test(account) || args.serviceAccounts.indexOf(account) !== i);
  if (bad !== undefined) fail("serviceAccounts", args.serviceAccounts, `distinct DNS-1123 service account names (${JSON.stringify(bad)})`);
  const badPolicy = Object.keys(args.policies ?? {}).find((policy) => !POLICY_NAME.test(policy));
  if (badPolicy !== undefined) fail("policies", badPolicy, "policy names of 1-128 letters, digits or +=,.@_-");
  if (Object.keys(args.policies ?? {}).length === 0 && (args.managedPolicies ?? []).length === 0) {
    fail("policies", args.policies, "at least one inline or managed policy (a role that can do nothing is a mistake)");
  }
  return args;
}

/**
 * An AWS role that exactly the named service accounts of one namespace can
 * assume, through the cluster's workload identity: IRSA (web-identity trust
 * per service account) or EKS Pod Identity (service trust plus one
 * association per service account). Tells the caller what the service
 * account needs (annotations) and what egress the pods need.
 */
export class WorkloadRole extends pulumi.ComponentResource {
  /** ARN of the IAM role the service accounts assume. */
  readonly roleArn: pulumi.Output<string>;
  /** Name of that IAM role (attach further policies to it). */
  readonly roleName: pulumi.Output<string>;
  /** Put these on the ServiceAccount (IRSA's role annotation; none for Pod Identity). */
  readonly serviceAccountAnnotations: pulumi.Output<Record<string, string>>;
  /** NetworkPolicy egress the pods need to obtain and use credentials. */
  readonly egress: IdentityEgress[];

  constructor(name: string, args: WorkloadRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = validateWorkloadRole(args);
    super("forja:index:WorkloadRole", name, {}, opts);
    const identity = a.identity;
    const parent = { parent: this };
    const assumeRolePolicy =
      identity.kind === WorkloadIdentityKind.Irsa
        ? pulumi
            .all([identity.oidcProviderArn as pulumi.Input<string>, identity.issuerUrl as pulumi.Input<string>, a.namespace])
            .apply(([arn, url, namespace]) => JSON.stringify(irsaTrustPolicy(arn, url, namespace, a.serviceAccounts)))
        : JSON.stringify(podIdentityTrustPolicy());
    const role = new aws.iam.Role(childName(name, "role"), { assumeRolePolicy, description: a.description ?? "Forja workload role", tags: a.tags }, parent);
    for (const [policyName, policy] of Object.entries(a.policies ?? {})) {
      new aws.iam.RolePolicy(childName(name, policyName), { role: role.id, policy }, parent);
    }
    for (const policy of a.managedPolicies ?? []) {
      new aws.iam.RolePolicyAttachment(childName(name, policy.split("/").pop() as string), { role: role.name, policyArn: managedPolicyArn(policy, a.region) }, parent);
    }
    if (identity.kind === WorkloadIdentityKind.PodIdentity) {
      for (const account of a.serviceAccounts) {
        new aws.eks.PodIdentityAssociation(
          childName(name, account),
          { clusterName: identity.clusterName as pulumi.Input<string>, namespace: a.namespace, serviceAccount: account, roleArn: role.arn, tags: a.tags },
          parent,
        );
      }
    }
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.serviceAccountAnnotations = pulumi.output(serviceAccountAnnotations(identity.kind, role.arn)) as pulumi.Output<Record<string, string>>;
    this.egress = identityEgress(identity.kind);
    this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName, serviceAccountAnnotations: this.serviceAccountAnnotations });
  }
}

/**
 * Binds an existing role to one service account through Pod Identity (a
 * WorkloadRole does this itself; this is for a role made elsewhere).
 */
export function podIdentityAssociation(parent: pulumi.Resource, name: string, clusterName: pulumi.Input<string>, namespace: pulumi.Input<string>, serviceAccount: pulumi.Input<string>, roleArn: pulumi.Input<string>): aws.eks.PodIdentityAssociation {
  return new aws.eks.PodIdentityAssociation(childName(name, "pod-identity"), { clusterName, namespace, serviceAccount, roleArn }, { parent });
}

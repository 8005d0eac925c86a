import { iamDocument } from "../fixtures";
import type { RuleCase } from "../fixtures";

const POLICY = "aws:iam/policy:Policy";
const ROLE = "aws:iam/role:Role";
const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABC123";
const OIDC = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const irsa = (condition: Record<string, unknown>) => iamDocument({ Effect: "Allow", Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition });

export const iamCases: RuleCase[] = [
  { rule: "no-iam-star-on-star", title: 'Allow "*" on "*"', type: POLICY, props: { policy: iamDocument({ Effect: "Allow", Action: "*", Resource: "*" }) }, expect: ['allows "*" on "*"'] },
  { rule: "no-iam-star-on-star", title: "a role's inline policy with [\"*\"]", type: ROLE, props: { inlinePolicies: [{ name: "all", policy: iamDocument({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) }] }, expect: ['allows "*" on "*"'] },
  {
    rule: "no-iam-star-on-star",
    title: 'every action on one bucket (Action "*" on any resource)',
    type: "aws:iam/rolePolicy:RolePolicy",
    props: { role: "r", policy: iamDocument({ Sid: "Logs", Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::airflow-logs/*" }) },
    expect: ['statement "Logs" allows every action ("*") on arn:aws:s3:::airflow-logs/*'],
  },
  { rule: "no-iam-star-on-star", title: "a scoped statement and a Deny *", type: POLICY, props: { policy: iamDocument({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Effect: "Deny", Action: "*", Resource: "*" }) }, expect: [] },
  { rule: "no-iam-star-on-star", title: "a document that is not JSON", type: POLICY, props: { policy: "{" }, expect: ["policy is not valid JSON"] },
  { rule: "iam-no-service-wildcard", title: '"s3:*" on "*"', type: POLICY, props: { policy: iamDocument({ Effect: "Allow", Action: ["s3:*", "logs:PutLogEvents"], Resource: "*" }) }, expect: ["allows s3:* on every resource"] },
  { rule: "iam-no-service-wildcard", title: '"iam:*" on "*" in an inline policy', type: ROLE, props: { inlinePolicies: [{ policy: iamDocument({ Effect: "Allow", Action: "IAM:*", Resource: ["*"] }) }] }, expect: ["allows iam:*"] },
  { rule: "iam-no-service-wildcard", title: '"s3:*" on one bucket, and s3:Get* on "*"', type: POLICY, props: { policy: iamDocument({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::dags/*" }, { Effect: "Allow", Action: "s3:Get*", Resource: "*" }) }, expect: [] },
  { rule: "iam-no-negated-allow", title: "Allow with NotAction", type: POLICY, props: { policy: iamDocument({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }, expect: ['NotAction "iam:*"'] },
  { rule: "iam-no-negated-allow", title: "Allow with NotResource", type: "aws:iam/userPolicy:UserPolicy", props: { policy: iamDocument({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }) }, expect: ["NotResource"] },
  { rule: "iam-no-negated-allow", title: "Deny with NotAction (the MFA pattern)", type: POLICY, props: { policy: iamDocument({ Effect: "Deny", NotAction: ["iam:ChangePassword"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } }) }, expect: [] },
  { rule: "iam-no-admin-policies", title: "AdministratorAccess on a role", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "ci", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, expect: ["attaches AdministratorAccess"] },
  { rule: "iam-no-admin-policies", title: "PowerUserAccess in GovCloud", type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", props: { user: "dev", policyArn: "arn:aws-us-gov:iam::aws:policy/PowerUserAccess" }, expect: ["PowerUserAccess"] },
  { rule: "iam-no-admin-policies", title: "IAMFullAccess in a role's managed policies", type: ROLE, props: { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/IAMFullAccess"] }, expect: ["attaches IAMFullAccess"] },
  { rule: "iam-no-admin-policies", title: "the job-function administrator", type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", props: { group: "ops", policyArn: "arn:aws:iam::aws:policy/job-function/AdministratorAccess" }, expect: ["AdministratorAccess"] },
  { rule: "iam-no-admin-policies", title: "node policies", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "node", policyArn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy" }, expect: [] },
  { rule: "iam-trust-restricted", title: 'a trust policy open to Principal "*"', type: ROLE, props: { assumeRolePolicy: iamDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) }, expect: ["lets any AWS principal assume the role"] },
  { rule: "iam-trust-restricted", title: "an IRSA trust with only the audience condition", type: ROLE, props: { assumeRolePolicy: irsa({ StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) }, expect: [`trusts every identity of ${ISSUER}`] },
  { rule: "iam-trust-restricted", title: "an IRSA trust for any service account", type: ROLE, props: { assumeRolePolicy: irsa({ StringLike: { [`${ISSUER}:sub`]: "system:serviceaccount:*" } }) }, expect: ['subject pattern "system:serviceaccount:*"'] },
  {
    rule: "iam-trust-restricted",
    title: "an IRSA trust bound to one service account",
    type: ROLE,
    props: { assumeRolePolicy: irsa({ StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:airflow:airflow-worker", [`${ISSUER}:aud`]: "sts.amazonaws.com" } }) },
    expect: [],
  },
  { rule: "iam-trust-restricted", title: 'Principal "*" pinned to the organisation', type: ROLE, props: { assumeRolePolicy: iamDocument({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }) }, expect: [] },
  { rule: "iam-trust-restricted", title: "Pod Identity and EC2 service principals", type: ROLE, props: { assumeRolePolicy: iamDocument({ Effect: "Allow", Principal: { Service: ["pods.eks.amazonaws.com", "ec2.amazonaws.com"] }, Action: ["sts:AssumeRole", "sts:TagSession"] }) }, expect: [] },
  {
    rule: "rbac-no-cluster-admin",
    title: "a ServiceAccount bound to cluster-admin",
    type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    props: { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "ServiceAccount", name: "airflow-worker", namespace: "airflow" }] },
    expect: ["binds cluster-admin to ServiceAccount airflow-worker"],
  },
  { rule: "rbac-no-cluster-admin", title: "a Role with every verb on every resource", type: "kubernetes:rbac.authorization.k8s.io/v1:Role", props: { rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }, expect: ["rule 1 allows every verb on every resource"] },
  { rule: "rbac-no-cluster-admin", title: "a Role that reads pods", type: "kubernetes:rbac.authorization.k8s.io/v1:Role", props: { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }] }, expect: [] },
  { rule: "rbac-no-cluster-admin", title: "a binding to view", type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", props: { roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", name: "devs" }] }, expect: [] },
];

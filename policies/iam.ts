/**
 * Least privilege: IAM identity policies, managed-policy attachments, role
 * trust, and Kubernetes RBAC.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { conditionNarrows, describeStatement, isPublicPrincipal, list, obj, rule, statementsOf } from "./util";
import type { Obj, Statement } from "./util";

/** Identity policy documents of a resource, by the field that holds each. */
function identityDocuments(type: string, props: Obj): { field: string; raw: unknown }[] {
  if (/^aws:iam\/(policy:Policy|rolePolicy:RolePolicy|userPolicy:UserPolicy|groupPolicy:GroupPolicy)$/.test(type)) return [{ field: "policy", raw: props.policy }];
  if (type === "aws:iam/role:Role") return list(props.inlinePolicies).map((inline, i) => ({ field: `inlinePolicies[${i}]`, raw: obj(inline).policy }));
  return [];
}

/** Runs `check` on every Allow statement of every identity policy of the resource. */
function allowStatements(name: string, description: string, check: (statement: Statement, where: string, report: (message: string) => void) => void): ResourceValidationPolicy {
  return rule(name, description, (args, report) => {
    for (const { field, raw } of identityDocuments(args.type, args.props)) {
      const statements = statementsOf(raw);
      if (!statements) {
        report(`${field} is not valid JSON`);
        continue;
      }
      statements.forEach((statement, index) => {
        if (statement.Effect === "Allow") check(statement, describeStatement(statement, index), report);
      });
    }
  });
}

const actions = (statement: Statement) => list(statement.Action).map((action) => String(action).toLowerCase());
const resources = (statement: Statement) => list(statement.Resource).map(String);

const noStarOnStar = allowStatements("no-iam-star-on-star", 'No IAM statement allows every action ("*"), on "*" or on any other resource.', (statement, where, report) => {
  if (!actions(statement).some((action) => action === "*" || action === "*:*")) return;
  const on = resources(statement);
  if (on.includes("*")) report(`${where} allows "*" on "*"`);
  else report(`${where} allows every action ("*") on ${on.join(", ") || "its resources"}`);
});

const noServiceWildcard = allowStatements("iam-no-service-wildcard", 'No IAM statement allows a whole service ("s3:*", "iam:*") on Resource "*".', (statement, where, report) => {
  const wildcards = actions(statement).filter((action) => /^[a-z0-9-]+:\*$/.test(action));
  if (wildcards.length > 0 && resources(statement).includes("*")) report(`${where} allows ${wildcards.join(", ")} on every resource`);
});

const noNegatedAllow = allowStatements("iam-no-negated-allow", "No IAM Allow statement uses NotAction or NotResource (they grant everything not listed, including services added later).", (statement, where, report) => {
  if (statement.NotAction !== undefined) report(`${where} allows NotAction ${JSON.stringify(statement.NotAction)}: everything else is granted`);
  if (statement.NotResource !== undefined) report(`${where} allows on NotResource ${JSON.stringify(statement.NotResource)}: every other resource is granted`);
});

/** AWS managed policies that amount to administrator access (IAM write is a path to it). */
const ADMIN_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(job-function\/)?(AdministratorAccess(-[A-Za-z]+)?|PowerUserAccess|IAMFullAccess|AWSOrganizationsFullAccess)$/;

function attachedPolicyArns(type: string, props: Obj): string[] {
  if (/^aws:iam\/((role|user|group)PolicyAttachment:(Role|User|Group)PolicyAttachment|policyAttachment:PolicyAttachment)$/.test(type)) return list(props.policyArn).map(String);
  if (/^aws:iam\/(role|user|group)PolicyAttachmentsExclusive:/.test(type)) return list(props.policyArns).map(String);
  if (type === "aws:iam/role:Role") return list(props.managedPolicyArns).map(String);
  if (type === "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment") return list(props.managedPolicyArn).map(String);
  return [];
}

const noAdminPolicies = rule("iam-no-admin-policies", "No role, user or group gets an administrator-equivalent AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess, ...).", (args, report) => {
  for (const arn of attachedPolicyArns(args.type, args.props)) {
    if (ADMIN_POLICY.test(arn)) report(`attaches ${arn.split("/").pop()}, which is administrator-equivalent`);
  }
});

/** An EKS service-account subject that any service account (or any namespace) matches. */
const BROAD_SUBJECT = /^(\*|system:serviceaccount:\*|repo:\*)/;

const trustRestricted = rule(
  "iam-trust-restricted",
  'Role trust policies name who may assume them: no Principal "*" without an account or organisation condition, and every OIDC web-identity trust conditions on a specific :sub.',
  (args, report) => {
    if (args.type !== "aws:iam/role:Role") return;
    const statements = statementsOf(args.props.assumeRolePolicy);
    if (!statements) return report("assumeRolePolicy is not valid JSON");
    statements.forEach((statement, index) => {
      if (statement.Effect !== "Allow") return;
      const where = describeStatement(statement, index);
      if (isPublicPrincipal(statement.Principal) && !conditionNarrows(statement.Condition)) report(`${where} lets any AWS principal assume the role`);
      const federated = list(obj(statement.Principal).Federated).map(String).filter((principal) => principal.includes(":oidc-provider/"));
      if (federated.length === 0) return;
      const subjects = Object.values(obj(statement.Condition)).flatMap((operator) =>
        Object.entries(obj(operator))
          .filter(([key]) => key.endsWith(":sub"))
          .flatMap(([, value]) => list(value).map(String)),
      );
      const issuer = federated[0].split(":oidc-provider/")[1];
      if (subjects.length === 0) report(`${where} trusts every identity of ${issuer}: add a ${issuer}:sub condition naming the service account (or repository)`);
      for (const subject of subjects.filter((s) => BROAD_SUBJECT.test(s))) report(`${where} trusts the subject pattern "${subject}", which any workload of ${issuer} matches`);
    });
  },
);

const ROLE_KINDS = /^kubernetes:rbac\.authorization\.k8s\.io\/v1:(Role|ClusterRole)$/;
const BINDING_KINDS = /^kubernetes:rbac\.authorization\.k8s\.io\/v1:(RoleBinding|ClusterRoleBinding)$/;

const rbacLeastPrivilege = rule("rbac-no-cluster-admin", "No binding grants cluster-admin, and no Role or ClusterRole allows every verb on every resource.", (args, report) => {
  if (BINDING_KINDS.test(args.type) && obj(args.props.roleRef).name === "cluster-admin") {
    const subjects = list(args.props.subjects).map((subject) => `${String(obj(subject).kind)} ${String(obj(subject).name)}`);
    report(`binds cluster-admin to ${subjects.join(", ") || "its subjects"}`);
  }
  if (ROLE_KINDS.test(args.type)) {
    list(args.props.rules).forEach((raw, index) => {
      const r = obj(raw);
      if (list(r.verbs).includes("*") && list(r.resources).includes("*")) report(`rule ${index + 1} allows every verb on every resource`);
    });
  }
});

export const iamPolicies: ResourceValidationPolicy[] = [noStarOnStar, noServiceWildcard, noNegatedAllow, noAdminPolicies, trustRestricted, rbacLeastPrivilege];

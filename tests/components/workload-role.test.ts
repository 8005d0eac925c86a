import { awsPartition } from "../../components/aws/iam";
import { WorkloadRole } from "../../components/aws/workload-role";
import type { WorkloadRoleArgs } from "../../components/aws/workload-role";
import { record } from "../harness";

const OIDC_ARN = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC";
const ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC";
const s3Read = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::dags/*" }] });
const irsa: WorkloadRoleArgs = { identity: { kind: "irsa", oidcProviderArn: OIDC_ARN, issuerUrl: ISSUER }, namespace: "airflow", serviceAccounts: ["airflow-worker", "airflow-scheduler"], policies: { dags: s3Read } };

describe("WorkloadRole", () => {
  it("trusts exactly the named service accounts of one namespace through IRSA, with tokens for STS only", async () => {
    let annotations: Record<string, string> = {};
    const recorded = await record(() => {
      const role = new WorkloadRole("airflow", irsa);
      role.serviceAccountAnnotations.apply((a) => (annotations = a));
    });
    const role = recorded.one("aws:iam/role:Role");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: OIDC_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": ["system:serviceaccount:airflow:airflow-worker", "system:serviceaccount:airflow:airflow-scheduler"],
              "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
    expect(recorded.one("aws:iam/rolePolicy:RolePolicy").inputs).toMatchObject({ policy: s3Read, role: role.outputs.id });
    expect(recorded.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")).toEqual([]);
    expect(annotations).toEqual({ "eks.amazonaws.com/role-arn": role.outputs.arn });
  });

  it("trusts the Pod Identity service and associates each service account, with no annotation", async () => {
    let annotations: Record<string, string> = { unset: "yes" };
    let egress: unknown[] = [];
    const recorded = await record(() => {
      const role = new WorkloadRole("genai", { ...irsa, identity: { kind: "pod-identity", clusterName: "forja" }, namespace: "apps", serviceAccounts: ["worker"] });
      role.serviceAccountAnnotations.apply((a) => (annotations = a));
      egress = role.egress;
    });
    const role = recorded.one("aws:iam/role:Role");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
    });
    expect(recorded.one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs).toMatchObject({ clusterName: "forja", namespace: "apps", serviceAccount: "worker", roleArn: role.outputs.arn });
    expect(annotations).toEqual({});
    expect(egress).toEqual([
      { cidr: "169.254.170.23/32", ports: [80] },
      { cidr: "0.0.0.0/0", ports: [443] },
    ]);
  });

  it("attaches AWS managed policies in the region's partition", async () => {
    const recorded = await record(() => new WorkloadRole("ebs", { ...irsa, policies: undefined, managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"], region: "cn-northwest-1" }));
    expect(recorded.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn).toBe("arn:aws-cn:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
  });

  it("knows the three partitions", () => {
    expect([awsPartition("us-east-1"), awsPartition("cn-north-1"), awsPartition("us-gov-west-1"), awsPartition("eu-central-2")]).toEqual(["aws", "aws-cn", "aws-us-gov", "aws"]);
  });

  it.each([
    ["a cluster without workload identity", { identity: { kind: "none" } }, /"identity.kind" was "none"/],
    ["IRSA without the OIDC provider", { identity: { kind: "irsa", issuerUrl: ISSUER } }, /"identity" .*oidcProviderArn and issuerUrl/],
    ["Pod Identity without the cluster name", { identity: { kind: "pod-identity" } }, /"identity.clusterName" was missing/],
    ["no service account", { serviceAccounts: [] }, /"serviceAccounts" was \[\]/],
    ["a service account named twice", { serviceAccounts: ["a", "a"] }, /distinct DNS-1123 service account names/],
    ["a role that can do nothing", { policies: {} }, /at least one inline or managed policy/],
  ])("refuses %s before registering anything", async (_label, change, expected) => {
    const recorded = await record(() => {
      expect(() => new WorkloadRole("bad", { ...irsa, ...(change as Partial<WorkloadRoleArgs>) })).toThrow(expected);
    });
    expect(recorded.records.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("refuses a JavaScript call without args with an argument error, not a TypeError", () => {
    expect(() => new WorkloadRole("js", undefined as unknown as WorkloadRoleArgs)).toThrow(/WorkloadRole: argument "args" was missing/);
  });
});

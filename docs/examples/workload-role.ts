// An AWS role only the `reports` service account of namespace `apps` can assume.
import * as aws from "@pulumi/aws";
import { EksCluster } from "forja/eks";
import { WorkloadRole } from "forja/workload-role";

const provider = new aws.Provider("aws", { region: "us-east-1" });
const cluster = new EksCluster("platform", { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b"], publicAccessCidrs: ["198.51.100.0/24"] }, { providers: { aws: provider } });
const role = new WorkloadRole(
  "reports",
  {
    identity: cluster.capabilities.workloadIdentity,
    namespace: "apps",
    serviceAccounts: ["reports"],
    policies: {
      read: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::acme-reports/*"] }] }),
    },
  },
  { providers: { aws: provider } },
);
export const roleArn = role.roleArn;
export const annotations = role.serviceAccountAnnotations;

// An EKS cluster in its own VPC; workloads get its capabilities and provider.
import * as aws from "@pulumi/aws";
import { EksCluster } from "forja/eks";

const provider = new aws.Provider("aws", { region: "us-east-1", allowedAccountIds: ["111122223333"] });
const cluster = new EksCluster(
  "platform",
  {
    region: "us-east-1",
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    publicAccessCidrs: ["198.51.100.0/24"], // where `pulumi up` and CI run
    nodeGroups: { general: { instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 6 } },
  },
  { providers: { aws: provider } },
);
export const kubeconfig = cluster.kubeconfig;
export const egressIps = cluster.egressIps;

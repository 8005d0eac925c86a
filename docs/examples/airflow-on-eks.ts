// Airflow on EKS with RDS, ElastiCache, S3 and an internal ALB, all from the cluster's outputs.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { AirflowOnEks } from "forja/airflow-eks";
import { EksCluster } from "forja/eks";

const provider = new aws.Provider("aws", { region: "us-east-1" });
const cluster = new EksCluster("platform", { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b"], publicAccessCidrs: ["198.51.100.0/24"] }, { providers: { aws: provider } });
const ns = new k8s.core.v1.Namespace("airflow", { metadata: { name: "airflow" } }, { provider: cluster.provider });
const airflow = new AirflowOnEks(
  "airflow",
  {
    cluster: cluster.capabilities,
    namespace: ns.metadata.name,
    vpcId: cluster.vpcId,
    privateSubnetIds: cluster.privateSubnetIds,
    nodeSecurityGroupId: cluster.nodeSecurityGroupId,
    protect: true,
  },
  { providers: { aws: provider, kubernetes: cluster.provider } },
);
export const rdsEndpoint = airflow.rdsEndpoint;
export const uiUrl = airflow.uiUrl;

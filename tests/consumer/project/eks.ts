/**
 * A consumer's EKS stack: `forja/eks` and a WebService with an AWS role
 * (Pod Identity), which needs `@pulumi/aws` and `@pulumi/eks` as well.
 */
import * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "forja/eks";
import { WebService } from "forja/web-service";

export function eksStack(): Record<string, pulumi.Output<string[] | string | undefined>> {
  const cluster = new EksCluster("shop", { region: "eu-west-1", availabilityZones: ["eu-west-1a", "eu-west-1b"], publicAccessCidrs: ["198.51.100.0/24"], natGateways: "single", workloadIdentity: "pod-identity" });
  const worker = new WebService(
    "worker",
    {
      cluster: cluster.capabilities,
      namespace: "shop",
      image: "public.ecr.aws/acme/worker:2.0.1",
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      roleArn: pulumi.interpolate`arn:aws:iam::123456789012:role/shop-worker`,
    },
    { providers: { kubernetes: cluster.provider } },
  );
  return { egressIps: cluster.egressIps, kubeconfig: cluster.kubeconfig, worker: worker.name };
}

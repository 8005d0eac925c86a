/**
 * A consumer's K3s stack, as another team writes it: only `forja/k3s`,
 * `forja/web-service` and the peers they need (`@pulumi/pulumi`, `@pulumi/kubernetes`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { K3sCluster } from "forja/k3s";
import { WebService } from "forja/web-service";

/** `port` outside 1-65535 makes WebService refuse its args: the program a refusal test runs. */
export function k3sStack(port = 8000): Record<string, pulumi.Output<string | undefined>> {
  const cluster = new K3sCluster("lab", { storageClass: "standard", ingressClass: "nginx" });
  const api = new WebService(
    "api",
    {
      cluster: cluster.capabilities,
      namespace: "apps",
      image: "ghcr.io/acme/api:1.4.2",
      port,
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      autoscaling: { minReplicas: 2, maxReplicas: 10 },
      ingress: { path: "/api" },
    },
    { providers: { kubernetes: cluster.provider } },
  );
  return { url: api.url };
}

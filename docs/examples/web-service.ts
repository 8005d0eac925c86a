// One routed HTTP service on K3s, in a namespace the program creates.
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { WebService } from "forja/web-service";

const cluster = new K3sCluster("lab", {});
const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });

const api = new WebService(
  "api",
  {
    cluster: cluster.capabilities,
    namespace: apps.metadata.name, // an Output: the service waits for the namespace
    image: "ghcr.io/acme/api:1.4.2",
    port: 8000,
    resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    autoscaling: { minReplicas: 2, maxReplicas: 10 },
    ingress: { path: "/api" },
  },
  { providers: { kubernetes: cluster.provider } },
);
export const url = api.url;

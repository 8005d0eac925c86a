// An MLflow tracking server keeping its runs (SQLite) and artifacts on a retained 20Gi volume,
// reachable from the pods of the namespace "ml-dev" only.
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { StatefulService } from "forja/stateful-service";

const cluster = new K3sCluster("lab", {});
const ml = new k8s.core.v1.Namespace("ml", { metadata: { name: "ml" } }, { provider: cluster.provider });
const mlflow = new StatefulService(
  "mlflow",
  {
    cluster: cluster.capabilities,
    namespace: ml.metadata.name,
    image: "ghcr.io/mlflow/mlflow:v3.18.0",
    port: 5000,
    command: ["mlflow", "server", "--host", "0.0.0.0", "--port", "5000", "--backend-store-uri", "sqlite:////mlflow/mlflow.db", "--artifacts-destination", "/mlflow/artifacts"],
    env: { HOME: "/mlflow", MLFLOW_SERVER_ALLOWED_HOSTS: "mlflow.ml.svc.cluster.local:5000" },
    resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    // Set once: a later change of the size is refused (see "Growing the volume").
    volume: { mountPath: "/mlflow", size: "20Gi" },
    createdWith: { volumeSize: "20Gi" },
    probes: { readiness: { http: { path: "/health" } }, liveness: { http: { path: "/health" }, initialDelaySeconds: 30 } },
    clients: [{ namespace: "ml-dev" }],
  },
  { providers: { kubernetes: cluster.provider } },
);
export const url = mlflow.url; // http://mlflow.ml.svc.cluster.local:5000

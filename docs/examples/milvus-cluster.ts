// Milvus on K3s: the development preset, MinIO for segments, reachable from the pods labelled app=api.
import { K3sCluster } from "forja/k3s";
import { MilvusCluster } from "forja/milvus";

const cluster = new K3sCluster("lab", {});
const milvus = new MilvusCluster(
  "milvus",
  { cluster: cluster.capabilities, preset: "development", storage: "minio", clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" }, podLabels: { app: "api" } }] },
  { providers: { kubernetes: cluster.provider } },
);
export const endpoint = milvus.endpoint; // milvus.milvus.svc.cluster.local:19530

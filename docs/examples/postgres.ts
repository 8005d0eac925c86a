// PostgreSQL on a cluster without a managed database, with a database for n8n.
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { Postgres } from "forja/postgres";

const cluster = new K3sCluster("lab", {});
const data = new k8s.core.v1.Namespace("data", { metadata: { name: "data" } }, { provider: cluster.provider });
const postgres = new Postgres(
  "postgres",
  {
    cluster: cluster.capabilities,
    namespace: data.metadata.name,
    databases: [{ name: "n8n", schemas: ["n8n"] }],
    clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" }, podLabels: {} }],
  },
  { providers: { kubernetes: cluster.provider } },
);
export const host = postgres.host;

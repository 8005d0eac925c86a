// Airflow 3 on K3s with Forja's own Postgres and Redis (the component creates them).
import * as k8s from "@pulumi/kubernetes";
import { Airflow } from "forja/airflow";
import { K3sCluster } from "forja/k3s";

const cluster = new K3sCluster("lab", {});
const airflowNs = new k8s.core.v1.Namespace("airflow", { metadata: { name: "airflow" } }, { provider: cluster.provider });
const airflow = new Airflow(
  "airflow",
  { cluster: cluster.capabilities, namespace: airflowNs.metadata.name, preset: "development", ingress: { host: "airflow.localhost" } },
  { providers: { kubernetes: cluster.provider } },
);
export const uiUrl = airflow.uiUrl;

// An MLflow tracking server on K3s: runs in Postgres, artifacts in a SeaweedFS bucket, each
// connection named once with connect (the server admits the client, the client may leave).
import * as k8s from "@pulumi/kubernetes";
import { connect } from "forja/core";
import { K3sCluster } from "forja/k3s";
import { Mlflow } from "forja/mlflow";
import { ObjectStore } from "forja/object-store";
import { Postgres } from "forja/postgres";

const cluster = new K3sCluster("lab", {});
const opts = { providers: { kubernetes: cluster.provider } };
const ml = new k8s.core.v1.Namespace("ml", { metadata: { name: "ml" } }, { provider: cluster.provider });
const at = (name: string) => ({ name, namespace: "ml" });
const toDatabase = connect(at("mlflow"), at("mlflow-db"), [5432]);
const toBucket = connect(at("mlflow"), at("artifacts"), [8333]);

const postgres = new Postgres("mlflow-db", { cluster: cluster.capabilities, namespace: ml.metadata.name, databases: [{ name: "mlflow", owner: "mlflow" }], clients: [toDatabase.ingress] }, opts);
const store = new ObjectStore("artifacts", { cluster: cluster.capabilities, namespace: ml.metadata.name, buckets: ["mlflow"], clients: [toBucket.ingress] }, opts);
const mlflow = new Mlflow(
  "mlflow",
  {
    cluster: cluster.capabilities,
    namespace: "ml",
    // The owner's URL, by Secret reference: the password never enters the pod spec.
    database: { urlSecret: { name: postgres.ownerSecretNames.apply((names) => names.mlflow), key: "url" }, peer: toDatabase.egress },
    artifacts: { bucket: "mlflow", url: store.url, credentialsSecret: store.credentialsSecretName, peer: toBucket.egress },
    allowedHosts: ["mlflow.example.internal"],
    databaseReady: [ml, postgres],
    serverReady: store.ready,
  },
  opts,
);
export const trackingUri = mlflow.url; // http://mlflow.ml.svc.cluster.local:5000
export const clientPeer = mlflow.clientPeer; // what a client's egress allows

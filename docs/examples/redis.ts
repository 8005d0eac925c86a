// Redis with a generated password, reachable only from the pods labelled app=worker.
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { Redis } from "forja/redis";

const cluster = new K3sCluster("lab", {});
const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
const redis = new Redis(
  "cache",
  { cluster: cluster.capabilities, namespace: apps.metadata.name, clients: [{ podLabels: { app: "worker" } }] },
  { providers: { kubernetes: cluster.provider } },
);
export const url = redis.url; // a secret: redis://:<password>@<host>:6379

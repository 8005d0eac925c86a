// Ollama on Kubernetes, reachable from the pods labelled app=api.
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { Ollama } from "forja/ollama";

const cluster = new K3sCluster("lab", {});
const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
const ollama = new Ollama(
  "ollama",
  { cluster: cluster.capabilities, namespace: apps.metadata.name, models: ["llama3.2:3b"], clients: [{ podLabels: { app: "api" } }] },
  { providers: { kubernetes: cluster.provider } },
);
export const url = ollama.url;

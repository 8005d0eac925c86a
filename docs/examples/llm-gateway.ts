// LiteLLM in front of an in-cluster Ollama, with a Postgres of its own for virtual keys and spend.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { K3sCluster } from "forja/k3s";
import { LlmGateway } from "forja/llm-gateway";
import { Ollama } from "forja/ollama";
import { Postgres } from "forja/postgres";

const cluster = new K3sCluster("lab", {});
const opts = { providers: { kubernetes: cluster.provider } };
const ns = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
const namespace = ns.metadata.name;
// The gateway's pods, as its podSelector will name them: Ollama and Postgres admit them before the gateway exists.
const gatewayPods = { "app.kubernetes.io/name": "gateway", "app.kubernetes.io/instance": "gateway" };
const ollama = new Ollama("ollama", { cluster: cluster.capabilities, namespace, models: ["llama3.2:3b"], clients: [{ podLabels: gatewayPods }] }, opts);
const postgres = new Postgres("postgres", { cluster: cluster.capabilities, namespace, databases: [{ name: "litellm" }], clients: [{ podLabels: gatewayPods }] }, opts);
const databaseUrl = pulumi.secret(pulumi.interpolate`postgresql://litellm:${postgres.ownerPasswords.apply((passwords) => passwords.litellm)}@${postgres.host}:${postgres.port}/litellm`);

const gateway = new LlmGateway(
  "gateway",
  {
    cluster: cluster.capabilities,
    namespace,
    databaseUrl,
    database: { podLabels: postgres.podSelector },
    models: [{ name: "chat", backend: "ollama", model: "llama3.2:3b", apiBase: ollama.url }],
    egressTo: [{ podLabels: ollama.podSelector, ports: [11434] }],
    keys: [{ name: "api", limits: { rpmLimit: 60 } }], // each workload gets a virtual key, never the master key
  },
  opts,
);
export const url = gateway.url;

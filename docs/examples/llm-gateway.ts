// LiteLLM in front of an in-cluster Ollama, with a Postgres of its own for virtual keys and spend.
import * as k8s from "@pulumi/kubernetes";
import { connect } from "forja/core";
import { K3sCluster } from "forja/k3s";
import { LlmGateway } from "forja/llm-gateway";
import { Ollama } from "forja/ollama";
import { Postgres } from "forja/postgres";

const cluster = new K3sCluster("lab", {});
const opts = { providers: { kubernetes: cluster.provider } };
const ns = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
const namespace = ns.metadata.name;
// Servers admit nobody by default: each connection is one call, both halves from names alone.
const toModel = connect({ name: "gateway", namespace: "apps" }, { name: "ollama", namespace: "apps" }, [11434]);
const toDatabase = connect({ name: "gateway", namespace: "apps" }, { name: "postgres", namespace: "apps" }, [5432]);
const ollama = new Ollama("ollama", { cluster: cluster.capabilities, namespace, models: ["llama3.2:3b"], clients: [toModel.ingress] }, opts);
const postgres = new Postgres("postgres", { cluster: cluster.capabilities, namespace, databases: [{ name: "litellm" }], clients: [toDatabase.ingress] }, opts);

const gateway = new LlmGateway(
  "gateway",
  {
    cluster: cluster.capabilities,
    namespace,
    databaseUrl: postgres.connectionUrls.apply((urls) => urls.litellm), // a secret, per database owner
    database: toDatabase.egress,
    models: [{ name: "chat", backend: "ollama", model: "llama3.2:3b", apiBase: ollama.url }],
    egressTo: [toModel.egress],
    keys: [{ name: "api", limits: { rpmLimit: 60 } }], // each workload gets a virtual key, never the master key
  },
  opts,
);
export const url = gateway.url;

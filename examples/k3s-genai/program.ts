/**
 * A GenAI stack on one K3s server, as another team's Pulumi project builds it
 * from Forja: Ollama serves a small model, LiteLLM (LlmGateway) fronts it with
 * virtual keys and keeps its keys and spend in Postgres, Redis is the gateway's
 * and the API's cache, and `chat-api` (a WebService behind Traefik) calls the
 * gateway with a key of its own. Every pod is default-deny: each component
 * admits only the pods named below.
 *
 *   pulumi config set --secret kubeconfig "$(cat ~/.kube/config)"   # omit to use the ambient kubeconfig
 *   pulumi config set apiImage ghcr.io/acme/chat-api:1.4.2
 *   pulumi config set apiPort 8000                                   # optional, 8000
 *   pulumi config set model llama3.2:3b                              # optional, llama3.2:3b
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { K3sCluster } from "forja/k3s";
import { LlmGateway } from "forja/llm-gateway";
import { Ollama } from "forja/ollama";
import { Postgres } from "forja/postgres";
import { Redis } from "forja/redis";
import { WebService } from "forja/web-service";

/**
 * The pods of a WebService or LlmGateway by its name, as Forja labels them
 * (its `podSelector`): Ollama, Postgres and Redis are created first, so they
 * name their clients before those exist.
 */
const podsOf = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name });
const GATEWAY_PODS = podsOf("gateway");
const API_PODS = podsOf("chat-api");

export function genai() {
  const config = new pulumi.Config();
  const model = config.get("model") ?? "llama3.2:3b";

  const cluster = new K3sCluster("lab", { kubeconfig: config.getSecret("kubeconfig") });
  const opts = { providers: { kubernetes: cluster.provider } };
  const ns = new k8s.core.v1.Namespace(
    "genai",
    { metadata: { name: "genai", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    { provider: cluster.provider, protect: true, retainOnDelete: true },
  );
  const namespace = ns.metadata.name;
  const common = { cluster: cluster.capabilities, namespace };

  const ollama = new Ollama("ollama", { ...common, models: [model], clients: [{ podLabels: GATEWAY_PODS }] }, opts);
  const postgres = new Postgres("postgres", { ...common, databases: [{ name: "litellm" }, { name: "chat" }], clients: [{ podLabels: GATEWAY_PODS }, { podLabels: API_PODS }] }, opts);
  const redis = new Redis("redis", { ...common, clients: [{ podLabels: GATEWAY_PODS }, { podLabels: API_PODS }] }, opts);
  const password = (database: string) => postgres.ownerPasswords.apply((passwords) => passwords[database]);
  const databaseUrl = (database: string) => pulumi.secret(pulumi.interpolate`postgresql://${database}:${password(database)}@${postgres.host}:${postgres.port}/${database}`);

  const gateway = new LlmGateway(
    "gateway",
    {
      ...common,
      models: [{ name: "chat", backend: "ollama", model, apiBase: ollama.url }],
      databaseUrl: databaseUrl("litellm"),
      database: { podLabels: postgres.podSelector, ports: [postgres.port] },
      // Two replicas share rate limits and budgets through Redis.
      replicas: 2,
      redis: { url: redis.url, peer: { podLabels: redis.podSelector, ports: [redis.port] } },
      egressTo: [{ podLabels: ollama.podSelector, ports: [11434] }],
      clients: [{ podLabels: API_PODS }],
      keys: [{ name: "chat-api", models: ["chat"], limits: { rpmLimit: 60 } }],
    },
    opts,
  );

  const api = new WebService(
    "chat-api",
    {
      ...common,
      image: config.require("apiImage"),
      port: config.getNumber("apiPort") ?? 8000,
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      env: { LLM_BASE_URL: gateway.url, LLM_MODEL: "chat" },
      // The API gets its own virtual key, never the gateway's master key.
      secretEnv: { LLM_API_KEY: gateway.keys["chat-api"], DATABASE_URL: databaseUrl("chat"), REDIS_URL: redis.url },
      ingress: { path: "/" },
      networkPolicy: {
        egressTo: [
          gateway.peer,
          { podLabels: postgres.podSelector, ports: [postgres.port] },
          { podLabels: redis.podSelector, ports: [redis.port] },
        ],
      },
    },
    opts,
  );

  return { url: api.url, gatewayUrl: gateway.url, models: gateway.modelNames };
}

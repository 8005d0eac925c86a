import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

/** Where a gateway model is served. */
export const GatewayBackend = {
  /** An Ollama server (LiteLLM `ollama_chat/<model>`). */
  Ollama: "ollama",
  /** Amazon Bedrock (LiteLLM `bedrock/<model id>`), with the gateway's role or static keys. */
  Bedrock: "bedrock",
  /** An OpenAI-compatible API (LiteLLM `openai/<model>`), with an optional key. */
  OpenAi: "openai",
} as const;
export type GatewayBackend = (typeof GatewayBackend)[keyof typeof GatewayBackend];

/** One entry of LiteLLM's model_list. */
export interface GatewayModelArgs {
  /** The name clients ask for (`model` in /v1/chat/completions). */
  name: string;
  backend: GatewayBackend;
  /** The backend's model id: an Ollama tag, a Bedrock model or inference profile id, an OpenAI model. */
  model: string;
  /** Ollama and OpenAI-compatible: the backend URL. @default unset (required for ollama and openai) */
  apiBase?: pulumi.Input<string>;
  /** OpenAI-compatible: the backend's key, delivered as a secret. @default unset (no key) */
  apiKey?: pulumi.Input<string>;
  /** Requests per minute this deployment may take (LiteLLM routes around a full one). Integer. @integer @default unlimited */
  rpm?: number;
  /** Tokens per minute this deployment may take. Integer. @integer @default unlimited */
  tpm?: number;
}

/** A Redis the replicas share (rate-limit and budget counters, key revocations): Forja's Redis or any. */
export interface GatewayRedisArgs {
  /** `redis://[:password@]host:port` (a secret): e.g. the Redis component's `url`. */
  url: pulumi.Input<string>;
  /** Where Redis is, for the egress allow: `redis.clientPeer` (or `connect(gateway, redis, [6379]).egress`), or a CIDR. Port 6379 unless `ports` says. */
  peer: Peer;
}

/** Prometheus metrics (LiteLLM's `prometheus` callback, open source since 1.80). */
export interface GatewayMetricsArgs {
  /**
   * Who may scrape `/metrics/` without a key. LiteLLM requires auth there by
   * default, and a scrape key can only be made at runtime; Forja turns that
   * off and admits these peers on 4000 instead (a NetworkPolicy cannot narrow
   * by path: they may call the API too, but only with a key).
   */
  scrapers: Peer[];
}

/** Limits of LiteLLM virtual keys (the seed's "rate limiting", per key). */
export interface KeyLimitsArgs {
  /** Requests per minute. Integer. @integer @default unlimited */
  rpmLimit?: number;
  /** Tokens per minute. Integer. @integer @default unlimited */
  tpmLimit?: number;
  /** Spend cap in US dollars per budget period. @default unlimited */
  maxBudgetUsd?: number;
  /** Budget period, e.g. "30d", "1h". @default "30d" when maxBudgetUsd is set */
  budgetDuration?: string;
}

/** A virtual key made for one workload: its own limits, instead of raw access to the backends. */
export interface VirtualKeyArgs {
  /** The key's alias in LiteLLM and its name in `gateway.keys`: a DNS-1123 label. */
  name: string;
  /** Model names the key may call. @default every model of the gateway */
  models?: string[];
  /** Rate limits and budget of this key (within keyUpperBounds). @default keyDefaults */
  limits?: KeyLimitsArgs;
}

export interface LlmGatewayArgs {
  /** Capabilities of the cluster it runs on. */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** The models the gateway serves. At least one. */
  models: GatewayModelArgs[];
  /**
   * Postgres for virtual keys and spend, as a `postgresql://` URL (a secret):
   * a Forja Postgres's `connectionUrls[owner]` (the owner of the gateway's
   * database), or `--secret` config for a managed database.
   */
  databaseUrl: pulumi.Input<string>;
  /** Where the database is, for the egress allow: `postgres.clientPeer` (or `connect(gateway, postgres, [5432]).egress`), or a CIDR. Port 5432 unless `ports` says. */
  database: Peer;
  /** LiteLLM's non-root image, pinned. @default "docker.io/litellm/litellm-non_root:v1.104.2@sha256:e8dee87e…" */
  image?: string;
  /** Integer; more than one needs `redis`. @default 2 with redis, else 1 */
  replicas?: number;
  /** Shared state for the replicas: required when replicas > 1. @default none */
  redis?: GatewayRedisArgs;
  /** Prometheus metrics, scraped without a key by the named peers only. @default off */
  metrics?: GatewayMetricsArgs;
  /** @default 500m CPU and 1Gi requested, 2Gi memory limit */
  resources?: Resources;
  /**
   * Virtual keys generated here (kept in state as secrets) and registered by a
   * Job through POST /key/generate once the gateway is up: hand `keys[name]`
   * to a workload (GenAiAccess `apiKey`). @default none
   */
  keys?: VirtualKeyArgs[];
  /** Limits every new virtual key gets unless its creator sets others. @default none */
  keyDefaults?: KeyLimitsArgs;
  /** Limits no virtual key may exceed, whatever its creator asks. @default none */
  keyUpperBounds?: KeyLimitsArgs;
  /** Bedrock: the account in inference-profile ARNs (for the gateway's role). @default unset */
  bedrockAccountId?: pulumi.Input<string>;
  /** Bedrock: the region the gateway calls. @default cluster.region */
  bedrockRegion?: string;
  /**
   * Bedrock without workload identity (K3s): static keys, delivered as
   * secrets. With workload identity the gateway gets a role instead. @default unset
   */
  bedrockAccessKeyId?: pulumi.Input<string>;
  /** Secret part of `bedrockAccessKeyId`. @default unset */
  bedrockSecretAccessKey?: pulumi.Input<string>;
  /** Pods that may call the gateway on 4000, e.g. `connect(client, gateway, [4000]).ingress` (its own key Job is always admitted). @default nobody */
  clients?: Peer[];
  /** Further egress allows (an Ollama in another namespace, a proxy). @default in-namespace backends on their ports, HTTPS to Bedrock or external APIs */
  egressTo?: Peer[];
  /** UID (and GID) the container runs as: the image's `nobody` owns what LiteLLM writes. @integer @default 65534 */
  runAsUser?: number;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}

export const LLM_GATEWAY_DEFAULTS = {
  /**
   * LiteLLM's non-root image (docker/Dockerfile.non_root: USER nobody, HOME=/app,
   * /app, site-packages/prisma, the migrations and the UI chowned to nobody).
   * Pinned by tag and digest: the newest non-root tag whose digest two public
   * repositories record (docs/components/llm-gateway.md, "What was verified, and how").
   */
  image: "docker.io/litellm/litellm-non_root:v1.104.2@sha256:e8dee87e7ddbf9abc174e8a7b180a690d5265cc4827458d22c5ff5e108170027",
  /** `nobody` in the image: the owner of every path LiteLLM writes in its own tree. */
  uid: 65534,
  port: 4000,
  /** With Redis (shared counters); without it one pod, since limits would multiply by the replicas. */
  replicasWithRedis: 2,
  replicasWithoutRedis: 1,
  resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
  configPath: "/etc/litellm",
  configFile: "config.yaml",
  /** Unauthenticated, and neither calls a model (GET /health does, and needs the master key: seed 003's 401s). */
  livenessPath: "/health/liveliness",
  readinessPath: "/health/readiness",
  /** The schema check at start takes a while on a cold pod: five minutes before liveness counts. */
  startupFailureThreshold: 30,
  databasePort: 5432,
  redisPort: 6379,
  httpsPort: 443,
  budgetDuration: "30d",
  /** LiteLLM wants keys that start with sk-. */
  keyPrefix: "sk-",
  keyLength: 48,
  /** Where the migration Job lets litellm_proxy_extras copy (and baseline) its migrations (LITELLM_MIGRATION_DIR). */
  migrationsPath: "/var/lib/litellm/migrations",
  migrationsSizeLimit: "64Mi",
  /** A migration that has not finished in 10 minutes will not: fail the Job, and the update. */
  migrationDeadlineSeconds: 600,
  migrationBackoffLimit: 3,
  /** One uvicorn worker per pod: scale with replicas, and Prometheus needs no multiprocess directory. */
  workers: 1,
  /** Registering keys waits for nothing but the gateway: a few minutes at most. */
  keysDeadlineSeconds: 300,
  keysPath: "/etc/litellm-keys",
  /** /metrics is an ASGI mount: /metrics answers with a redirect, /metrics/ with the series. */
  metricsPath: "/metrics/",
} as const;

/** LiteLLM provider prefixes per backend. */
export const LITELLM_PREFIX = { ollama: "ollama_chat", bedrock: "bedrock", openai: "openai" } as const;

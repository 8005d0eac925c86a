export const LLM_GATEWAY_DEFAULTS = {
  /** LiteLLM LTS release; never `latest` or `main-stable`, which move. */
  image: "ghcr.io/berriai/litellm:v1.108.5",
  port: 4000,
  replicas: 2,
  resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
  configPath: "/etc/litellm",
  configFile: "config.yaml",
  /** Unauthenticated, and neither calls a model (GET /health does, and needs the master key: seed 003's 401s). */
  livenessPath: "/health/liveliness",
  readinessPath: "/health/readiness",
  /** Prisma migrations run at start: give the first start five minutes before liveness counts. */
  startupFailureThreshold: 30,
  databasePort: 5432,
  httpsPort: 443,
  budgetDuration: "30d",
  /** LiteLLM wants keys that start with sk-. */
  keyPrefix: "sk-",
  keyLength: 48,
} as const;

/** LiteLLM provider prefixes per backend. */
export const LITELLM_PREFIX = { ollama: "ollama_chat", bedrock: "bedrock", openai: "openai" } as const;

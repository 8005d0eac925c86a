export const OLLAMA_ACI_DEFAULTS = {
  modelShareQuotaGiB: 100,
  dnsNameReusePolicy: "TenantReuse",
  protect: true,
} as const;

export const ACI_OLLAMA_DEFAULTS = {
  imageFromRegistry: true,
  cpu: 2,
  memoryInGB: 8,
  gpuCount: 0,
} as const;

export const ACI_APP_DEFAULTS = {
  cpu: 1,
  memoryInGB: 1.5,
  probePath: "/",
} as const;

/** Probe cadence of seed 001's FastAPI app: liveness every 30 s, readiness every 10 s, three failures each. */
export const APP_PROBES = {
  liveness: { periodSeconds: 30, failureThreshold: 3 },
  readiness: { periodSeconds: 10, failureThreshold: 3 },
} as const;

/** Ollama's probes: readiness quickly, liveness patient (the server is busy while a model loads). */
export const OLLAMA_PROBE_TIMINGS = {
  readiness: { initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 },
  liveness: { initialDelaySeconds: 30, periodSeconds: 30, failureThreshold: 5, timeoutSeconds: 10 },
} as const;

export const CONTAINER_NAMES = { ollama: "ollama", pull: "pull-models" } as const;
export const MODELS_VOLUME = "ollama-models";
/** ACI runs the image's user (root for Ollama): its model directory. */
export const ACI_OLLAMA_HOME = "/root/.ollama";
export const MODEL_SHARE_NAME = "ollama-models";
export const LOG_TYPE = "ContainerInstanceLogs";
/** Variables the group sets in every app container. */
export const RESERVED_APP_ENV = ["OLLAMA_BASE_URL", "AZURE_CLIENT_ID"] as const;
export const STORAGE_ACCOUNT = { kind: "StorageV2", sku: "Standard_LRS", minimumTlsVersion: "TLS1_2" } as const;

/**
 * Inputs ACI refuses to change on a running group ("you must delete it first
 * and then create a new one"): OS type, CPU, memory and GPU, ports, restart
 * policy, network profile (public IP or subnet), Log Analytics settings and
 * volumes. A change to any of them recreates the group (delete first: its name
 * is fixed) instead of failing `pulumi up` on an in-place PUT.
 */
export const REPLACE_ON_CHANGES = [
  "osType",
  "sku",
  "restartPolicy",
  "containers[*].resources",
  "containers[*].ports",
  "ipAddress",
  "subnetIds",
  "diagnostics",
  "volumes",
] as const;

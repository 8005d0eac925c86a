/** Ollama's pinned image and the settings every deployment shares. */
export const OLLAMA_IMAGE = "docker.io/ollama/ollama:0.21.2";
export const OLLAMA_PORT = 11434;
/** Port of the short-lived server the model-pull step runs on loopback. */
export const OLLAMA_INIT_PORT = 11435;

export const OLLAMA_TUNING_DEFAULTS = {
  /** Keep a model loaded for a day after its last request: reloading from disk is slow. */
  keepAlive: "24h",
  /** One request at a time per model: predictable memory on small machines. */
  numParallel: 1,
  maxLoadedModels: 1,
} as const;

/** Readiness: the API answers. Liveness: the server answers at all, with time to load. */
export const OLLAMA_PROBES = {
  readinessPath: "/api/version",
  livenessPath: "/",
} as const;

/** Kubernetes: the image's root user is replaced by this one, with its home on the model volume. */
export const OLLAMA_KUBERNETES_DEFAULTS = {
  storageSize: "50Gi",
  gpuCount: 0,
  protect: true,
  resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { memory: "8Gi" } },
} as const;

/** HOME of the non-root user: Ollama keeps its key and models under $HOME/.ollama, which is the volume. */
export const OLLAMA_KUBERNETES_HOME = "/home/ollama";
export const OLLAMA_DATA_VOLUME = "data";
/** The pull step only downloads: small and bounded. */
export const PULL_RESOURCES = { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } } as const;
export const SCRATCH = { volume: "tmp", path: "/tmp", sizeLimit: "1Gi" } as const;
export const GPU_RESOURCE = "nvidia.com/gpu";
/**
 * K3s registers the NVIDIA container runtime as RuntimeClass "nvidia" and
 * keeps runc the default: a GPU pod must ask for it. EKS GPU AMIs make the
 * NVIDIA runtime containerd's default, and define no such RuntimeClass.
 */
export const K3S_GPU_RUNTIME_CLASS = "nvidia";
/** Model downloads: registry.ollama.ai and its CDN have no fixed addresses. */
export const MODEL_REGISTRY_EGRESS = { cidr: "0.0.0.0/0", port: 443 } as const;

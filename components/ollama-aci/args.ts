/** Public types of OllamaContainerGroup. */
import type * as pulumi from "@pulumi/pulumi";
import type { AciCapabilities } from "../platform/aci/capabilities";

/** Where models live: an Azure Files share survives restarts (slower loads); an emptyDir is re-pulled at every start. */
export const ModelStorage = { AzureFiles: "azure-files", EmptyDir: "empty-dir" } as const;
export type ModelStorage = (typeof ModelStorage)[keyof typeof ModelStorage];

/** Who may reuse the group's DNS label after it is deleted; anything but "Unsecure" adds a hash that prevents takeover. */
export const DnsNameReusePolicy = { TenantReuse: "TenantReuse", SubscriptionReuse: "SubscriptionReuse", ResourceGroupReuse: "ResourceGroupReuse", NoReuse: "Noreuse" } as const;
export type DnsNameReusePolicy = (typeof DnsNameReusePolicy)[keyof typeof DnsNameReusePolicy];

/** The Ollama container. */
export interface AciOllamaArgs {
  /** Image, pinned. @default "docker.io/ollama/ollama:0.21.2" */
  image?: string;
  /**
   * Pull the same repository and tag through the environment's registry: the
   * group creates an ACR artifact cache rule for the image's repository (one
   * anonymous upstream pull per tag, no Docker Hub rate limit at each start)
   * and pulls with its identity. `false` pulls anonymously from the image's
   * own registry. A registry holds one cache rule per repository: give a
   * second group in the same environment `false`, or the first group's rule serves it.
   * @default true
   */
  imageFromRegistry?: boolean;
  /** vCPUs. @default 2 */
  cpu?: number;
  /** Memory in GB (multiple of 0.1): the model must fit. @default 8 */
  memoryInGB?: number;
  /** OLLAMA_KEEP_ALIVE: how long an idle model stays loaded. @default "24h" */
  keepAlive?: string;
  /** OLLAMA_NUM_PARALLEL: requests served at once per model (integer). @integer @default 1 */
  numParallel?: number;
  /** OLLAMA_MAX_LOADED_MODELS (integer). @integer @default 1 */
  maxLoadedModels?: number;
  /** GPUs (integer). ACI's GPU SKUs are being retired: any value above 0 is refused. @default 0 */
  gpuCount?: number;
}

/** An application container next to Ollama (seed 001's FastAPI `datalk-api`). */
export interface AciAppContainer {
  /** Container name (DNS label). */
  name: string;
  /** Repository in the environment's registry, e.g. `datalk-api`. */
  repository: string;
  /** Image tag, pinned (not `latest`). */
  tag: string;
  /** Port the app listens on, published on the group's IP (integer). */
  port: number;
  /** vCPUs. @default 1 */
  cpu?: number;
  /** Memory in GB (multiple of 0.1). @default 1.5 */
  memoryInGB?: number;
  /** Overrides the image's entrypoint. @default the image's */
  command?: string[];
  /** Plain settings. `OLLAMA_BASE_URL` and `AZURE_CLIENT_ID` are set by the group. @default {} */
  env?: Record<string, pulumi.Input<string>>;
  /** Credentials, passed as ACI secure values (never shown by the API, secrets in state). @default {} */
  secureEnv?: Record<string, pulumi.Input<string>>;
  /** HTTP path of the liveness (every 30 s) and readiness (every 10 s) probes. @default "/" */
  probePath?: string;
}

export interface OllamaContainerGroupArgs {
  /** The environment's capabilities (`AciEnvironment.capabilities`). */
  environment: AciCapabilities;
  /** Models pulled before Ollama starts, pinned: `llama3.2:1b`. */
  models: string[];
  /** Where models are kept: an explicit choice between persistence and simplicity. */
  modelStorage: ModelStorage;
  /** Size of the Azure Files share in GiB (integer). @default 100 */
  modelShareQuotaGiB?: number;
  /** @default {} */
  ollama?: AciOllamaArgs;
  /** Application containers; only their ports are published, never Ollama's. @default [] */
  apps?: AciAppContainer[];
  /** Public DNS label (`<label>.<hash>.<region>.azurecontainer.io`). Not with a subnet. @default the component name, on a public IP */
  dnsNameLabel?: string;
  /** @default "TenantReuse" */
  dnsNameReusePolicy?: DnsNameReusePolicy;
  /** Subnet (delegated to Microsoft.ContainerInstance/containerGroups) for a private IP instead of a public one. @default unset (public IP) */
  subnetId?: pulumi.Input<string>;
  /** Production: protects the model share's storage account. @default true */
  protect?: boolean;
  /** @default {} */
  tags?: Record<string, string>;
}

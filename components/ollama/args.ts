/** Public types of Ollama (Kubernetes). */
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

export interface OllamaArgs {
  /** Capabilities of the cluster (EksCluster or K3sCluster): storage class, architecture, GPUs, mirrors. */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Models pulled before the server starts, pinned: `qwen2.5:0.5b`. One already on the volume is not pulled again. */
  models: string[];
  /** Size of the model volume (a Kubernetes quantity). @default "50Gi" */
  storageSize?: string;
  /** Requests and limits of the server. @default requests cpu "1", memory "4Gi"; limit memory "8Gi" */
  resources?: Resources;
  /** NVIDIA GPUs for the server (integer); needs a cluster whose capabilities say GPUs exist. @default 0 */
  gpuCount?: number;
  /** OLLAMA_KEEP_ALIVE: how long an idle model stays loaded. @default "24h" */
  keepAlive?: string;
  /** OLLAMA_NUM_PARALLEL (integer). @integer @default 1 */
  numParallel?: number;
  /** OLLAMA_MAX_LOADED_MODELS (integer). @integer @default 1 */
  maxLoadedModels?: number;
  /** Who may call Ollama (it has no authentication), e.g. `connect(client, ollama, [11434]).ingress`. @default nobody */
  clients?: Peer[];
  /** Image, pinned; rewritten through the cluster's registry mirrors. @default "docker.io/ollama/ollama:0.21.2" */
  image?: string;
  /** UID (and GID) the server runs as; the image's root user is never used. @integer @default 65532 */
  runAsUser?: number;
  /** Production: protects the StatefulSet (its volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}

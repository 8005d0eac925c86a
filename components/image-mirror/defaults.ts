/** Public registries ECR can cache, named by the prefix their cached repositories get. */
export const Upstream = { DockerHub: "docker-hub", Quay: "quay", Ghcr: "ghcr", K8s: "k8s", EcrPublic: "ecr-public" } as const;
export type Upstream = (typeof Upstream)[keyof typeof Upstream];
/** The former name of `Upstream` as a type; kept for TypeScript callers. */
export type UpstreamName = Upstream;

export const UPSTREAMS: Record<UpstreamName, { registry: string; upstreamRegistryUrl: string; needsCredential: boolean }> = {
  "docker-hub": { registry: "docker.io", upstreamRegistryUrl: "registry-1.docker.io", needsCredential: true },
  quay: { registry: "quay.io", upstreamRegistryUrl: "quay.io", needsCredential: false },
  ghcr: { registry: "ghcr.io", upstreamRegistryUrl: "ghcr.io", needsCredential: true },
  k8s: { registry: "registry.k8s.io", upstreamRegistryUrl: "registry.k8s.io", needsCredential: false },
  "ecr-public": { registry: "public.ecr.aws", upstreamRegistryUrl: "public.ecr.aws", needsCredential: false },
};

export const IMAGE_MIRROR_DEFAULTS = {
  /** The upstreams that need no credential. */
  upstreams: ["quay", "k8s", "ecr-public"] as UpstreamName[],
  /** Images kept per cached repository; older ones expire (and are pulled again if needed). */
  keepImages: 30,
  /** Days before an untagged image expires. */
  untaggedDays: 7,
  /** Secrets Manager names ECR accepts for pull-through credentials must start with this. */
  credentialPrefix: "ecr-pullthroughcache/",
  manageRegistryScanning: true,
  protect: true,
} as const;

/**
 * Registry-wide scanning: every repository (cached ones included) is scanned
 * for CVEs on push. One configuration per account and region.
 */
export const REGISTRY_SCANNING = { scanType: "BASIC", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] } as const;

/** Public registries ECR can cache, by the prefix their cached repositories get. */
export const UPSTREAMS = {
  "docker-hub": { registry: "docker.io", upstreamRegistryUrl: "registry-1.docker.io", needsCredential: true },
  quay: { registry: "quay.io", upstreamRegistryUrl: "quay.io", needsCredential: false },
  ghcr: { registry: "ghcr.io", upstreamRegistryUrl: "ghcr.io", needsCredential: true },
  k8s: { registry: "registry.k8s.io", upstreamRegistryUrl: "registry.k8s.io", needsCredential: false },
  "ecr-public": { registry: "public.ecr.aws", upstreamRegistryUrl: "public.ecr.aws", needsCredential: false },
} as const;
export type UpstreamName = keyof typeof UPSTREAMS;

export const IMAGE_MIRROR_DEFAULTS = {
  /** The upstreams that need no credential. */
  upstreams: ["quay", "k8s", "ecr-public"] as UpstreamName[],
  /** Images kept per cached repository; older ones expire (and are pulled again if needed). */
  keepImages: 30,
  /** Days before an untagged image expires. */
  untaggedDays: 7,
  /** Secrets Manager names ECR accepts for pull-through credentials must start with this. */
  credentialPrefix: "ecr-pullthroughcache/",
} as const;

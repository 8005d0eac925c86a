import type { Resources } from "../core/resources";
/**
 * Pinned Istio: one version for the four charts and the images, where they
 * come from, and sizes for small clusters. Istio 1.28 (the seed's) is end of
 * life; its GCS chart repository and gcr.io images are being retired.
 */
import type { ChartReference } from "../helm/chart";

export const ISTIO_VERSION = "1.30.3";
const ISTIO_REPOSITORY = "https://blob.istio.io/istio-release/charts";

/** The four charts, installed in this order: base (CRDs), cni, istiod, gateway. */
export const ISTIO_CHARTS: Record<"base" | "cni" | "istiod" | "gateway", ChartReference> = {
  base: { chart: "base", version: ISTIO_VERSION, repository: ISTIO_REPOSITORY },
  cni: { chart: "cni", version: ISTIO_VERSION, repository: ISTIO_REPOSITORY },
  istiod: { chart: "istiod", version: ISTIO_VERSION, repository: ISTIO_REPOSITORY },
  gateway: { chart: "gateway", version: ISTIO_VERSION, repository: ISTIO_REPOSITORY },
};

/** Set explicitly: the release charts' packaged default is not something to rely on, and a mirror rewrites it. */
export const ISTIO_HUB = "docker.io/istio";

/** The proxy's uid and gid (istio-proxy, istio-validation and the gateway run as it). */
export const ISTIO_PROXY_USER = 1337;

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type MeshResources = Resources;

/**
 * Sizes for small clusters. istiod's own default (500m / 2Gi) alone is a
 * quarter of a 2-CPU / 8-GB machine; sidecars default to 100m / 128Mi each.
 */
/** CPU in millicores throughout: the charts write quantities unquoted, and "1" would come back a number. */
export const MESH_SIZES: Record<"small" | "standard", { istiod: MeshResources; gateway: MeshResources; proxy: MeshResources; cni: MeshResources }> = {
  /** A 2-CPU / 8-GB laptop. */
  small: {
    istiod: { requests: { cpu: "50m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "1Gi" } },
    gateway: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
    proxy: { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
    cni: { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
  },
  /** The seed's 6-CPU / 12-GB Minikube and up. */
  standard: {
    istiod: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2000m", memory: "2Gi" } },
    gateway: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2000m", memory: "1Gi" } },
    proxy: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
    cni: { requests: { cpu: "50m", memory: "100Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
  },
};

export const MESH_DEFAULTS = {
  namespace: "istio-system",
  cniNamespace: "istio-cni",
  gatewayNamespace: "istio-ingress",
  size: "small" as const,
  cni: true,
};

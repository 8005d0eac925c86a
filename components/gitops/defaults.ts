import type { Resources } from "../core/resources";
/** Pinned Argo CD and its small-cluster shape. */
import type { ChartReference } from "../helm/chart";

export const ARGO_CD_CHART: ChartReference = {
  chart: "argo-cd",
  version: "10.1.1",
  repository: "https://argoproj.github.io/argo-helm",
};

export const GITOPS_DEFAULTS = {
  namespace: "argocd",
  targetRevision: "HEAD",
  /** The API server address Applications deploy to: the cluster Argo CD runs in. */
  inCluster: "https://kubernetes.default.svc",
};

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type ArgoCdResources = Resources;

/** Slim sizes (the seed's 6-CPU / 12-GB machine, and 2 CPU / 8 GB): upstream sets none. */
export const ARGO_CD_RESOURCES: Record<"controller" | "repoServer" | "copyutil" | "server" | "redis" | "applicationSet", ArgoCdResources> = {
  controller: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  repoServer: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
  copyutil: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } },
  server: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
  redis: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
  applicationSet: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
};

/** The Secret the chart's redis and its clients read (`redisSecretInit` would make it in a hook). */
export const REDIS_SECRET = { name: "argocd-redis", key: "auth" } as const;
